"""Symptom ratings: one scale per active symptom, by mouse or keyboard, saved as one action."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.today.scale import ScoreScale
from diary.ui.today.view import TodayView
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import make_view


def scale(view: TodayView, name: str) -> ScoreScale:
    symptom = next(s for s in view.session.store.symptoms.all() if s.name == name)
    assert symptom.id is not None
    return view.ratings.scales[symptom.id]


def test_one_scale_per_active_symptom_with_its_anchors(qtbot, session: DiarySession) -> None:
    edits.add_symptom(session, Symptom("Pain", scale_max=4))
    nausea = session.store.symptoms.named("Nausea")
    assert nausea.id is not None
    edits.archive_symptom(session, nausea.id)
    view = make_view(qtbot, session)
    names = [s.symptom.name for s in view.ratings.scales.values()]
    assert names == ["Spasticity", "Drowsiness", "Headache", "Pain"]
    spasticity = scale(view, "Spasticity")
    assert [b.text() for b in spasticity.buttons] == [str(n) for n in range(11)]
    assert (spasticity.low.text(), spasticity.high.text()) == ("0 = none", "10 = worst imaginable")
    pain = scale(view, "Pain")
    assert len(pain.buttons) == 5 and pain.high.text() == "4 = severe"
    assert spasticity.current.text() == "not rated"


def test_ratings_are_saved_as_one_action_and_undone_together(qtbot,
                                                              session: DiarySession) -> None:
    view = make_view(qtbot, session)
    assert not view.ratings.save_button.isEnabled()  # nothing set yet
    click(qtbot, scale(view, "Spasticity").buttons[4])
    qtbot.keyClick(scale(view, "Drowsiness"), Qt.Key.Key_2)
    assert scale(view, "Drowsiness").current.text() == "2 / 10, not saved yet"
    assert view.ratings.save_button.isEnabled()
    qtbot.keyClicks(view.ratings.note, "after physio")
    depth = session.undo_stack.count()
    click(qtbot, view.ratings.save_button)
    saved = session.store.ratings.between(DAY, DAY)
    names = {s.id: s.name for s in session.store.symptoms.all()}
    assert sorted((names[r.symptom_id], r.score, r.note) for r in saved) == [
        ("Drowsiness", 2, "after physio"), ("Spasticity", 4, "after physio")]  # unset: not saved
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Save ratings (2)"
    # The form is ready for the next time, and shows what was saved.
    assert all(s.value() is None for s in view.ratings.scales.values())
    assert scale(view, "Drowsiness").current.text() == "Saved 2 at 21:00"
    assert scale(view, "Nausea").current.text() == "not rated"
    assert view.ratings.note.text() == ""
    assert "Saved 2 ratings at 21:00" in view.notice.text()
    session.undo_stack.undo()
    assert session.store.ratings.between(DAY, DAY) == []


def test_last_saved_and_rating_again_the_same_day(qtbot, session: DiarySession,
                                                  clock: list[datetime]) -> None:
    clock[0] = at(20, 30)
    view = make_view(qtbot, session)
    assert view.ratings.last_saved.text() == "No ratings saved yet today"
    click(qtbot, scale(view, "Spasticity").buttons[6])
    click(qtbot, view.ratings.save_button)
    assert view.ratings.last_saved.text() == "Last saved at 20:30"
    clock[0] = at(21, 0)
    click(qtbot, scale(view, "Spasticity").buttons[3])
    click(qtbot, view.ratings.save_button)
    assert [r.score for r in session.store.ratings.between(DAY, DAY)] == [6, 3]  # another rating
    assert view.ratings.last_saved.text() == "Last saved at 21:00"
    assert scale(view, "Spasticity").current.text() == "Saved 3 at 21:00"
    session.undo_stack.undo()
    assert view.ratings.last_saved.text() == "Last saved at 20:30"
    assert scale(view, "Spasticity").current.text() == "Saved 6 at 20:30"
    assert scale(view, "Spasticity").buttons[6].isChecked()


def test_a_scale_by_keyboard(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    spasticity = scale(view, "Spasticity")
    qtbot.keyClick(spasticity, Qt.Key.Key_Right)
    assert spasticity.value() == 0
    qtbot.keyClick(spasticity, Qt.Key.Key_Right)
    qtbot.keyClick(spasticity, Qt.Key.Key_Right)
    assert spasticity.value() == 2
    qtbot.keyClick(spasticity, Qt.Key.Key_Left)
    assert spasticity.value() == 1
    qtbot.keyClick(spasticity, Qt.Key.Key_End)
    assert spasticity.value() == 10
    qtbot.keyClick(spasticity, Qt.Key.Key_Home)
    assert spasticity.value() == 0
    qtbot.keyClicks(spasticity, "10")
    assert spasticity.value() == 10 and spasticity.buttons[10].isChecked()
    qtbot.keyClick(spasticity, Qt.Key.Key_Delete)
    assert spasticity.value() is None
    assert not any(b.isChecked() for b in spasticity.buttons)
    qtbot.keyClick(spasticity, Qt.Key.Key_7)
    assert spasticity.value() == 7
    assert spasticity.accessibleDescription() == "rated 7 of 10, not saved yet"


def test_a_second_click_clears_the_score(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    headache = scale(view, "Headache")
    click(qtbot, headache.buttons[5])
    assert headache.value() == 5 and headache.buttons[5].isChecked()
    click(qtbot, headache.buttons[5])
    assert headache.value() is None and not headache.buttons[5].isChecked()
    assert not view.ratings.save_button.isEnabled()


def test_keyboard_only_rating_flow(qtbot, session: DiarySession) -> None:
    """Ctrl+R, a digit, Down, a digit, Ctrl+Enter: two ratings saved without the mouse."""
    view = make_view(qtbot, session)
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    first = scale(view, "Spasticity")
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_3)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    second = scale(view, "Drowsiness")
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_1)
    qtbot.keyClick(second, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sorted(r.score for r in session.store.ratings.between(DAY, DAY)) == [1, 3]


def test_scores_set_survive_a_refresh(qtbot, session: DiarySession) -> None:
    view = make_view(qtbot, session)
    click(qtbot, scale(view, "Nausea").buttons[2])
    edits.add_symptom(session, Symptom("Pain"))  # a change elsewhere rebuilds the rows
    assert scale(view, "Nausea").value() == 2
    assert scale(view, "Pain").value() is None


def test_a_refused_save_keeps_the_form(qtbot, session: DiarySession,
                                       dialog_answers) -> None:
    errors = dialog_answers.error_texts
    view = make_view(qtbot, session)
    click(qtbot, scale(view, "Nausea").buttons[2])
    view.ratings.note.setText("x" * 5000)  # longer than a note may be
    click(qtbot, view.ratings.save_button)
    assert len(errors) == 1 and errors[0].startswith("note:")
    assert session.store.ratings.between(DAY, DAY) == []
    assert scale(view, "Nausea").value() == 2 and len(view.ratings.note.text()) == 5000


def test_a_score_saved_today_is_chosen_when_today_opens(qtbot, session: DiarySession,
                                                        clock: list[datetime]) -> None:
    """Reviewer: after Save every scale went back to "not rated"."""
    spasticity = session.store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    edits.add_ratings(session, [Rating(spasticity.id, at(8, 10), 4)])
    view = make_view(qtbot, session)
    opened = scale(view, "Spasticity")
    assert opened.buttons[4].isChecked() and opened.value() is None
    assert opened.current.text() == "Saved 4 at 08:10"
    assert opened.buttons[4].accessibleName() == "Spasticity 4, chosen, saved at 08:10"
    assert not view.ratings.save_button.isEnabled()  # nothing new to save
    assert view.ratings.unsaved_changes() == []
    assert scale(view, "Nausea").current.text() == "not rated"
