"""Settings, this computer's reminders: how often an unanswered reminder asks again (every 15
minutes unless changed; "Don't repeat" asks once) and whether a heads-up comes before a dose
(off unless chosen); saved in QSettings, never in the diary, and read by the scheduler at once."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from PySide6.QtCore import QSettings

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.reminders.preferences import REPEAT_KEY
from diary.ui.reminders.preferences import ReminderPreferences
from diary.ui.reminders.preferences import reminder_preferences
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.shell.session import DiarySession
from diary.ui.shell.settings_dialog import SettingsForm
from diary.ui.shell.settings_dialog import reminders_enabled
from tests.helpers.qt import click
from tests.ui.reminders.support import at
from tests.ui.reminders.support import fired_at


def choose(combo, minutes: int) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(minutes)
    assert index >= 0, minutes
    combo.setCurrentIndex(index)


def test_the_defaults_are_shown(form: SettingsForm) -> None:
    assert form.repeat.currentText() == "Every 15 minutes"
    assert form.heads_up.currentText() == "Off: no notice before"
    assert [form.repeat.itemText(i) for i in range(form.repeat.count())] == [
        "Don't repeat: remind once", "Every 5 minutes", "Every 10 minutes", "Every 15 minutes",
        "Every 30 minutes", "Every hour"]


def test_the_choices_are_saved_for_this_computer(form: SettingsForm, settings: QSettings,
                                                 session: DiarySession) -> None:
    choose(form.repeat, 0)
    choose(form.heads_up, 10)
    form.apply()
    assert form.result() == SettingsForm.DialogCode.Accepted
    assert reminder_preferences(settings) == ReminderPreferences(
        enabled=True, repeat_minutes=0, heads_up_minutes=10)
    assert session.undo_stack.count() == 0  # nothing of the diary changed


def test_the_timing_waits_while_reminders_are_off(form: SettingsForm, qtbot) -> None:
    click(qtbot, form.reminders)
    assert not form.repeat.isEnabled() and not form.heads_up.isEnabled()
    click(qtbot, form.reminders)
    assert form.repeat.isEnabled() and form.heads_up.isEnabled()


def test_a_value_set_by_hand_is_kept(session: DiarySession, settings: QSettings,
                                     qtbot) -> None:
    settings.setValue(REPEAT_KEY, "20")
    form = SettingsForm(session, settings)
    qtbot.addWidget(form)
    assert form.repeat.currentText() == "Every 20 minutes"
    form.apply()
    assert reminder_preferences(settings).repeat_minutes == 20


def test_the_scheduler_follows_the_saved_choice(form: SettingsForm, settings: QSettings,
                                                session: DiarySession,
                                                clock: list[datetime]) -> None:
    med = edits.add_medication(session, Medication(name="Baclofen", unit=Unit.MG))
    assert med.id is not None
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 1), 5_000, (time(8),))])
    clock[0] = at(6)
    scheduler = ReminderScheduler(session, settings=settings)
    scheduler.start()
    fired_at(scheduler, clock, at(8))
    assert scheduler.next_wake() == at(8, 15)  # the default: asks again in 15 minutes
    choose(form.repeat, 5)
    form.apply()
    scheduler.set_enabled(reminders_enabled(settings))  # what the window does on saving
    assert scheduler.next_wake() == at(8, 5)
    scheduler.stop()
