"""The reminder banner never makes the window jump: as high with nothing due as with a reminder,
snoozed or answered, growing only by the reminders beyond the first and keeping that height
while any of them waits (and while the hand that answered the last is over the window); its
buttons are at least 44 × 44 px at any text size; each row shows the medication's pill and
names it for screen readers. The rows of reminders that came together: test_banner_burst.py."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.reminders.banner import TARGET
from diary.ui.reminders.banner import ReminderBanner
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.reminders.support import at
from tests.ui.reminders.support import dose_at
from tests.ui.reminders.support import fired_at
from tests.ui.reminders.support import pointer_away
from tests.ui.reminders.support import pointer_on


def settle() -> None:
    """Let every posted layout request run: a label's new words ask its row for a new height,
    the row asks the banner, and so on up (each step posts the next)."""
    for _ in range(4):
        QApplication.processEvents()


class Window:
    """A window as the main window holds the banner: the banner, then what comes below it."""

    def __init__(self, scheduler: ReminderScheduler, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.host = QWidget()
        qtbot.addWidget(self.host)
        layout = QVBoxLayout(self.host)
        self.banner = ReminderBanner(scheduler, self.host)
        self.below = QLabel("The Today view")
        layout.addWidget(self.banner)
        layout.addWidget(self.below, 1)
        self.host.resize(1000, 500)
        self.host.show()

    def measure(self) -> tuple[int, int]:
        """The banner's height and where the widget below it starts, once laid out."""
        settle()
        layout = self.host.layout()
        assert layout is not None
        layout.activate()
        return self.banner.height(), self.below.y()


def texts(window: Window) -> list[str]:
    return [r.text for r in window.banner.rows()]


def place(widget: QWidget) -> QPoint:
    """Where `widget` is in its window, once laid out."""
    settle()
    return widget.mapTo(widget.window(), QPoint(0, 0))


def tizanidine(session: DiarySession) -> Medication:
    med = edits.add_medication(session, Medication(name="Tizanidine", unit=Unit.MG))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 2_000, (time(8),))])
    return med


def test_nothing_below_moves_as_a_reminder_comes_and_goes(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime], qtbot,
        text_size: int) -> None:
    window = Window(scheduler, qtbot)
    idle = window.measure()
    assert [r.text for r in window.banner.rows()] == ["Next: Baclofen 20 mg at 08:00"]
    fired_at(scheduler, clock, at(8))
    assert window.measure() == idle  # a reminder appears: same height, nothing moved
    [row] = window.banner.rows()
    click(qtbot, row.snooze_button)
    assert window.measure() == idle  # snoozed
    fired_at(scheduler, clock, at(8, 10))
    assert window.measure() == idle  # back
    click(qtbot, window.banner.rows()[0].take_button)
    assert [r.text for r in window.banner.rows()] == ["Next: Baclofen 20 mg at 14:00"]
    assert window.measure() == idle  # answered


def test_answering_one_of_two_reminders_moves_nothing(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot, text_size: int) -> None:
    tizanidine(session)
    window = Window(scheduler, qtbot)
    idle = window.measure()
    fired_at(scheduler, clock, at(8))
    assert texts(window) == ["Baclofen 20 mg is due (08:00)", "Tizanidine 2 mg is due (08:00)"]
    two = window.measure()
    assert two[0] > idle[0] and two[1] > idle[1]  # a reminder arrived: the banner grew
    first, second = window.banner.rows()
    first_take = place(first.take_button)
    clock[0] = at(8, 3)
    pointer_on(second.take_button)  # the hand is on the button it clicks
    click(qtbot, second.take_button)
    assert texts(window) == ["Baclofen 20 mg is due (08:00)", "✓ Tizanidine 2 mg taken 08:03"]
    assert window.measure() == two  # nothing below moved...
    assert place(window.banner.rows()[0].take_button) == first_take  # ...nor the other Taken
    assert not any(b.isVisible() for b in window.banner.rows()[1].buttons())
    # The last one, the hand still there: what was recorded stays, nothing moves...
    click(qtbot, window.banner.rows()[0].take_button)
    assert texts(window) == ["✓ Baclofen 20 mg taken 08:03", "✓ Tizanidine 2 mg taken 08:03"]
    assert window.measure() == two
    # ...until the pointer leaves the window: back to the one row it always keeps, as high as
    # with one reminder or none.
    pointer_away()
    assert texts(window) == ["Next: Baclofen 20 mg at 14:00"]
    assert window.measure() == idle


def test_the_last_answer_from_away_takes_the_rows_at_once(
        scheduler: ReminderScheduler, baclofen: Medication, session: DiarySession,
        clock: list[datetime], qtbot) -> None:
    """Answered from the tray or a notification (the pointer is not over the window): the
    banner goes back to its one row straight away."""
    tizanidine(session)
    window = Window(scheduler, qtbot)
    idle = window.measure()
    fired_at(scheduler, clock, at(8))
    for dose in scheduler.pending():
        scheduler.take(dose)
    assert texts(window) == ["Next: Baclofen 20 mg at 14:00"]
    assert window.measure() == idle


@pytest.mark.parametrize(("times", "width"), [(1, 600), (2, 800)], ids=["1x-600", "2x-800"])
def test_nothing_below_moves_as_a_reminder_turns_late(
        scheduler: ReminderScheduler, baclofen: Medication, clock: list[datetime], qtbot,
        scale_text, times: int, width: int) -> None:  # type: ignore[no-untyped-def]
    """The late words ("… was due at 08:00 — not recorded yet (next at 14:00)") are longer
    than the due ones: the row kept room for them from the start."""
    scale_text(times)
    window = Window(scheduler, qtbot)
    window.host.resize(width, 600)
    idle = window.measure()
    fired_at(scheduler, clock, at(8, 50))
    assert texts(window) == ["Baclofen 20 mg is due (08:00)"]
    assert window.measure() == idle
    fired_at(scheduler, clock, at(9, 2))  # past the on-time window
    assert texts(window) == [
        "Baclofen 20 mg was due at 08:00 — not recorded yet (next at 14:00)"]
    assert window.measure() == idle
    label = window.banner.rows()[0].label
    assert label.height() >= label.heightForWidth(label.width())  # every word shows
    assert label.heightForWidth(label.width()) > 2 * label.fontMetrics().lineSpacing() + 4


def test_buttons_are_large_enough_to_hit(scheduler: ReminderScheduler, baclofen: Medication,
                                         clock: list[datetime], qtbot, text_size: int) -> None:
    window = Window(scheduler, qtbot)
    fired_at(scheduler, clock, at(8))
    window.measure()
    [row] = window.banner.rows()
    sizes = {b.text(): (b.width(), b.height()) for b in row.buttons()}
    assert len(sizes) == 4
    assert all(w >= TARGET and h >= TARGET for w, h in sizes.values()), sizes
    # Room for two lines of words at this text size, so a wrapped line does not move anything.
    assert row.height() >= 2 * row.label.fontMetrics().lineSpacing()


def test_each_row_shows_the_medication_s_pill(scheduler: ReminderScheduler,
                                              baclofen: Medication, session: DiarySession,
                                              clock: list[datetime], qtbot) -> None:
    other = tizanidine(session)
    window = Window(scheduler, qtbot)
    [row] = window.banner.rows()
    assert not row.pill.pixmap().isNull()  # the next dose's pill
    fired_at(scheduler, clock, at(8))
    names = [r.pill.accessibleName() for r in window.banner.rows()]
    assert names == [f"{baclofen.look.describe()} pill", f"{other.look.describe()} pill"]
    assert names[0] != names[1]  # two medications, two looks
    # The words name no colour: the picture carries it, the accessible name says it.
    assert "blue" not in window.banner.rows()[0].text.lower()
    for dose in scheduler.pending():
        scheduler.take(dose)
    [row] = window.banner.rows()
    assert row.text == "Next: Baclofen 20 mg at 14:00" and not row.pill.pixmap().isNull()


def test_a_due_reminder_stands_out(scheduler: ReminderScheduler, baclofen: Medication,
                                   clock: list[datetime], qtbot) -> None:
    window = Window(scheduler, qtbot)
    calm = window.banner.styleSheet()
    highlight = QApplication.palette().highlight().color().name()
    assert highlight not in calm
    fired_at(scheduler, clock, at(8))
    assert f"border: 2px solid {highlight}" in window.banner.styleSheet()
    assert not window.banner.rows()[0].icon.pixmap().isNull()
    scheduler.snooze(dose_at(baclofen, 8))
    assert window.banner.styleSheet() == calm
