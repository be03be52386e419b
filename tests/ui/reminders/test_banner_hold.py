"""The lines of what was recorded, once the last reminder of a burst is answered with the
pointer over the window, stay only a moment (HOLD_MS) so that the next click does not land on
something that moved: they go when that moment is over or the pointer leaves, whichever comes
first, and never into the next reminder, which starts a burst of its own. The moment is
shortened for the tests; no sleeping."""

from __future__ import annotations

from datetime import datetime

import pytest

from diary.domain.entities import Medication
from diary.ui.reminders import banner as banner_module
from diary.ui.reminders.banner import DONE
from diary.ui.reminders.banner import DUE
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.reminders.support import TIMEOUT_MS
from tests.ui.reminders.support import at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import pointer_on
from tests.ui.reminders.test_banner_layout import Window
from tests.ui.reminders.test_banner_layout import texts
from tests.ui.reminders.test_banner_layout import tizanidine

RECORDED = ["✓ Baclofen 20 mg taken 08:05", "✓ Tizanidine 2 mg taken 08:05"]


def answer_both(window: Window, clock: list[datetime], qtbot) -> None:  # type: ignore[no-untyped-def]
    """Both 08:00 reminders answered by hand on the banner at 08:05; the hand stays there."""
    clock[0] = at(8, 5)
    pointer_on(window.banner.rows()[0].take_button)
    click(qtbot, window.banner.rows()[0].take_button)
    click(qtbot, window.banner.rows()[1].take_button)
    assert texts(window) == RECORDED
    assert window.host.underMouse()


def test_what_was_recorded_goes_after_a_moment_with_the_pointer_still_there(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A maximized window, a keyboard user: the pointer never leaves the window. What was
    recorded must not stay for hours in place of "Next: …"."""
    monkeypatch.setattr(banner_module, "HOLD_MS", 30)
    tizanidine(session)
    window = Window(scheduler, qtbot)
    idle = window.measure()
    fired_at(scheduler, clock, at(8))
    answer_both(window, clock, qtbot)  # held a moment
    qtbot.waitUntil(lambda: texts(window) == ["Next: Baclofen 20 mg at 14:00"],
                    timeout=TIMEOUT_MS)
    assert window.host.underMouse()  # the pointer never left
    assert window.measure() == idle
    # Later looks at the clock bring nothing back.
    fired_at(scheduler, clock, at(9))
    assert texts(window) == ["Next: Baclofen 20 mg at 14:00"]


def test_the_next_reminder_starts_a_burst_of_its_own(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """However long the lines of what was recorded stayed, the next reminder never shows
    beside a stale "✓ Tizanidine 2 mg taken 08:05"."""
    tizanidine(session)
    window = Window(scheduler, qtbot)
    idle = window.measure()
    fired_at(scheduler, clock, at(8))
    answer_both(window, clock, qtbot)  # held (the usual moment, not over yet)
    fired_at(scheduler, clock, at(14))
    assert [(r.state, r.text) for r in window.banner.rows()] == [
        (DUE, "Baclofen 20 mg is due (14:00)")]
    assert window.measure() == idle


def test_an_undone_answer_comes_back_in_its_row_while_held(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    tizanidine(session)
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    two = window.measure()
    answer_both(window, clock, qtbot)
    session.undo_stack.undo()  # Ctrl+Z: Tizanidine's Taken
    assert [(r.state, r.text) for r in window.banner.rows()] == [
        (DONE, RECORDED[0]), (DUE, "Tizanidine 2 mg is due (08:00)")]
    assert window.measure() == two
