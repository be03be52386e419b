"""The appointment report: a PDF a clinician can read in a minute, then look into.

    report = build_report(store, start, end, now, tz, paper=Paper.A4, sections=Sections())
    done = render_report(report, path, progress=..., cancelled=...)

`build_report` reads everything from the diary, in the calling thread (the store's SQLite
connection belongs to it). `render_report` reads nothing from the diary: it lays out and draws the
pages, so it can run in a worker thread, telling its progress (pages done, pages in all) and
stopping when asked.

The pages: the summary (page 1, on over page 2 only when it must), then the charts asked for,
each on its own page(s) as vector graphics, then the daily log with its header on every page.
Every page carries "Page N of M" (the pages are laid out before the first is drawn) and a footer
with the date made and the not-medical-advice statement. Text is embedded as TrueType, so a PDF
reader can search and copy it.

The file is created 0600 under a temporary name beside the target, and takes the target's name
only once complete; an existing file is never replaced, and a failure or a cancel leaves nothing.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages

from diary.domain.baseline import RESPONDER_SYMPTOM
from diary.domain.baseline import Period
from diary.domain.daytime import local_day
from diary.domain.safety import UNLOGGED_LOOKBACK_DAYS
from diary.domain.stats import adherence
from diary.domain.trends import comparison_of
from diary.report.charts import chart_pages
from diary.report.facts import Facts
from diary.report.facts import adherence_by_medication
from diary.report.facts import dose_facts
from diary.report.facts import in_force
from diary.report.facts import missed_doses
from diary.report.facts import named
from diary.report.facts import notes
from diary.report.facts import plan_changes
from diary.report.facts import symptom_facts
from diary.report.facts import taper_warnings
from diary.report.facts import unrated
from diary.report.layout import Flow
from diary.report.model import ALL_SECTIONS
from diary.report.model import Paper
from diary.report.model import Report
from diary.report.model import Sections
from diary.report.model import frame_for
from diary.report.pages import Page
from diary.report.pages import TextPage
from diary.report.pages import draw_page
from diary.report.ranges import check_range
from diary.report.summary import LIMITS
from diary.report.summary import continued_blocks
from diary.report.summary import summary_blocks
from diary.report.table import log_days
from diary.report.table import log_pages
from diary.report.wording import range_words
from diary.storage.file.placement import fsync_folder
from diary.storage.file.placement import place_new
from diary.storage.store import DiaryStore
from diary.storage.trends import load_trends

FILE_MODE = 0o600
# File systems without hard links (FAT on a USB stick): the finished file is renamed instead.

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ReportExistsError(FileExistsError):
    """The report's file is already there: it is never replaced."""


class ReportCancelled(Exception):
    """Rendering stopped because it was asked to; nothing was written."""


@dataclass(frozen=True)
class RenderedReport:
    path: Path
    pages: int
    summary_pages: int
    chart_pages: int
    log_pages: int


# --- gathering ----------------------------------------------------------------------------------
def build_report(store: DiaryStore, start: date, end: date, now: datetime, tz: tzinfo, *,
                 paper: Paper = Paper.A4, sections: Sections = ALL_SECTIONS,
                 baseline: Period | None = None,
                 cancelled: Cancelled = lambda: False) -> Report:
    """Everything the report of diary days `start`..`end` shows, read from `store` as of `now`
    (doses due later are pending, not missed; the taper warning is the one that applies now).
    A range that ends after today's diary day (in zone `tz`) is refused with ValidationError.
    Symptoms are compared against `baseline` when given, else diary.domain.baseline's default.
    `cancelled` is asked between the long reads: when it says so, ReportCancelled is raised."""
    info = store.info()
    today = local_day(now.astimezone(tz), info.day_starts_at)
    check_range(start, end, today=today)
    steps = store.plans.steps()
    trends = load_trends(store, start, end, now, tz, baseline=baseline)
    _stop_if(cancelled)
    comparison = comparison_of(trends)
    intakes = store.intakes.between(start, end)
    ratings = store.ratings.between(start, end)
    _stop_if(cancelled)
    outcomes = adherence(steps, intakes, start, end, now, info.day_starts_at, tz,
                         timedelta(minutes=info.on_time_window_minutes))
    medications = store.medications.by_id()  # a reference to no row: DamagedRowError
    symptoms = store.symptoms.by_id()
    lately = store.intakes.between(today - timedelta(days=UNLOGGED_LOOKBACK_DAYS + 1), today)
    under_way = today if start <= today <= end else None
    rated = symptom_facts(trends, comparison)
    written = notes(intakes, ratings, medications, symptoms)
    facts = Facts(
        in_force=in_force(steps, trends.medications, end),
        changes=plan_changes(steps, trends.medications, start, end),
        adherence=adherence_by_medication(outcomes, trends.medications),
        doses=dose_facts(trends, comparison.recent, under_way),
        symptoms=rated,
        unrated=unrated(trends),
        responder=named(rated, RESPONDER_SYMPTOM),
        missed=missed_doses(outcomes, medications, info.day_starts_at),
        events=trends.events,
        notes=written,
        warnings=taper_warnings(medications.values(), steps, lately, now, info.day_starts_at,
                                tz, timedelta(minutes=info.on_time_window_minutes)),
        under_way=under_way,
    )
    _stop_if(cancelled)
    log = (log_days(trends, store.intakes.daily_totals(start, end), trends.events, written,
                    info.day_starts_at) if sections.appendix else [])
    return Report(info=info, start=start, end=end, made_at=now, paper=paper, sections=sections,
                  trends=trends, comparison=comparison, facts=facts, log=log,
                  program=_program())


def _stop_if(cancelled: Cancelled) -> None:
    if cancelled():
        raise ReportCancelled


def _program() -> str:
    try:
        return f"Medication Diary {version('medication-diary')}"
    except PackageNotFoundError:
        return "Medication Diary"


# --- laying out ---------------------------------------------------------------------------------
def plan_pages(report: Report) -> list[Page]:
    """Every page in order, laid out but not drawn."""
    frame = frame_for(report.paper)
    flow = Flow(frame.top, frame.bottom, lambda number: continued_blocks(report, frame, number))
    # The longest lists of events and notes that still let the summary fit on one page; when
    # nothing lets it, the longest that keep it to as few pages as the shortest do.
    layouts = []
    for limits in LIMITS:
        layouts.append(flow.run(summary_blocks(report, frame, limits)))
        if len(layouts[-1]) == 1:
            break
    fewest = min(len(layout) for layout in layouts)
    summary = next(layout for layout in layouts if len(layout) == fewest)
    pages: list[Page] = [TextPage("summary", tuple(items)) for items in summary]
    pages += chart_pages(report, frame)
    if report.sections.appendix:
        pages += [TextPage("log", tuple(items)) for items in log_pages(report, frame)]
    return pages


def page_count(report: Report) -> int:
    return len(plan_pages(report))


# --- drawing ------------------------------------------------------------------------------------
def render_report(report: Report, path: Path, *, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> RenderedReport:
    """Write the report to a new PDF file at `path` (0600, whole or not at all). `progress` is
    told (pages done, pages in all) before the first page and after each; when `cancelled`
    returns True, rendering stops with ReportCancelled and nothing is left on disk."""
    path = Path(path).expanduser()
    _check_target(path)
    frame = frame_for(report.paper)
    pages = plan_pages(report)
    total = len(pages)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            # Type 42: the glyphs are embedded as TrueType with their Unicode, so the text of
            # the PDF can be searched and copied; type 3 would draw them as pictures.
            with matplotlib.rc_context({"pdf.fonttype": 42}), \
                    PdfPages(handle, metadata=_metadata(report)) as pdf:
                if progress is not None:
                    progress(0, total)
                for number, page in enumerate(pages, start=1):
                    if cancelled is not None and cancelled():
                        raise ReportCancelled("the report was cancelled; nothing was written")
                    pdf.savefig(draw_page(report, frame, page, number, total))
                    if progress is not None:
                        progress(number, total)
            handle.flush()
            os.fsync(handle.fileno())
        place_new(temporary, path, lambda: ReportExistsError(
            f"{path} appeared while the report was made; nothing was written"))
    finally:
        temporary.unlink(missing_ok=True)
    fsync_folder(path.parent)
    kinds = [p.kind if isinstance(p, TextPage) else "chart" for p in pages]
    return RenderedReport(path, total, kinds.count("summary"), kinds.count("chart"),
                          kinds.count("log"))


def _check_target(path: Path) -> None:
    if os.path.lexists(path):
        raise ReportExistsError(f"{path} already exists; choose another file name (nothing "
                                "was written)")
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(path.parent))


def _metadata(report: Report) -> dict[str, str | datetime]:
    return {
        "Title": f"Medication diary report: {report.person}, "
                 f"{range_words(report.start, report.end)}",
        "Subject": "Doses, adherence and symptom ratings recorded in a medication diary; not "
                   "medical advice",
        "Creator": report.program,
        # In UTC: matplotlib writes the sign of any other offset the wrong way round.
        "CreationDate": report.made_at.astimezone(UTC),
    }
