"""The medications list and form: add from a template or custom, edit, archive (with the label's
warning when the plan still runs), undo; and a read-only diary that nothing can change."""

from __future__ import annotations

import re
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.units import Unit
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.medications.form import MedicationForm
from diary.ui.medications.view import MedicationsView
from diary.ui.shell.session import DiarySession
from tests.helpers.locks import locked
from tests.helpers.qt import activate
from tests.helpers.qt import click


def form_of(view: MedicationsView) -> MedicationForm:
    form = view.dialog
    assert isinstance(form, MedicationForm) and form.isVisible()
    return form


def baclofen(session: DiarySession, *, running_since: date | None = None) -> Medication:
    med = edits.add_medication(session, Medication(
        "Baclofen", Unit.MG, max_daily=80_000, taper_required=True))
    if running_since is not None:
        assert med.id is not None
        edits.add_plan_steps(session, [PlanStep(med.id, running_since, 20_000, DEFAULT_TIMES)])
    return med


def test_add_from_the_baclofen_template_fills_the_label_values(qtbot, view, session) -> None:
    click(qtbot, view.add_medication)
    form = form_of(view)
    form.template.setFocus()
    qtbot.keyClick(form.template, Qt.Key.Key_Down)  # the first template: baclofen
    assert form.name.text() == "Baclofen"
    assert form.unit.currentText() == "mg"
    assert form.max_daily.text() == "80"
    assert form.form.text() == "tablet"
    assert form.interval.text() == ""
    assert form.taper.isChecked()
    assert form.notes.toPlainText().startswith("Label: start 5 mg three times a day")
    assert "baclofen label" in form.hint.text()

    click(qtbot, form.ok_button)
    [saved] = session.store.medications.all()
    assert (saved.name, saved.unit, saved.max_daily, saved.taper_required) == (
        "Baclofen", Unit.MG, 80_000, True)
    assert view.selected_medication() == saved
    assert view.details["Max per day"].text() == "max 80 mg/day"
    assert session.undo_stack.undoText() == "Add Baclofen"
    session.undo_stack.undo()
    assert session.store.medications.all() == []
    assert view.medications() == []


def test_a_custom_medication_with_a_bad_max_is_refused_and_nothing_stored(qtbot, view,
                                                                          session) -> None:
    click(qtbot, view.add_medication)
    form = form_of(view)
    qtbot.keyClicks(form.name, "Vitamin D")
    form.unit.setCurrentIndex(form.unit.findText("IU"))
    qtbot.keyClicks(form.max_daily, "lots")
    qtbot.keyClicks(form.interval, "24h")
    click(qtbot, form.ok_button)
    assert form.isVisible()
    assert form.error.isVisible()
    assert "Max per day" in form.error.text() and "'lots' is not an amount" in form.error.text()
    assert form.focusWidget() is form.max_daily
    assert session.store.medications.all(include_archived=True) == []
    assert session.undo_stack.count() == 0

    form.max_daily.clear()
    qtbot.keyClicks(form.max_daily, "4000")
    click(qtbot, form.ok_button)
    [saved] = session.store.medications.all()
    assert (saved.unit, saved.max_daily, saved.min_interval_minutes) == (
        Unit.IU, 4_000_000, 24 * 60)
    assert not form.isVisible()


def test_changing_the_unit_clears_a_max_that_was_in_the_old_unit(qtbot, view) -> None:
    click(qtbot, view.add_medication)
    form = form_of(view)
    form.choose_template("baclofen")
    form.unit.setCurrentIndex(form.unit.findText("ml"))
    assert form.max_daily.text() == ""
    assert "enter the max per day in ml" in form.hint.text()
    assert form.max_unit.text() == "ml per day"


def test_edit_changes_the_medication_and_undo_restores_it(qtbot, view, session) -> None:
    med = baclofen(session)
    view.med_list.setFocus()
    qtbot.keyClick(view.med_list, Qt.Key.Key_Return)  # Enter on the list opens the form
    form = form_of(view)
    assert form.windowTitle() == "Edit Baclofen"
    assert form.max_daily.text() == "80"
    form.max_daily.selectAll()
    qtbot.keyClicks(form.max_daily, "60")
    qtbot.keyClicks(form.interval, "4h30")
    click(qtbot, form.ok_button)
    assert session.store.medications.get(med.id).max_daily == 60_000
    assert session.store.medications.get(med.id).min_interval_minutes == 270
    assert view.details["Max per day"].text() == "max 60 mg/day"
    assert view.details["Minimum interval"].text() == "at least 4 h 30 min between doses"
    session.undo_stack.undo()
    assert session.store.medications.get(med.id) == med
    assert view.details["Max per day"].text() == "max 80 mg/day"


def test_an_edit_that_changes_nothing_adds_no_undo_step(qtbot, view, session) -> None:
    baclofen(session)
    depth = session.undo_stack.count()
    click(qtbot, view.edit_medication)
    click(qtbot, form_of(view).ok_button)
    assert session.undo_stack.count() == depth


def test_a_duplicate_name_is_refused_in_the_form(qtbot, view, session) -> None:
    baclofen(session)
    click(qtbot, view.add_medication)
    form = form_of(view)
    qtbot.keyClicks(form.name, "baclofen")
    click(qtbot, form.ok_button)
    assert "already exists" in form.error.text()
    assert len(session.store.medications.all()) == 1


@pytest.mark.parametrize("keep", [False, True])
def test_a_brand_name_of_a_medication_already_there_asks_before_a_second_max(
        qtbot, view, session, dialog_answers, keep) -> None:
    baclofen(session)
    asked = dialog_answers.always(keep).texts
    click(qtbot, view.add_medication)
    form = form_of(view)
    form.choose_template("baclofen")
    form.name.selectAll()
    qtbot.keyClicks(form.name, "Lioresal")
    click(qtbot, form.ok_button)
    assert "Lioresal is baclofen, already in this diary as Baclofen" in asked[0]
    names = [m.name for m in session.store.medications.all()]
    assert names == (["Baclofen", "Lioresal"] if keep else ["Baclofen"])
    assert form.isVisible() is not keep


def test_lowering_the_max_below_the_plan_says_so_in_the_form(qtbot, view, session) -> None:
    baclofen(session, running_since=session.today() - timedelta(days=3))  # 60 mg a day
    click(qtbot, view.edit_medication)
    form = form_of(view)
    assert form.plan_notice.isHidden()
    form.max_daily.selectAll()
    qtbot.keyClicks(form.max_daily, "50")
    assert not form.plan_notice.isHidden()
    assert "The plan has days over the 50 mg/day max" in form.plan_notice.text()
    form.max_daily.selectAll()
    qtbot.keyClicks(form.max_daily, "60")
    assert form.plan_notice.isHidden()


@pytest.mark.parametrize("answer", [False, True])
def test_archiving_a_running_taper_medication_warns_and_asks(qtbot, view, session,
                                                             dialog_answers, answer) -> None:
    med = baclofen(session, running_since=session.today() - timedelta(days=20))
    asked = dialog_answers.always(answer).texts
    click(qtbot, view.archive)
    assert len(asked) == 1
    assert BACLOFEN_WITHDRAWAL_WARNING in asked[0]
    assert "not a taper" in asked[0]
    archived = session.store.medications.get(med.id).archived_at is not None
    assert archived is answer
    assert [m.name for m in view.medications()] == ([] if answer else ["Baclofen"])
    if answer:
        session.undo_stack.undo()
        assert session.store.medications.get(med.id).archived_at is None


def test_archive_without_a_running_plan_asks_nothing_and_unarchive_brings_it_back(
        qtbot, view, session) -> None:
    med = baclofen(session)  # no plan: no question (conftest fails on any dialog)
    click(qtbot, view.archive)
    assert session.store.medications.all() == []
    activate(qtbot, view)
    qtbot.keyClick(view.med_list, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Sho&w archived
    qtbot.waitUntil(view.show_archived.isChecked, timeout=2000)  # a mnemonic animates its click
    assert view.med_list.item(0).text() == "Baclofen (archived)"
    assert view.details["Status"].text().startswith("archived on ")
    assert view.archive.text() == "Una&rchive"
    assert not view.edit_medication.isEnabled()
    assert not view.plan.add_step.isEnabled()
    click(qtbot, view.archive)
    assert session.store.medications.get(med.id).archived_at is None
    assert view.med_list.item(0).text() == "Baclofen"


def test_read_only_disables_every_editing_control_and_leaves_the_file_alone(
        qtbot, tmp_path: Path, clock: list[datetime]) -> None:
    path = tmp_path / "caregiver.diary"
    writer = create_diary(path, clock=lambda: clock[0])
    med = writer.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                           taper_required=True))
    assert med.id is not None
    writer.plans.add_all([PlanStep(med.id, date(2026, 11, 1), 20_000, DEFAULT_TIMES)])
    writer.close()
    before = path.read_bytes()

    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    session = DiarySession(store, lambda: clock[0])
    view = MedicationsView(session)
    qtbot.addWidget(view)
    view.show()
    assert view.selected_medication() == store.medications.get(med.id)
    view.plan.table.selectRow(0)
    editing = [view.add_medication, view.edit_medication, view.archive, view.plan.add_step,
               view.plan.edit_step, view.plan.delete_step, view.plan.titration, view.plan.taper]
    panel = view.symptoms
    editing += [panel.move_up, panel.move_down, panel.archive, panel.rename, panel.rename_to,
                panel.add, panel.new_name, panel.scale]
    assert [w.accessibleName() for w in editing if w.isEnabled()] == []
    assert view.show_archived.isEnabled()  # looking is not editing
    # The keyboard paths do nothing either.
    view.plan.table.setFocus()
    qtbot.keyClick(view.plan.table, Qt.Key.Key_Delete)
    qtbot.keyClick(view.plan.table, Qt.Key.Key_Return)
    view.open_add_medication()
    view.toggle_archived()
    panel.move_selected(+1)
    assert view.dialog is None
    assert session.undo_stack.count() == 0
    session.close()
    assert path.read_bytes() == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing waiting to be written either


MAIN_WINDOW_LETTERS = set("FEVHTM")  # File, Edit, View, Help menus; Today, History, Medications


def mnemonics(page: QWidget) -> list[str]:
    """The Alt+letter mnemonics of the buttons and labels shown on `page`."""
    letters = []
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QAbstractButton | QLabel) and widget.isVisibleTo(page):
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue
            found = re.search(r"&([^&])", widget.text())
            if found:
                letters.append(found.group(1).upper())
    return letters


def test_every_control_is_named_and_mnemonics_never_clash(qtbot, view, session) -> None:
    baclofen(session, running_since=session.today())
    view.refresh()
    tab_letters = [re.search(r"&(.)", view.tabs.tabText(i)).group(1).upper()
                   for i in range(view.tabs.count())]
    for page in (view.tabs.widget(0), view.symptoms):
        letters = tab_letters + mnemonics(page)
        assert len(letters) > 10
        assert len(letters) == len(set(letters)), letters
        assert not set(letters) & MAIN_WINDOW_LETTERS, letters
        controls = [w for w in page.findChildren(QWidget)
                    if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(w, QLabel)
                    and w.parent() is not None and w.isVisibleTo(page)]
        assert controls
        unnamed = [w.metaObject().className() for w in controls if not w.accessibleName()
                   and w.metaObject().className() not in INTERNAL]
        assert unnamed == []


INTERNAL = {"QScrollBar", "QLineEdit_internal", "QTabBar", "QHeaderView", "QScrollArea"}


def test_keyboard_switches_to_symptoms_and_back(qtbot, view) -> None:
    activate(qtbot, view)
    view.med_list.setFocus()
    qtbot.keyClick(view.med_list, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentWidget() is view.symptoms
    qtbot.keyClick(view.symptoms.list, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentIndex() == 0


def test_a_locked_diary_keeps_the_form_open_with_everything_typed(qtbot, view, session,
                                                                  dialog_answers) -> None:
    errors = dialog_answers.errors
    click(qtbot, view.add_medication)
    form = form_of(view)
    qtbot.keyClicks(form.name, "Tizanidine")  # fills the label's 36 mg and its notes
    form.max_daily.selectAll()
    qtbot.keyClicks(form.max_daily, "24")
    form.notes.selectAll()
    qtbot.keyClicks(form.notes, "from Dr Lee")
    with locked(session.store):
        click(qtbot, form.ok_button)
    assert errors and errors[0][0] == "The medication was not saved"
    assert "busy" in errors[0][1]
    assert form.isVisible() and not form.error.isVisible()
    assert (form.name.text(), form.max_daily.text(), form.notes.toPlainText()) == (
        "Tizanidine", "24", "from Dr Lee")
    assert session.store.medications.all() == [] and session.undo_stack.count() == 0
    click(qtbot, form.ok_button)  # the lock is gone: the same form saves
    assert [m.name for m in session.store.medications.all()] == ["Tizanidine"]


def test_archive_on_a_locked_diary_says_so(qtbot, view, session, dialog_answers) -> None:
    errors = dialog_answers.errors
    med = baclofen(session)
    with locked(session.store):
        click(qtbot, view.archive)
    assert errors and errors[0][0] == "Could not archive" and "busy" in errors[0][1]
    assert session.store.medications.get(med.id).archived_at is None


def test_the_view_reports_what_is_typed_and_not_saved(qtbot, view, session) -> None:
    assert view.unsaved_changes() == []
    click(qtbot, view.add_medication)
    assert view.unsaved_changes() == ["the form “Add medication”"]
    form_of(view).reject()
    view.show_symptoms()
    qtbot.keyClicks(view.symptoms.new_name, "Pain")
    assert view.unsaved_changes() == ["the new symptom “Pain”"]
