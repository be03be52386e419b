"""What "Record it…" says it did (diary/ui/history/view.py): a missed dose recorded is told on
the line above the table and in the window's status bar (through the window's `announce`, when
it has one), with the Ctrl+Z that undoes it; a person who answers the safety question "I did not
take it", or closes it, is told that nothing was recorded. The line goes once the undo stack
moves (an undo, or another change)."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Slot
from diary.domain.units import Unit
from diary.ui.history.notice import LONG_SAMPLE
from diary.ui.history.view import HistoryView
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.qt import click
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

TODAY = NOW.date()  # Thursday 26 November 2026, 21:00 in Paris
YESTERDAY = TODAY - timedelta(days=1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NOW.tzinfo)


class Window(QWidget):
    """A window that announces, as the main window does in its status bar."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []

    def announce(self, text: str) -> None:
        self.said.append(text)


def shown(qtbot, session: DiarySession) -> tuple[HistoryView, Window]:  # type: ignore[no-untyped-def]
    window = Window()
    qtbot.addWidget(window)
    view = HistoryView(session, window)
    QVBoxLayout(window).addWidget(view)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    return view, window


def plan_with_a_maximum(session: DiarySession) -> int:
    """Baclofen 20 mg at 08:00, 14:00 and 20:00 since yesterday, at most 40 mg a day: yesterday
    08:00 and 14:00 taken, 20:00 missed (recording it would go over the maximum); today 08:00
    missed, 14:00 taken."""
    store = session.store
    med = store.medications.add(Medication(name="Baclofen", unit=Unit.MG, max_daily=40_000))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, YESTERDAY, 20_000, (time(8), time(14), time(20))))
    for day, hour in ((YESTERDAY, 8), (YESTERDAY, 14), (TODAY, 14)):
        store.intakes.add(Intake(med.id, at(day, hour, 5), 20_000, slot=Slot(day, time(hour))))
    return med.id


def select_missed(view: HistoryView, medication_id: int, day: date, hour: int) -> None:
    row = view.model.row_of(("missed", medication_id, day, time(hour)))
    assert row is not None
    view._select_row(row)
    view.table.setFocus()


def taken(session: DiarySession) -> list[Intake]:
    return [i for i in session.store.intakes.between(YESTERDAY, TODAY)
            if i.status is IntakeStatus.TAKEN]


def test_recording_a_missed_dose_says_what_was_recorded(qtbot, session: DiarySession,
                                                        dialog_answers) -> None:
    med = plan_with_a_maximum(session)
    view, window = shown(qtbot, session)
    assert view.notice.text() == ""
    select_missed(view, med, TODAY, 8)
    dialog_answers.queue(True)  # "Record as taken"
    click(qtbot, view.record_button)
    said = "Recorded: Baclofen 20 mg taken at 08:00 (Thu 26 Nov 2026). Ctrl+Z undoes it."
    assert view.notice.text() == said
    assert window.said == [said]
    assert len(taken(session)) == 4
    session.undo_stack.undo()
    assert view.notice.text() == ""  # what it said is over: the dose is gone again
    assert len(taken(session)) == 3


def test_answering_not_taken_says_nothing_was_recorded(qtbot, session: DiarySession,
                                                       dialog_answers) -> None:
    med = plan_with_a_maximum(session)
    view, window = shown(qtbot, session)
    select_missed(view, med, YESTERDAY, 20)
    dialog_answers.queue(True, False)  # "Record as taken", then "I did not take it"
    click(qtbot, view.record_button)
    first, safety = dialog_answers.asked
    assert first.title == "Record missed dose"
    assert "Did you take it?" in safety.text and safety.no.startswith("I did not take it")
    said = "Nothing recorded: you said it was not taken."
    assert view.notice.text() == said and window.said == [said]
    assert len(taken(session)) == 3 and session.undo_stack.count() == 0
    assert view.model.row_of(("missed", med, YESTERDAY, time(20))) is not None


def test_closing_the_safety_question_says_nothing_was_recorded(qtbot, session: DiarySession,
                                                               dialog_answers) -> None:
    med = plan_with_a_maximum(session)
    view, window = shown(qtbot, session)
    select_missed(view, med, YESTERDAY, 20)
    dialog_answers.queue(True, None)
    click(qtbot, view.record_button)
    said = "Nothing recorded: the question was closed without an answer."
    assert view.notice.text() == said and window.said == [said]
    assert len(taken(session)) == 3


def test_taken_over_the_maximum_says_so(qtbot, session: DiarySession, dialog_answers) -> None:
    med = plan_with_a_maximum(session)
    view, window = shown(qtbot, session)
    select_missed(view, med, YESTERDAY, 20)
    dialog_answers.queue(True, True)  # "Record as taken", then "I took it"
    click(qtbot, view.record_button)
    said = view.notice.text()
    assert said.startswith("Recorded: Baclofen 20 mg taken at 20:00 (Wed 25 Nov 2026). "
                           "Recorded although: ")
    assert said.endswith("Ctrl+Z undoes it.") and window.said == [said]
    assert len(dialog_answers.asked) == 2 and len(taken(session)) == 4


def test_the_notice_keeps_its_room_whether_it_says_something_or_not(
        qtbot, session: DiarySession, dialog_answers) -> None:
    med = plan_with_a_maximum(session)
    view, window = shown(qtbot, session)
    window.resize(360, 700)  # narrow: the message takes two lines or more
    QApplication.processEvents()  # the layout settles as the event loop would let it
    top = view.table.mapTo(view, view.table.rect().topLeft())
    select_missed(view, med, TODAY, 8)
    dialog_answers.queue(True)
    click(qtbot, view.record_button)
    QApplication.processEvents()
    assert view.notice.text() and view.notice.height() > 2 * view.fontMetrics().lineSpacing()
    assert view.table.mapTo(view, view.table.rect().topLeft()) == top  # the table stays put


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_the_longest_message_leaves_the_table_where_it_was(
        qtbot, session: DiarySession, dialog_answers, factor: float) -> None:
    """At 1000 px wide, at the usual and at twice the text size: the over-the-maximum message,
    one longer than any the view says, and the undo that clears it all keep the table still."""
    med = plan_with_a_maximum(session)
    with text_times(factor):
        view, _ = shown(qtbot, session)
        settle()
        top = view.table.mapTo(view, view.table.rect().topLeft())
        select_missed(view, med, YESTERDAY, 20)
        dialog_answers.queue(True, True)  # "Record as taken", then "I took it"
        click(qtbot, view.record_button)
        settle()
        assert "over the 40 mg maximum per day" in view.notice.said
        assert view.table.mapTo(view, view.table.rect().topLeft()) == top
        longest = f"{LONG_SAMPLE} {LONG_SAMPLE}"
        view.show_notice(longest)
        settle()
        assert view.notice.cut_short and view.notice.toolTip() == longest
        assert view.table.mapTo(view, view.table.rect().topLeft()) == top
        session.undo_stack.undo()
        settle()
        assert view.notice.text() == ""
        assert view.table.mapTo(view, view.table.rect().topLeft()) == top
