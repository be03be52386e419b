"""`report`: the appointment report as a PDF file. The work is in diary.report.build (and
matplotlib), imported only when the command runs."""

from __future__ import annotations

import argparse
from datetime import date
from datetime import datetime
from pathlib import Path

from diary.cli.common import DATE
from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import diary_command
from diary.cli.common import from_to
from diary.cli.common import zone
from diary.domain.baseline import Period
from diary.domain.baseline import check_baseline
from diary.domain.baseline import recent_period
from diary.domain.daytime import local_day
from diary.domain.errors import ValidationError
from diary.domain.wording import plural
from diary.storage.store import DiaryStore

REPORT_DAYS = 90  # the default range: the usual time between two appointments

DESCRIPTION = (
    "Write a PDF report of a range of diary days to take to an appointment. Page 1 sums it up: "
    "the person, the plan in force and every change of dose, adherence (taken on time, late, "
    "missed, skipped), the mean daily amount of each medication, days over the maximum, "
    "spasticity at baseline (by default the week before treatment began; --baseline-from and "
    "--baseline-to choose it) against the recent days with the change in percent and the 30% "
    "responder threshold, the side effects with their worst days, missed doses, events and "
    "notes, and the taper warning when it applies. Then the charts (doses and symptoms, "
    "ratings by hours since a dose, the adherence calendar, before and after), each on its "
    "own page as vector graphics, and the daily log, one row per day. Every page has its "
    "number and the not-medical-advice statement. The file is created mode 0600; an existing "
    "file is refused, never replaced. Nothing in the diary changes, so it also runs with "
    "--read-only.")


def add_commands(commands: Commands) -> None:
    report = diary_command(commands, "report", make_report,
                           help="the appointment report: a PDF for the clinician",
                           description=DESCRIPTION)
    report.add_argument("--from", dest="start", type=DATE, metavar="DATE",
                        help=f"first diary day, YYYY-MM-DD (default: {REPORT_DAYS - 1} days "
                        f"before --to, so {REPORT_DAYS} days in all)")
    report.add_argument("--to", dest="end", type=DATE, metavar="DATE",
                        help="last diary day, YYYY-MM-DD, today at the latest (default: today)")
    report.add_argument("-o", "--out", required=True, type=Path, metavar="FILE",
                        help="the new PDF file")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="A4 (default) or US Letter")
    report.add_argument("--baseline-from", type=DATE, metavar="DATE",
                        help="first day of the baseline the symptoms are compared against "
                        "(default: the last rated week in the four weeks before the first "
                        "scheduled dose, else the range's first rated week)")
    report.add_argument("--baseline-to", type=DATE, metavar="DATE",
                        help="last day of the baseline; it must end before the range's last "
                        "week (the recent days)")
    report.add_argument("--no-charts", action="store_true", help="leave out the chart pages")
    report.add_argument("--no-log", action="store_true",
                        help="leave out the daily log (the appendix)")


def chosen_baseline(first: date | None, last: date | None, start: date,
                    end: date) -> Period | None:
    """--baseline-from and --baseline-to: both or neither."""
    if first is None and last is None:
        return None
    if first is None or last is None:
        given, missing = ("--baseline-from", "--baseline-to") if last is None else \
            ("--baseline-to", "--baseline-from")
        raise ValidationError(given, f"give {missing} too: a baseline is a first and a last day")
    check_baseline((first, last), recent_period(start, end), field="--baseline-from")
    return first, last


def make_report(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    from diary.report import PAPER_NAMES
    from diary.report import Paper
    from diary.report import ReportExistsError
    from diary.report import Sections
    from diary.report import build_report
    from diary.report import check_range
    from diary.report import render_report

    today = local_day(now, store.info().day_starts_at)
    start, end = from_to(args.start, args.end, today, REPORT_DAYS)
    check_range(start, end, field="--from", today=today, end_field="--to")
    baseline = chosen_baseline(args.baseline_from, args.baseline_to, start, end)
    path: Path = args.out.expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the name of a new PDF file, such as "
                           f"{path / 'report.pdf'}")
    if path.exists() or path.is_symlink():  # said before the diary is read, not after
        raise CommandError(f"{path} already exists; choose another file name (nothing was "
                           "written)")
    charts = not args.no_charts
    sections = Sections(charts, charts, charts, charts, appendix=not args.no_log)
    paper = Paper(args.paper)
    try:
        report = build_report(store, start, end, now, zone(now), paper=paper, sections=sections,
                              baseline=baseline)
        done = render_report(report, path)
    except ReportExistsError as exc:
        raise CommandError(str(exc)) from None
    parts = [plural(done.summary_pages, "summary page")]
    if done.chart_pages:
        parts.append(plural(done.chart_pages, "chart page"))
    if done.log_pages:
        parts.append(plural(done.log_pages, "daily log page"))
    print(f"Wrote {done.path}: {plural(done.pages, 'page')} ({', '.join(parts)}), "
          f"{PAPER_NAMES[paper]}, diary days {start} to {end}")
    return 0
