"""The report of a plan typed in late in the day: a baclofen step that starts today but was
entered at 22:00 expects none of today's doses (08:00, 14:00 and 20:00 all fell due before it was
entered), so the report calls none of them missed and gives no adherence for it; the same step
backdated on purpose (recorded_at None) expects every dose from its start, and the report says
that the 08:00 and 14:00 doses were missed. Asserted on the report's model (Facts) and on the
sentences page 1 prints from it, without typesetting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.trends import DayStatus
from diary.domain.units import Unit
from diary.report.build import Report
from diary.report.build import build_report
from diary.report.summary import adherence_text
from diary.report.summary import missed_text
from diary.storage.store import DiaryStore
from tests.helpers.clock import PARIS_WINTER

TODAY = date(2026, 11, 26)
LATE = datetime.combine(TODAY, time(22, 30), PARIS_WINTER)  # the clock: the report is made now
ENTERED = datetime.combine(TODAY, time(22, 0), PARIS_WINTER)  # when the plan step was typed in
START = TODAY - timedelta(days=6)
TIMES = (time(8), time(14), time(20))
DOSE = 5_000  # 5 mg


def late_diary(store: DiaryStore, recorded_at: datetime | None) -> Medication:
    """Baclofen, 5 mg at 08:00, 14:00 and 20:00 from today, no plan before; the 20:00 dose taken
    at 20:05 (logged without a slot, as a dose taken before the plan existed is)."""
    baclofen = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                               taper_required=True))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, TODAY, DOSE, TIMES, recorded_at=recorded_at))
    store.intakes.add(Intake(baclofen.id, datetime.combine(TODAY, time(20, 5), PARIS_WINTER),
                            DOSE))
    return baclofen


@pytest.fixture
def report_of(store: DiaryStore, clock: list[datetime]) -> Callable[[datetime | None], Report]:
    clock[0] = LATE

    def make(recorded_at: datetime | None) -> Report:
        late_diary(store, recorded_at)
        assert [s.recorded_at for s in store.plans.steps()] == [recorded_at]  # stored as given
        return build_report(store, START, TODAY, LATE, PARIS_WINTER)

    return make


def test_a_step_entered_at_22_calls_no_dose_of_today_missed(
    report_of: Callable[[datetime | None], Report],
) -> None:
    report = report_of(ENTERED)
    facts = report.facts
    assert facts.missed == []
    assert missed_text(facts) == "Missed doses: none."
    # No dose of the step was due after it was entered: nothing to count, so no 33% (1 of 3).
    assert facts.adherence == []
    assert report.trends.day_status[TODAY] is DayStatus.NONE
    # The plan itself is still shown: the step is in force on the last day of the range.
    [in_force] = facts.in_force
    assert in_force.medication.name == "Baclofen"
    assert in_force.step is not None and in_force.step.recorded_at == ENTERED


def test_the_same_step_backdated_calls_the_0800_and_1400_doses_missed(
    report_of: Callable[[datetime | None], Report],
) -> None:
    report = report_of(None)
    facts = report.facts
    assert [(m.medication.name, m.slot, m.amount) for m in facts.missed] == [
        ("Baclofen", Slot(TODAY, time(14)), DOSE),  # newest first
        ("Baclofen", Slot(TODAY, time(8)), DOSE),
    ]
    missed = missed_text(facts).replace("\N{NO-BREAK SPACE}", " ")
    assert missed == ("Missed doses: 2; the 2 most recent: Thu 26 Nov 2026 14:00 Baclofen 5 mg; "
                      "Thu 26 Nov 2026 08:00 Baclofen 5 mg.")
    [item] = facts.adherence
    summary = item.summary
    assert (summary.taken, summary.missed, summary.due, summary.pending) == (1, 2, 3, 0)
    text = adherence_text(item, report.info.on_time_window_minutes)
    assert text.startswith("Baclofen: 1 of 3 scheduled doses taken (33.3%)")
    assert report.trends.day_status[TODAY] is DayStatus.MISSED


def test_a_step_entered_at_noon_expects_only_the_later_doses(
    report_of: Callable[[datetime | None], Report],
) -> None:
    """The rule cuts at the moment of entry, not the whole day: entered at 12:00, the step
    expects 14:00 (missed: nobody took it) and 20:00 (taken), not 08:00."""
    report = report_of(datetime.combine(TODAY, time(12), PARIS_WINTER))
    facts = report.facts
    assert [m.slot for m in facts.missed] == [Slot(TODAY, time(14))]
    [item] = facts.adherence
    assert (item.summary.taken, item.summary.missed, item.summary.due) == (1, 1, 2)
