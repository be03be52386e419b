"""The assistant by keyboard alone: Tab moves between fields, Enter goes on to the next page and,
on the last, finishes; no key of its own logs a dose by accident."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWizard

from diary.ui.assistant import AssistantWizard
from diary.ui.assistant import is_done
from diary.ui.assistant.wizard import FIRST_DOSE
from diary.ui.assistant.wizard import MEDICATION
from diary.ui.assistant.wizard import PLAN
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import activate
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)
Make = Callable[[], AssistantWizard]


def focused() -> object:
    return QApplication.focusWidget()


def type_in(qtbot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def key(qtbot, which: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which)


# The completion list is a popup: the offscreen platform cannot give it the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_enter_and_tab_alone_reach_finish(qtbot, make_wizard: Make, session: DiarySession,
                                          settings, clock: list[datetime]) -> None:
    clock[0] = at(13, 50)
    wizard = make_wizard()
    activate(qtbot, wizard)
    assert focused() is wizard.person.name
    type_in(qtbot, "Alex Martin")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is wizard.person.birth_date
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Multiple sclerosis")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == MEDICATION
    assert focused() is wizard.medication.name
    type_in(qtbot, "Baclofen")
    key(qtbot, Qt.Key.Key_Return)
    popup = wizard.medication.name.completer().popup()
    if wizard.currentId() == MEDICATION:  # the completion list took the first Enter
        assert not popup.isVisible()
        key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PLAN
    assert focused() is wizard.plan.target
    type_in(qtbot, "20")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == FIRST_DOSE
    assert focused() is wizard.button(QWizard.WizardButton.FinishButton)
    key(qtbot, Qt.Key.Key_Return)  # "Later": Finish, never "I've taken it now"
    assert wizard.result() == QWizard.DialogCode.Accepted
    store = session.store
    assert [m.name for m in store.medications.all()] == ["Baclofen"]
    assert store.info().name == "Alex Martin"
    assert store.info().condition == "Multiple sclerosis"
    assert store.intakes.between(TODAY, TODAY) == []
    assert is_done(settings, store.path)


def test_a_field_left_wrong_keeps_enter_on_its_page(qtbot, make_wizard: Make,
                                                    clock: list[datetime]) -> None:
    clock[0] = at(9)
    wizard = make_wizard()
    activate(qtbot, wizard)
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == MEDICATION
    key(qtbot, Qt.Key.Key_Return)  # no name yet
    assert wizard.currentId() == MEDICATION
    assert wizard.medication.error.isVisible()
    assert focused() is wizard.medication.name


def test_the_first_dose_is_logged_by_its_own_button_only(qtbot, make_wizard: Make,
                                                        session: DiarySession,
                                                        clock: list[datetime]) -> None:
    clock[0] = at(13, 50)
    wizard = make_wizard()
    activate(qtbot, wizard)
    wizard.medication.name.setText("Baclofen")
    wizard.next()
    wizard.next()
    wizard.plan.target.setText("20")
    wizard.next()
    assert wizard.currentId() == FIRST_DOSE
    for _ in range(10):  # Tab round to it
        if focused() is wizard.first.take:
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is wizard.first.take
    key(qtbot, Qt.Key.Key_Space)
    [intake] = session.store.intakes.between(TODAY, TODAY)
    assert intake.slot is not None and intake.slot.time.hour == 14
    assert focused() is wizard.button(QWizard.WizardButton.FinishButton)
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert len(session.store.intakes.between(TODAY, TODAY)) == 1
