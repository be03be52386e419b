"""The adherence calendar's page: past two years it goes by week, one row per year, so its
height follows the years, not the months."""

from __future__ import annotations

from datetime import date, time

import pytest

from diary.charts.registry import Chart
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.report.build import Paper, Sections, build_report
from diary.report.charts import chart_pages
from diary.report.model import frame_for
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW, PARIS_WINTER

CALENDAR_ONLY = Sections(False, False, True, False, appendix=False)


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
