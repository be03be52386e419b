"""The Today view's state after the shortcuts that make logging a dose fast: the taper warnings
read the look-back only when a dose may have gone unlogged, and equal those of every intake
read; a changed plan step and a medication archived today are followed at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.domain.daytime import local_day
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.plans.steps import step_on
from diary.domain.safety import UNLOGGED_LOOKBACK_DAYS
from diary.domain.safety import FindingKind
from diary.domain.safety import taper_findings
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.today.state import build_state
from tests.helpers.clock import NOW
from tests.helpers.clock import PARIS_WINTER


# --- the Today view -----------------------------------------------------------------------------
def plain_warnings(store: DiaryStore, now: datetime) -> list[object]:
    """The taper warnings as the Today view found them before: every intake of the look-back
    read and given to `taper_findings`."""
    info = store.info()
    day = local_day(now, info.day_starts_at)
    steps = store.plans.steps()
    recent = store.intakes.between(day - timedelta(days=UNLOGGED_LOOKBACK_DAYS + 1), day)
    return [finding for med in store.medications.all()
            for finding in taper_findings(med, [s for s in steps if s.medication_id == med.id],
                                          [i for i in recent if i.medication_id == med.id],
                                          now, info.day_starts_at, now.tzinfo or UTC)]


@pytest.fixture
def demo(tmp_path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    path = tmp_path / "demo.diary"
    build_demo(path, days=60, now=NOW)
    with open_diary(path, clock=lambda: clock[0]) as opened:
        yield opened


def test_the_today_views_warnings_are_those_of_every_intake_read(
        demo: DiaryStore, clock: list[datetime]) -> None:
    assert build_state(demo, NOW).warnings == plain_warnings(demo, NOW) == []
    # A day and a half on, nothing logged since the evening dose: the gap is found.
    later = NOW + timedelta(hours=36)
    warnings = build_state(demo, later).warnings
    assert [f.kind for f in warnings] == [FindingKind.DOSES_UNLOGGED]
    assert warnings == plain_warnings(demo, later)
    # The next morning's dose skipped leaves the gap open; taken, it closes it.
    med = demo.medications.named("Baclofen")
    assert med.id is not None
    clock[0] = later
    morning = datetime.combine(local_day(NOW) + timedelta(days=1), time(8, 10), PARIS_WINTER)
    skipped = demo.intakes.add(Intake(med.id, morning, 20_000, IntakeStatus.SKIPPED))
    assert [f.kind for f in build_state(demo, later).warnings] == [FindingKind.DOSES_UNLOGGED]
    assert build_state(demo, later).warnings == plain_warnings(demo, later)
    assert skipped.id is not None
    demo.intakes.delete(skipped.id)
    demo.intakes.add(Intake(med.id, morning, 20_000))
    assert build_state(demo, later).warnings == plain_warnings(demo, later) == []


def test_the_today_view_follows_a_changed_plan_step(demo: DiaryStore) -> None:
    med = demo.medications.named("Baclofen")
    assert med.id is not None
    step = step_on(demo.plans.steps(med.id), med.id, local_day(NOW))
    assert step is not None
    before = build_state(demo, NOW)
    assert {o.planned_amount for o, _ in before.outcomes} == {step.amount}
    demo.plans.edit(replace(step, amount=step.amount - 5_000))
    after = build_state(demo, NOW)
    assert {o.planned_amount for o, _ in after.outcomes} == {step.amount - 5_000}
    # Ended yesterday without a taper: the warning says so at once.
    demo.plans.edit(replace(step, end=local_day(NOW) - timedelta(days=1)))
    ended = build_state(demo, NOW)
    assert ended.outcomes == []
    assert FindingKind.PLAN_ENDS_WITHOUT_TAPER in [f.kind for f in ended.warnings]
    assert ended.warnings == plain_warnings(demo, NOW)


def test_a_medication_archived_today_still_shows_todays_doses(demo: DiaryStore) -> None:
    med = demo.medications.named("Baclofen")
    assert med.id is not None
    today = demo.intakes.between(local_day(NOW), local_day(NOW), med.id)
    assert today
    demo.medications.archive(med.id)
    shown = {m.medication.name: m for m in build_state(demo, NOW).medications}
    assert "Baclofen" in shown
    assert shown["Baclofen"].taken == sum(i.amount for i in today
                                          if i.status is IntakeStatus.TAKEN)
    assert shown["Baclofen"].outcomes == []
