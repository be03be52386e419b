"""What a report is made of before anything is drawn (diary/report/model.py): the papers and their
page frames, the sections asked for, and what a built `Report` says of itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from diary.domain.entities import DiaryInfo
from diary.report.build import build_report
from diary.report.model import ALL_SECTIONS
from diary.report.model import PAPER_NAMES
from diary.report.model import PAPER_SIZES
from diary.report.model import SUMMARY_ONLY
from diary.report.model import Frame
from diary.report.model import Paper
from diary.report.model import frame_for
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER


@pytest.mark.parametrize(("paper", "points"), [(Paper.A4, (595.28, 841.89)),
                                               (Paper.LETTER, (612.0, 792.0))])
def test_each_paper_has_its_size_in_inches(paper: Paper, points: tuple[float, float]) -> None:
    width, height = PAPER_SIZES[paper]
    assert (width * 72, height * 72) == pytest.approx(points, abs=0.01)
    assert frame_for(paper) == Frame(width, height)


def test_the_papers_are_named_for_people() -> None:
    assert PAPER_NAMES == {Paper.A4: "A4", Paper.LETTER: "US Letter"}
    assert Paper("letter") is Paper.LETTER


def test_a_frame_keeps_its_margins_and_the_footer_below_its_text() -> None:
    frame = Frame(8.5, 11.0)
    assert frame.content_width == pytest.approx(8.5 - 2 * 0.6)
    assert frame.right == pytest.approx(8.5 - 0.6)
    assert frame.bottom == pytest.approx(11.0 - 0.95)
    narrow = Frame(8.5, 11.0, margin=1.0, footer=1.5)
    assert (narrow.content_width, narrow.right, narrow.bottom) == pytest.approx((6.5, 7.5, 9.5))


def test_every_section_or_the_summary_alone() -> None:
    assert ALL_SECTIONS.dose_symptoms and ALL_SECTIONS.dose_effect
    assert ALL_SECTIONS.adherence_calendar and ALL_SECTIONS.before_after and ALL_SECTIONS.appendix
    assert not any((SUMMARY_ONLY.dose_symptoms, SUMMARY_ONLY.dose_effect,
                    SUMMARY_ONLY.adherence_calendar, SUMMARY_ONLY.before_after,
                    SUMMARY_ONLY.appendix))


def test_a_report_counts_its_days_and_names_its_person(store: DiaryStore) -> None:
    report = build_report(store, date(2026, 11, 1), date(2026, 11, 25), NOW, PARIS_WINTER,
                          sections=SUMMARY_ONLY)
    assert report.days == 25
    assert report.person == "(no name in the diary's settings)"
    assert replace(report, info=DiaryInfo(name="  Ann Example ")).person == "Ann Example"
    assert (report.baseline, report.recent) == (report.comparison.baseline,
                                                report.comparison.recent)
    assert report.log == [] and report.paper is Paper.A4
