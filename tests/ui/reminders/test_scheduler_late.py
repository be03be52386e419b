"""A dose whose time came while nothing was looking (the program started late, the laptop slept)
still reminds, at the first look before its deadline, and says it is late and when the next
dose is; one that a later slot of its medication has overtaken never does. Past its on-time
window a dose asks only in the first half of the gap to its medication's next slot (at most
three hours, REPEAT_FOR; the day's last slot until the day ends at the latest): later, a late
Taken would invite two doses close together, so the reminder is withdrawn. The clock is the
test's: move clock[0], call check_now(); no sleeping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.safety import FindingKind
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.reminders.banner import DUE
from diary.ui.reminders.banner import NEXT
from diary.ui.reminders.banner import ReminderBanner
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.doses import add_intake
from tests.helpers.qt import click
from tests.ui.reminders.support import DAY
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at


@pytest.fixture
def late(session: DiarySession, baclofen: Medication,
         qtbot) -> Iterator[ReminderScheduler]:  # type: ignore[no-untyped-def]
    """A scheduler not started yet: the test sets the clock, then starts it."""
    reminders = ReminderScheduler(session)
    yield reminders
    reminders.stop()


def banner_of(scheduler: ReminderScheduler, qtbot) -> ReminderBanner:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    banner = ReminderBanner(scheduler, window)
    QVBoxLayout(window).addWidget(banner)
    window.show()
    banner.host = window  # type: ignore[attr-defined]  # qtbot keeps only a weak reference
    return banner


def test_a_start_at_15_05_reminds_of_the_14_00_dose(
        late: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    dose = dose_at(baclofen, 14)
    clock[0] = at(15, 5)
    banner = banner_of(late, qtbot)
    with qtbot.waitSignal(late.due, timeout=1000) as blocker:
        late.start()
    assert blocker.args == [dose] and late.pending() == [dose]
    [row] = banner.rows()
    assert (row.state, row.text) == (
        DUE, "Baclofen 20 mg was due at 14:00 — not recorded yet (next at 20:00)")
    assert "<b>Baclofen 20 mg</b> was due at 14:00" in row.label.text()
    assert row.take_button.isVisible() and row.skip_button.isVisible()
    # It asks again as any reminder does, until its deadline (17:00, halfway to 20:00).
    assert late.next_wake() == at(15, 20)
    assert fired_at(late, clock, at(15, 20)) == [dose]
    assert late.due_text(dose) == \
        "Baclofen 20 mg was due at 14:00 — not recorded yet (next at 20:00)"
    assert fired_at(late, clock, at(16, 50)) == [dose]
    assert late.next_wake() == at(17)
    # Taken logs it now, for its slot.
    clock[0] = at(16, 55)
    click(qtbot, banner.rows()[0].take_button)
    [intake] = session.store.intakes.between(DAY, DAY)
    assert (intake.slot, intake.at) == (dose.slot, at(16, 55))
    assert [(r.state, r.text) for r in banner.rows()] == [
        (NEXT, "Next: Baclofen 20 mg at 20:00")]


def test_a_start_past_three_hours_reminds_of_nothing(
        late: ReminderScheduler, baclofen: Medication, clock: list[datetime], qtbot) -> None:
    clock[0] = at(17, 30)  # 14:00 was 3 h 30 min ago: missed, the Today view says so
    banner = banner_of(late, qtbot)
    with qtbot.assertNotEmitted(late.due):
        late.start()
    assert late.pending() == []
    assert [(r.state, r.text) for r in banner.rows()] == [
        (NEXT, "Next: Baclofen 20 mg at 20:00")]
    assert late.next_wake() == at(20)


def test_a_start_after_the_next_slot_reminds_only_of_it(
        late: ReminderScheduler, baclofen: Medication, clock: list[datetime], qtbot) -> None:
    clock[0] = at(20, 5)  # 14:00 unanswered too, but overtaken by 20:00
    with qtbot.waitSignal(late.due, timeout=1000) as blocker:
        late.start()
    assert blocker.args == [dose_at(baclofen, 20)]
    assert late.pending() == [dose_at(baclofen, 20)]  # never two of one medication
    assert late.due_text(dose_at(baclofen, 20)) == "Baclofen 20 mg is due (20:00)"


def test_a_wake_up_reminds_of_what_came_due_while_asleep(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime]) -> None:
    # The laptop slept from before 08:00: at 13:50 the 08:00 dose is too old to remind of...
    assert fired_at(scheduler, clock, at(13, 50)) == []
    assert scheduler.next_wake() == at(14)
    # ...and it slept again through 14:00: the first look after waking reminds of 14:00.
    assert fired_at(scheduler, clock, at(15, 5)) == [dose_at(baclofen, 14)]
    assert scheduler.due_text(dose_at(baclofen, 14)).endswith(
        "was due at 14:00 — not recorded yet (next at 20:00)")


def test_a_reminder_says_it_is_late_once_its_window_closes(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime],
        qtbot) -> None:
    dose = dose_at(baclofen, 8)
    fired_at(scheduler, clock, at(8))
    fired_at(scheduler, clock, at(8, 45))
    assert scheduler.due_text(dose) == "Baclofen 20 mg is still due (08:00)"
    assert fired_at(scheduler, clock, at(9)) == [dose]  # the on-time window's last minute
    closes = at(9) + timedelta(seconds=1)
    assert scheduler.next_wake() == closes  # the banner's words change then
    with qtbot.waitSignal(scheduler.changed, timeout=1000):
        assert fired_at(scheduler, clock, closes) == []
    assert scheduler.due_text(dose) == \
        "Baclofen 20 mg was due at 08:00 — not recorded yet (next at 14:00)"


def test_taken_on_a_late_reminder_goes_through_the_verdict(
        late: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """The 08:00 dose was taken at 14:30; at 15:05 the 14:00 reminder's Taken would log a
    second dose 35 minutes later: it asks first, as the Today view does."""
    assert baclofen.id is not None
    clock[0] = at(14, 30)
    add_intake(session, Intake(baclofen.id, at(14, 30), 20_000, slot=dose_at(baclofen, 8).slot))
    clock[0] = at(15, 5)
    late.start()
    dose = dose_at(baclofen, 14)
    assert late.pending() == [dose]
    with qtbot.waitSignal(late.confirmation_needed, timeout=1000):
        result = late.take(dose)
    assert result.saved is None
    assert [f.kind for f in result.verdict.to_confirm] == [FindingKind.NEAR_ANOTHER_DOSE]
    assert len(session.store.intakes.between(DAY, DAY)) == 1
    assert late.pending() == [dose]


def four_times_a_day(session: DiarySession) -> Medication:
    """Dantrolene 20 mg at 08:00, 12:00, 16:00 and 20:00: half the gap is two hours."""
    med = edits.add_medication(session, Medication(name="Dantrolene", unit=Unit.MG))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 20_000,
                                            (time(8), time(12), time(16), time(20)))])
    return med


def test_a_start_past_half_the_gap_reminds_of_nothing(
        late: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """08:00 and 12:00: at 10:50 a Taken for 08:00 would be followed by the 12:00 dose 70
    minutes later. 08:00 stopped asking at 10:00; the Today view shows it missed."""
    med = four_times_a_day(session)
    clock[0] = at(10, 50)
    banner = banner_of(late, qtbot)
    late.start()
    # Baclofen's 08:00 (next at 14:00) still asks, until 11:00; Dantrolene's does not.
    assert late.pending() == [dose_at(baclofen, 8)]
    assert "Dantrolene" not in " ".join(r.text for r in banner.rows())
    fired_at(late, clock, at(12))
    assert late.due_text(dose_at(med, 12)) == "Dantrolene 20 mg is due (12:00)"


def test_a_late_start_reminds_until_half_the_gap(
        late: ReminderScheduler, session: DiarySession, clock: list[datetime], qtbot) -> None:
    med = four_times_a_day(session)
    dose = dose_at(med, 8)
    clock[0] = at(9, 30)
    banner = banner_of(late, qtbot)
    late.start()
    assert dose in late.pending()
    # Taken is pressed knowing how near the next dose is.
    assert late.due_text(dose) == \
        "Dantrolene 20 mg was due at 08:00 — not recorded yet (next at 12:00)"
    assert dose in fired_at(late, clock, at(9, 45))  # it asks again...
    assert late.next_wake() == at(10)  # ...until 10:00, halfway to 12:00
    assert fired_at(late, clock, at(9, 59)) == []
    with qtbot.waitSignal(late.pending_changed, timeout=1000):
        fired_at(late, clock, at(10))
    assert dose not in late.pending()  # withdrawn: the Today view shows it missed
    assert "Dantrolene" not in " ".join(r.text for r in banner.rows())
    assert dose not in fired_at(late, clock, at(10, 30))  # never again
    assert dose not in late.pending()


def test_three_times_a_day_asks_until_11_00(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime]) -> None:
    dose = dose_at(baclofen, 8)
    assert fired_at(scheduler, clock, at(8)) == [dose]
    assert fired_at(scheduler, clock, at(10, 59)) == [dose]  # it still asks
    assert scheduler.next_wake() == at(11)
    assert fired_at(scheduler, clock, at(11)) == []
    assert scheduler.pending() == []
