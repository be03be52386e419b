"""The symptoms panel: add a custom symptom, rename, archive and bring back, reorder; each one undo
action, in the order Today rates them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diary.domain.entities import SEEDED_SYMPTOMS
from diary.ui.medications.symptoms import SymptomsPanel
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import click


@pytest.fixture
def panel(qtbot, session: DiarySession) -> SymptomsPanel:
    widget = SymptomsPanel(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(session: DiarySession, *, archived: bool = False) -> list[str]:
    return [s.name for s in session.store.symptoms.all(include_archived=archived)]


def listed(panel: SymptomsPanel) -> list[str]:
    return [panel.list.item(row).text() for row in range(panel.list.count())]


def test_lists_the_symptoms_in_order_with_their_scale(panel) -> None:
    assert listed(panel) == [f"{name}: 0–10 (0 = none, 10 = worst imaginable)"
                             for name in SEEDED_SYMPTOMS]


def test_add_a_custom_symptom_on_the_0_to_4_scale_with_enter_and_undo(qtbot, panel,
                                                                      session) -> None:
    qtbot.keyClicks(panel.new_name, "Bladder urgency")
    panel.scale.setFocus()
    qtbot.keyClick(panel.scale, Qt.Key.Key_Down)  # 0–10, then 0–4
    assert panel.scale.currentData() == 4
    panel.new_name.setFocus()
    qtbot.keyClick(panel.new_name, Qt.Key.Key_Return)
    assert names(session) == [*SEEDED_SYMPTOMS, "Bladder urgency"]
    assert session.store.symptoms.named("Bladder urgency").scale_max == 4
    assert listed(panel)[-1] == "Bladder urgency: 0–4 (0 = none, 4 = severe)"
    assert panel.selected().name == "Bladder urgency"
    assert panel.new_name.text() == ""
    session.undo_stack.undo()
    assert names(session) == list(SEEDED_SYMPTOMS)
    assert len(listed(panel)) == 4


def test_a_duplicate_or_empty_name_is_refused_with_a_reason(qtbot, panel, session) -> None:
    qtbot.keyClicks(panel.new_name, "nausea")
    click(qtbot, panel.add)
    assert "a symptom named 'nausea' already exists" in panel.error.text()
    panel.new_name.clear()
    click(qtbot, panel.add)
    assert "Name: must not be empty" in panel.error.text()
    assert names(session, archived=True) == list(SEEDED_SYMPTOMS)
    assert session.undo_stack.count() == 0


def test_adding_the_name_of_an_archived_symptom_points_to_unarchive(qtbot, panel,
                                                                    session) -> None:
    panel.select(session.store.symptoms.named("Headache").id)
    click(qtbot, panel.archive)
    qtbot.keyClicks(panel.new_name, "Headache")
    click(qtbot, panel.add)
    assert "already exists, archived" in panel.error.text()
    assert "Unarchive" in panel.error.text()


def test_rename_and_undo(qtbot, panel, session) -> None:
    nausea = session.store.symptoms.named("Nausea")
    panel.select(nausea.id)
    assert panel.rename_to.text() == "Nausea"
    panel.rename_to.selectAll()
    qtbot.keyClicks(panel.rename_to, "Feeling sick")
    qtbot.keyClick(panel.rename_to, Qt.Key.Key_Return)
    assert session.store.symptoms.get(nausea.id).name == "Feeling sick"
    assert listed(panel)[2].startswith("Feeling sick: ")
    session.undo_stack.undo()
    assert session.store.symptoms.get(nausea.id).name == "Nausea"
    assert panel.rename_to.text() == "Nausea"  # the field follows the undo


def test_archive_hides_the_symptom_and_unarchive_brings_it_back(qtbot, panel, session) -> None:
    headache = session.store.symptoms.named("Headache")
    panel.select(headache.id)
    click(qtbot, panel.archive)
    assert names(session) == ["Spasticity", "Drowsiness", "Nausea"]
    assert len(listed(panel)) == 3
    click(qtbot, panel.show_archived)
    assert listed(panel)[3].startswith("Headache (archived): ")
    panel.select(headache.id)
    assert panel.archive.text() == "Un&archive"
    click(qtbot, panel.archive)
    assert names(session) == list(SEEDED_SYMPTOMS)
    session.undo_stack.undo()
    assert "Headache" not in names(session)
    session.undo_stack.undo()
    assert names(session) == list(SEEDED_SYMPTOMS)


def test_reorder_with_buttons_and_keys_and_undo(qtbot, panel, session) -> None:
    panel.select(session.store.symptoms.named("Headache").id)
    assert not panel.move_down.isEnabled()  # already last
    click(qtbot, panel.move_up)
    assert names(session) == ["Spasticity", "Drowsiness", "Headache", "Nausea"]
    assert panel.selected().name == "Headache"  # the selection moves with it
    # Ctrl+Up on the list: a shortcut, so the window must be the active one.
    window = panel.window().windowHandle()
    window.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel.window(), timeout=2000)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(session) == ["Spasticity", "Headache", "Drowsiness", "Nausea"]
    assert [s.name for s in panel.symptoms()] == names(session)
    session.undo_stack.undo()
    assert names(session) == ["Spasticity", "Drowsiness", "Headache", "Nausea"]
    session.undo_stack.undo()
    assert names(session) == list(SEEDED_SYMPTOMS)


def test_reorder_skips_hidden_archived_symptoms_and_keeps_their_place(qtbot, panel,
                                                                     session) -> None:
    panel.select(session.store.symptoms.named("Drowsiness").id)
    click(qtbot, panel.archive)
    panel.select(session.store.symptoms.named("Nausea").id)
    click(qtbot, panel.move_up)  # past the hidden Drowsiness, above Spasticity
    assert names(session, archived=True) == ["Nausea", "Drowsiness", "Spasticity", "Headache"]
    assert names(session) == ["Nausea", "Spasticity", "Headache"]


def test_a_locked_diary_says_so_and_keeps_the_typed_name(qtbot, panel, session,
                                                         dialog_answers) -> None:
    errors = dialog_answers.errors
    qtbot.keyClicks(panel.new_name, "Pain")
    with locked(session.store):
        click(qtbot, panel.add)
    assert errors and errors[0][0] == "Could not add the symptom" and "busy" in errors[0][1]
    assert panel.new_name.text() == "Pain"
    assert panel.unsaved_changes() == ["the new symptom “Pain”"]
    assert names(session) == list(SEEDED_SYMPTOMS)
    click(qtbot, panel.add)
    assert names(session) == [*SEEDED_SYMPTOMS, "Pain"]
    assert panel.unsaved_changes() == []
