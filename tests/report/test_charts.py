"""The report's chart pages (diary/report/charts.py): the adherence calendar's page, past two
years by week with one row per year, is as tall as its rows, not its months; with two scheduled
medications there is a dose-and-effect page for each, counting hours from its own doses and
naming it, and the page counts go with them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest

from diary.charts.registry import Chart
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.report.build import Paper
from diary.report.build import Sections
from diary.report.build import build_report
from diary.report.build import page_count
from diary.report.build import render_report
from diary.report.charts import chart_pages
from diary.report.model import frame_for
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER

START, END = date(2026, 11, 1), date(2026, 11, 25)
DOSE_EFFECT_ONLY = Sections(False, True, False, False, False)
CALENDAR_ONLY = Sections(False, False, True, False, appendix=False)


def flat(text: str) -> str:
    return " ".join(text.split())


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), PARIS_WINTER)


@pytest.fixture
def diary(store: DiaryStore) -> Iterator[DiaryStore]:
    """Baclofen 10 mg at 08:00, 14:00 and 20:00 and, when `tizanidine` is asked for, tizanidine
    2 mg at 11:00 and 23:00, every day of the range; spasticity rated at 13:00 and 21:00."""
    baclofen = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert baclofen.id is not None
    store.plans.add_all([PlanStep(baclofen.id, START, 10_000, (time(8), time(14), time(20)))])
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    day = START
    while day <= END:
        for hour in (8, 14, 20):
            store.intakes.add(Intake(baclofen.id, at(day, hour), 10_000))
        for hour, score in ((13, 6), (21, 4)):
            store.ratings.add(Rating(spasticity, at(day, hour), score))
        day += timedelta(days=1)
    yield store


def add_tizanidine(store: DiaryStore) -> None:
    tizanidine = store.medications.add(Medication("Tizanidine", Unit.MG)).id
    assert tizanidine is not None
    store.plans.add_all([PlanStep(tizanidine, START, 2_000, (time(11), time(23)))])
    day = START
    while day <= END:
        for hour in (11, 23):
            store.intakes.add(Intake(tizanidine, at(day, hour), 2_000))
        day += timedelta(days=1)


def rendered(store: DiaryStore, path: Path) -> tuple[int, list[str], list[tuple[int, int]]]:
    report = build_report(store, START, END, NOW, PARIS_WINTER, sections=DOSE_EFFECT_ONLY)
    seen: list[tuple[int, int]] = []
    done = render_report(report, path, progress=lambda d, t: seen.append((d, t)))
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(path).pages]
    assert done.pages == len(pages) == page_count(report)
    assert done.summary_pages + done.chart_pages == done.pages
    return done.chart_pages, pages, seen


def test_two_scheduled_medications_have_a_dose_and_effect_page_each(
        diary: DiaryStore, tmp_path: Path) -> None:
    add_tizanidine(diary)
    charts, pages, seen = rendered(diary, tmp_path / "report.pdf")
    assert charts == 2 and len(pages) == 3
    assert seen == [(n, 3) for n in range(4)]  # progress counts both chart pages
    # Baclofen first: 75 doses against tizanidine's 50.
    baclofen, tizanidine = pages[1], pages[2]
    assert "Ratings by hours since the last dose of Baclofen" in baclofen
    assert "Hours since the last Baclofen dose" in baclofen
    assert "Tizanidine" not in baclofen
    assert "Ratings by hours since the last dose of Tizanidine" in tizanidine
    assert "Hours since the last Tizanidine dose" in tizanidine
    assert "Baclofen" not in tizanidine.split("How to read it")[0]


def test_one_scheduled_medication_has_one_page(diary: DiaryStore, tmp_path: Path) -> None:
    charts, pages, _ = rendered(diary, tmp_path / "report.pdf")
    assert charts == 1 and len(pages) == 2
    assert "Hours since the last Baclofen dose" in pages[1]


@pytest.mark.parametrize(("start", "rows"), [(date(2025, 12, 1), 12), (date(2022, 1, 1), 5)])
def test_the_calendar_page_is_as_tall_as_its_rows(store: DiaryStore, start: date,
                                                  rows: int) -> None:
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add_all([PlanStep(baclofen.id, start, 5_000, (time(8),))])
    end = date(2026, 11, 25)
    report = build_report(store, start, end, NOW, PARIS_WINTER, sections=CALENDAR_ONLY)
    [page] = chart_pages(report, frame_for(Paper.A4))
    assert page.chart is Chart.ADHERENCE_CALENDAR
    # 12 months, or 2022 to 2026 by week: 5 rows, not the 59 months.
    assert page.height == pytest.approx(max(3.2, 1.9 + 0.26 * rows))
