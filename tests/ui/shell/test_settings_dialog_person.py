"""Settings, about the person: birth date (or "not given"), condition and prescriber, saved in
the diary with the rest in one undo step, each at most 80 characters.

The tests that read condition and prescriber back from the diary need the storage of those two
fields (diary/storage rows and schema, and their validation in diary/domain/validation.py), added
by the same issue: test_the_person_s_details_are_saved_in_one_undo_step and
test_a_control_character_in_the_condition_is_refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtCore import QSettings

from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.shell.session import DiarySession
from diary.ui.shell.settings_dialog import SettingsForm
from diary.ui.widgets.dates import qdate
from tests.helpers.qt import click


def test_the_birth_date_is_not_given_until_given(form: SettingsForm, qtbot) -> None:
    assert not form.birth_known.isChecked() and not form.birth_date.isEnabled()
    assert form.birth_date.text() == "Not given" and form.birth() is None
    click(qtbot, form.birth_known)
    assert form.birth_date.isEnabled() and form.birth() == date(1970, 1, 1)
    click(qtbot, form.birth_known)  # taken back
    assert form.birth_date.text() == "Not given" and form.birth() is None


def test_the_person_s_details_are_saved_in_one_undo_step(form: SettingsForm,
                                                         session: DiarySession, qtbot,
                                                         settings: QSettings) -> None:
    click(qtbot, form.birth_known)
    form.birth_date.setDate(QDate(1968, 3, 14))
    qtbot.keyClicks(form.condition, "Multiple sclerosis")
    qtbot.keyClicks(form.prescriber, "  Dr A. Martin, neurology ")
    form.apply()
    assert form.result() == SettingsForm.DialogCode.Accepted
    info = session.store.info()
    assert (info.birth_date, info.condition, info.prescriber) == (
        date(1968, 3, 14), "Multiple sclerosis", "Dr A. Martin, neurology")
    again = SettingsForm(session, settings)
    qtbot.addWidget(again)
    assert again.birth_known.isChecked() and again.birth() == date(1968, 3, 14)
    assert (again.condition.text(), again.prescriber.text()) == (
        "Multiple sclerosis", "Dr A. Martin, neurology")
    session.undo_stack.undo()
    info = session.store.info()
    assert (info.birth_date, info.condition, info.prescriber) == (None, "", "")


def test_a_birth_date_taken_back_is_no_longer_stored(session: DiarySession,
                                                     settings: QSettings, qtbot) -> None:
    edits.update_info(session, replace(session.store.info(), birth_date=date(1950, 6, 1)))
    form = SettingsForm(session, settings)
    qtbot.addWidget(form)
    form.show()
    assert form.birth_known.isChecked() and form.birth_date.date() == QDate(1950, 6, 1)
    click(qtbot, form.birth_known)
    form.apply()
    assert session.store.info().birth_date is None


def test_no_birth_date_in_the_future(form: SettingsForm, session: DiarySession, qtbot) -> None:
    click(qtbot, form.birth_known)
    today = session.today()
    form.birth_date.setDate(qdate(today).addDays(1))
    assert form.birth() == today  # the field stops at today


def test_condition_and_prescriber_stop_at_80_characters(form: SettingsForm, qtbot) -> None:
    for line in (form.condition, form.prescriber):
        qtbot.keyClicks(line, "x" * 100)
        assert len(line.text()) == 80
        assert line.placeholderText().startswith("For example: ")


def test_a_control_character_in_the_condition_is_refused(form: SettingsForm,
                                                         session: DiarySession,
                                                         dialog_answers) -> None:
    errors = dialog_answers.error_texts
    form.condition.setText("MS\x07")
    form.name.setText("Ann")
    form.apply()
    assert errors and errors[0].startswith("condition:") and "control character" in errors[0]
    assert session.store.info().condition == "" and session.store.info().name == ""
    assert form.result() != SettingsForm.DialogCode.Accepted


def test_read_only_the_person_cannot_be_changed(session: DiarySession, settings: QSettings,
                                                clock, qtbot) -> None:
    reader_store = open_diary(Path(session.store.path), read_only=True, clock=lambda: clock[0])
    reader = DiarySession(reader_store, lambda: clock[0])
    form = SettingsForm(reader, settings)
    qtbot.addWidget(form)
    assert not any(w.isEnabled() for w in (form.name, form.birth_known, form.birth_date,
                                           form.condition, form.prescriber))
    assert form.reminders.isEnabled()  # this computer's own settings stay open
    form.close()
    reader_store.close()
