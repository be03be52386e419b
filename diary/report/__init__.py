"""The appointment report: a model of what the clinician reads, laid out and written as a PDF.

What it offers (`__all__`): `build_report` gathers a range of diary days into a `Report`,
`render_report` writes it; `check_range` and `last_appointment_day` answer the window's and the
command line's questions about a range before anything is drawn. `build_report` and
`render_report` load matplotlib, so they (and the names beside them in `build`) are imported
when first asked for, never at start-up. The rest holds what the report decides (facts, ranges,
summary, table, charts) and how it writes it (wording, layout, pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diary.report.model import PAPER_NAMES
from diary.report.model import Paper
from diary.report.model import Report
from diary.report.model import Sections
from diary.report.ranges import DEFAULT_DAYS
from diary.report.ranges import check_range
from diary.report.ranges import last_appointment_day

if TYPE_CHECKING:
    from diary.report.build import RenderedReport
    from diary.report.build import ReportCancelled
    from diary.report.build import ReportExistsError
    from diary.report.build import build_report
    from diary.report.build import render_report

# Loaded with matplotlib, when first asked for.
_FROM_BUILD = ("RenderedReport", "ReportCancelled", "ReportExistsError", "build_report",
               "render_report")

__all__ = [
    "DEFAULT_DAYS",
    "PAPER_NAMES",
    "Paper",
    "RenderedReport",
    "Report",
    "ReportCancelled",
    "ReportExistsError",
    "Sections",
    "build_report",
    "check_range",
    "last_appointment_day",
    "render_report",
]


def __getattr__(name: str) -> object:
    if name in _FROM_BUILD:
        from diary.report import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
