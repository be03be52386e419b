"""The report's file and its small diaries: never over an existing file, nothing left by a failure
or a cancel, progress, the paper sizes, and page 1 of hand-made diaries (a plan that ends without
a taper, steps that start and end, an empty diary, text that looks like a formula)."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest

from diary.charts import dose_effect
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.templates import medication_from_template
from diary.report.build import Paper
from diary.report.build import ReportCancelled
from diary.report.build import ReportExistsError
from diary.report.build import Sections
from diary.report.build import build_report
from diary.report.build import page_count
from diary.report.build import render_report
from diary.report.model import SUMMARY_ONLY
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 11, 1), date(2026, 11, 25)
TIMES = (time(8), time(14), time(20))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def diary(store: DiaryStore) -> Iterator[DiaryStore]:
    """Baclofen 10 mg three times a day from 1 to 20 November, then nothing (no taper), every
    dose taken on time until the 19th, none on the 20th; a spasticity rating each evening."""
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add_all([
        PlanStep(baclofen.id, START, 5_000, TIMES, START + timedelta(days=4)),
        PlanStep(baclofen.id, START + timedelta(days=5), 10_000, TIMES, date(2026, 11, 20)),
    ])
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    day = START
    while day < date(2026, 11, 20):
        for slot in TIMES:
            amount = 5_000 if day < START + timedelta(days=5) else 10_000
            store.intakes.add(Intake(baclofen.id, datetime.combine(day, slot, PARIS_WINTER),
                                    amount, slot=Slot(day, slot)))
        store.ratings.add(Rating(spasticity.id, datetime.combine(day, time(21), PARIS_WINTER),
                                6 if day < date(2026, 11, 10) else 3))
        day += timedelta(days=1)
    yield store


def page_texts(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".pdf", ".part"))


def test_page_one_shows_the_taper_warning_and_every_change(diary: DiaryStore,
                                                           tmp_path: Path) -> None:
    report = build_report(diary, START, END, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    done = render_report(report, tmp_path / "r.pdf")
    assert done.pages == 1
    page = page_texts(done.path)[0]
    assert "⚠ Warning Baclofen: the plan ends on Fri 20 Nov 2026 without a taper." in page
    assert "Changes of dose in this range (3):" in page
    assert ("Sun 1 Nov 2026 Baclofen starts: 5 mg three times a day = 15 mg/day") in page
    assert ("Fri 6 Nov 2026 Baclofen: 5 mg three times a day = 15 mg/day → 10 mg three times "
            "a day = 30 mg/day") in page
    assert ("Sat 21 Nov 2026 Baclofen: the plan ends (it was 10 mg three times a day = "
            "30 mg/day)") in page
    assert "In force on Wed 25 Nov 2026" in page and "no plan step" in page
    # 19 days of three doses taken, the 20th's three missed.
    assert "Baclofen: 57 of 60 scheduled doses taken (95.0%): 57 on time" in page
    assert "Missed doses: 3; the 3 most recent: Fri 20 Nov 2026 20:00 Baclofen 10 mg;" in page
    # 5 days of 15 mg and 14 of 30 mg over the 25 days of the range.
    assert f"Baclofen {round((5 * 15 + 14 * 30) / 25, 1):g} mg" in page
    # Nothing was rated before baclofen began, so the baseline is the range's first rated week.
    assert "Spasticity: 6.0 at baseline (first rated days of the range, 1–7 Nov 2026), 3.0 in " \
           "the recent days (19–25 Nov 2026): −50%. The responder threshold, a 30% fall from " \
           "baseline, is reached." in page


def test_an_existing_file_is_refused_and_left_as_it_was(diary: DiaryStore,
                                                        tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the clinic's own file")
    report = build_report(diary, START, END, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    with pytest.raises(ReportExistsError, match="already exists"):
        render_report(report, target)
    assert target.read_bytes() == b"the clinic's own file"
    assert leftovers(tmp_path) == ["report.pdf"]


def test_a_failure_while_drawing_leaves_nothing(diary: DiaryStore, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the chart could not be drawn")

    monkeypatch.setattr(dose_effect, "draw_dose_effect", broken)
    report = build_report(diary, START, END, NOW, PARIS_WINTER,
                          sections=Sections(True, True, False, False, False))
    with pytest.raises(RuntimeError, match="could not be drawn"):
        render_report(report, tmp_path / "report.pdf")
    assert leftovers(tmp_path) == []


def test_progress_counts_every_page_and_cancel_leaves_nothing(diary: DiaryStore,
                                                              tmp_path: Path) -> None:
    report = build_report(diary, START, END, NOW, PARIS_WINTER,
                          sections=Sections(False, False, False, True, True))
    total = page_count(report)
    seen: list[tuple[int, int]] = []
    done = render_report(report, tmp_path / "whole.pdf", progress=lambda d, t: seen.append((d, t)))
    assert total == done.pages == 1 + 1 + 1
    assert seen == [(n, total) for n in range(total + 1)]
    assert stat.S_IMODE(done.path.stat().st_mode) == 0o600

    told: list[tuple[int, int]] = []
    with pytest.raises(ReportCancelled):
        render_report(report, tmp_path / "stopped.pdf", progress=lambda d, t: told.append((d, t)),
                      cancelled=lambda: len(told) > 2)
    assert told == [(0, total), (1, total), (2, total)]
    assert leftovers(tmp_path) == ["whole.pdf"]


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (595.28, 841.89)),
                                             (Paper.LETTER, (612.0, 792.0))])
def test_paper_sizes(diary: DiaryStore, tmp_path: Path, paper: Paper,
                     size: tuple[float, float]) -> None:
    report = build_report(diary, START, END, NOW, PARIS_WINTER, paper=paper,
                          sections=Sections(False, False, False, False, True))
    path = render_report(report, tmp_path / f"{paper}.pdf").path
    for page in pypdf.PdfReader(path).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == \
            pytest.approx(size, abs=0.05)


def test_a_folder_that_does_not_exist_is_named(diary: DiaryStore, tmp_path: Path) -> None:
    report = build_report(diary, START, END, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    with pytest.raises(FileNotFoundError) as caught:
        render_report(report, tmp_path / "missing" / "r.pdf")
    assert caught.value.filename == str(tmp_path / "missing")


def test_an_empty_diary_still_makes_a_report(store: DiaryStore, tmp_path: Path) -> None:
    report = build_report(store, START, END, NOW, PARIS_WINTER)
    done = render_report(report, tmp_path / "empty.pdf")
    pages = page_texts(done.path)
    assert len(pages) == done.pages == 1 + 4 + 1
    assert "(no name in the diary's settings)" in pages[0]
    assert "No doses were scheduled in this range" in pages[0]
    assert "No symptom was rated in this range." in pages[0]
    assert "Missed doses: none." in pages[0]
    assert "No doses or ratings in this range" in pages[1]


def test_text_is_printed_as_written(diary: DiaryStore, tmp_path: Path) -> None:
    diary.events.add(Event(datetime.combine(date(2026, 11, 24), time(9), PARIS_WINTER),
                          EventKind.OTHER, "Paid $20 for the $x^2$ app"))
    report = build_report(diary, START, END, NOW, PARIS_WINTER,
                          sections=Sections(False, False, False, False, True))
    pages = page_texts(render_report(report, tmp_path / "r.pdf").path)
    assert "Other: Paid $20 for the $x^2$ app" in pages[0]
    assert "Other: Paid $20 for the" in pages[1]


def test_today_under_way_is_left_out_of_the_dose_means(diary: DiaryStore,
                                                        tmp_path: Path) -> None:
    """A report made at 21:00 on 26 November, ending that day: the day is not over (a dose can
    still be taken), so its 10 mg so far would count as a tenth of a day's doses. The means and
    the days with a dose count the 25 days that are over, and the footnote says so."""
    baclofen = diary.medications.named("Baclofen")
    assert baclofen.id is not None
    today = date(2026, 11, 26)
    diary.intakes.add(Intake(baclofen.id, datetime.combine(today, time(9), PARIS_WINTER),
                            10_000))
    report = build_report(diary, START, today, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    page = page_texts(render_report(report, tmp_path / "r.pdf").path)[0]
    # 5 days of 15 mg and 14 of 30 mg in the 25 days from 1 to 25 November; the recent days
    # that are over, 20 to 25 November, have none.
    assert f"Baclofen {round((5 * 15 + 14 * 30) / 25, 1):g} mg 0 mg 19 of 25" in page
    assert ("¹ The mean of the daily totals over the 25 days of the range that are over; a day "
            "without a dose counts as 0. Today, Thu 26 Nov 2026, is still under way (doses may "
            "yet be due or taken): it is left out of the means and the days with a dose.") \
        in page

    alone = build_report(diary, today, today, NOW, PARIS_WINTER, sections=SUMMARY_ONLY)
    page = page_texts(render_report(alone, tmp_path / "today.pdf").path)[0]
    assert "Baclofen 10 mg 10 mg 1 of 1" in page
    assert "¹ The mean of the daily totals over today, Thu 26 Nov 2026, so far: the day is " \
           "still under way;" in page
