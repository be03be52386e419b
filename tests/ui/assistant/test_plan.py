"""The third page: the label's titration to the prescriber's target, or the prescriber's doses;
dose times that follow the number a day; today, or tomorrow when today's times are past."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.entities import Medication
from diary.domain.templates import medication_for_name
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.ui.assistant.layout import CHOSEN
from diary.ui.assistant.plan import AMOUNT_ROW
from diary.ui.assistant.plan import TARGET_ROW
from diary.ui.assistant.plan import PlanPage
from diary.ui.assistant.setup import PREVIEW_ID
from diary.ui.assistant.setup import PlanKind
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)


def named(name: str) -> Medication:
    med = medication_for_name(name)
    assert med is not None
    return med


@pytest.fixture
def page(qtbot, session: DiarySession, clock: list[datetime]) -> PlanPage:
    clock[0] = at(9)
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.set_medication(named("Baclofen"))
    page.show()
    return page


def test_for_baclofen_the_labels_titration_comes_first_and_proposes_no_target(
        page: PlanPage) -> None:
    assert page.label_choice.isChecked() and page.label_choice.text().startswith(CHOSEN)
    assert page.target.text() == ""
    assert "5 mg at each dose time, then +5 mg per dose every 3 days" in page.label_about.text()
    assert page.summary.text() == "Type the target per dose your prescriber set."
    assert page.model.rowCount() == 0
    assert not page.validatePage()
    assert page.error.text().startswith("⚠ Target per dose:")


def test_the_titrations_steps_are_shown_before_anything_is_saved(page: PlanPage) -> None:
    page.target.setText("20")
    assert page.model.rowCount() == 4
    assert [page.model.step(r).amount for r in range(4)] == [5_000, 10_000, 15_000, 20_000]
    assert page.summary.text() == ("Will add 4 steps: from 5 mg to 20 mg per dose, the last "
                                   "one open-ended.")
    # At 09:00 the 08:00 dose's on-time window (60 minutes) has closed: 14:00 comes first.
    assert page.start_note.text() == "Starting today, Thu 26 Nov 2026, with the 14:00 dose."
    choice = page.choice()
    assert (choice.kind, choice.amount, choice.start) == (PlanKind.LABEL, 20 * SCALE, TODAY)
    assert all(s.medication_id == PREVIEW_ID for s in page.steps())
    assert page.validatePage()


def test_a_target_over_the_max_is_capped_and_says_so(page: PlanPage) -> None:
    page.target.setText("40")
    assert "⚠ Capped:" in page.summary.text()
    assert page.steps()[-1].daily_amount <= 80 * SCALE


def test_the_prescribers_doses(qtbot, page: PlanPage) -> None:
    click(qtbot, page.prescriber_choice)
    assert page.prescriber_choice.text().startswith(CHOSEN)
    assert not page.label_choice.text().startswith(CHOSEN)
    assert not page.fields.isRowVisible(TARGET_ROW) and page.fields.isRowVisible(AMOUNT_ROW)
    assert page.table.isHidden() and page.label_about.isHidden()
    page.amount.setText("10")
    assert page.summary.text() == ("Will save: 2026-11-26 onwards: 10 mg at 08:00, 14:00, "
                                   "20:00 = 30 mg/day.")
    [step] = page.steps()
    assert (step.amount, step.times, step.end) == (10 * SCALE, (time(8), time(14), time(20)),
                                                   None)


def test_a_day_over_the_max_is_warned_of_not_refused(qtbot, page: PlanPage) -> None:
    click(qtbot, page.prescriber_choice)
    page.amount.setText("30")
    assert "⚠ A day of this plan is over the 80 mg/day max" in page.summary.text()
    assert page.validatePage()


def test_the_dose_times_follow_the_number_a_day_and_stay_editable(qtbot, page: PlanPage) -> None:
    assert page.times.text() == "08:00, 14:00, 20:00" and page.count_buttons[3].isChecked()
    click(qtbot, page.count_buttons[2])
    assert page.times.text() == "08:00, 20:00"
    click(qtbot, page.count_buttons[4])
    assert page.times.text() == "08:00, 12:00, 16:00, 20:00"
    click(qtbot, page.count_buttons[1])
    assert page.times.text() == "08:00"
    page.times.setText("07:30, 19:30")
    assert page.count_buttons[2].isChecked() and page.count_buttons[2].text().startswith(CHOSEN)
    page.times.setText("06:00, 10:00, 14:00, 18:00, 22:00")
    assert not any(b.isChecked() for b in page.count_buttons.values())
    page.target.setText("10")
    assert page.steps()[0].times == (time(6), time(10), time(14), time(18), time(22))


def test_choosing_moves_nothing_beside_it(qtbot, page: PlanPage) -> None:
    widths = [b.width() for b in page.count_buttons.values()]
    click(qtbot, page.count_buttons[2])
    assert [b.width() for b in page.count_buttons.values()] == widths


def test_times_that_are_not_times_are_said(page: PlanPage) -> None:
    page.target.setText("20")
    page.times.setText("8 o'clock")
    assert page.summary.text().startswith("Not a plan yet: dose times:")
    assert page.model.rowCount() == 0
    assert not page.validatePage()
    assert page.focusWidget() is page.times


def test_starting_tomorrow_when_todays_times_are_past(qtbot, session: DiarySession,
                                                      clock: list[datetime]) -> None:
    clock[0] = at(22)
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.set_medication(named("Baclofen"))
    page.target.setText("20")
    assert page.start_note.text() == (
        "Starting tomorrow, because today's dose times have passed.")
    assert page.choice().start == TODAY + timedelta(days=1)
    assert page.steps()[0].start == TODAY + timedelta(days=1)
    page.times.setText("08:00, 14:00, 23:00")  # one still to come today
    assert page.start_note.text() == "Starting today, Thu 26 Nov 2026, with the 23:00 dose."
    page.times.setText("08:00, 14:00, 21:30")  # its on-time window is still open
    assert page.start_note.text() == "Starting today, Thu 26 Nov 2026, with the 21:30 dose."
    assert page.choice().start == TODAY


@pytest.mark.parametrize(("hour", "minute", "note"), [
    (8, 30, "Starting today, Thu 26 Nov 2026, with the 08:00 dose."),
    (9, 30, "Starting today, Thu 26 Nov 2026, with the 14:00 dose."),
    (21, 0, "Starting tomorrow, because today's dose times have passed."),
])
def test_a_dose_inside_its_on_time_window_is_still_todays(
        qtbot, session: DiarySession, clock: list[datetime], hour: int, minute: int,
        note: str) -> None:
    clock[0] = at(hour, minute)
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.set_medication(named("Baclofen"))
    page.target.setText("20")
    assert page.start_note.text() == note
    assert page.choice().start == (TODAY if hour < 21 else TODAY + timedelta(days=1))


def test_the_diarys_own_on_time_window_decides(qtbot, session: DiarySession,
                                               clock: list[datetime]) -> None:
    session.store.update_info(replace(session.store.info(), on_time_window_minutes=15))
    clock[0] = at(8, 30)  # the 08:00 dose's 15-minute window closed at 08:15
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.set_medication(named("Baclofen"))
    page.target.setText("20")
    assert page.start_note.text() == "Starting today, Thu 26 Nov 2026, with the 14:00 dose."


def test_another_medication_has_only_the_prescribers_doses(qtbot, session: DiarySession) -> None:
    page = PlanPage(session)
    qtbot.addWidget(page)
    for med in (named("Tizanidine"), Medication("Gabapentin", Unit.ML, form="solution")):
        page.set_medication(med)
        assert page.label_choice.isHidden() and page.prescriber_choice.isChecked()
        assert page.amount_unit.text() == f"{med.unit.value} per dose"
        page.amount.setText("5")
        assert page.steps()[0].amount == 5 * SCALE
