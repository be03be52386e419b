"""The last page: the first dose the plan expects, when, and what to do about it; the button that
logs it only for a dose of today."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.daytime import DEFAULT_DAY_STARTS_AT
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.plans.steps import ScheduledDose
from diary.domain.units import Unit
from diary.ui.assistant.first_dose import FirstDosePage
from diary.ui.assistant.first_dose import advice_text
from diary.ui.assistant.first_dose import when_text
from tests.ui.assistant.support import at

TODAY = date(2026, 11, 26)
WINDOW = timedelta(minutes=60)
MED = Medication("Baclofen", Unit.MG, id=1)


def dose(day: date, hour: int) -> ScheduledDose:
    return ScheduledDose(1, Slot(day, time(hour)), 5_000)


def test_when_the_first_dose_falls() -> None:
    assert when_text(dose(TODAY, 14), TODAY) == "today at 14:00"
    assert when_text(dose(TODAY + timedelta(days=1), 8), TODAY) == (
        "tomorrow, Fri 27 Nov 2026, at 08:00")
    assert when_text(dose(TODAY + timedelta(days=2), 8), TODAY) == "on Sat 28 Nov 2026 at 08:00"


@pytest.mark.parametrize(("hour", "minute", "starts"), [
    (13, 50, "When you have taken it, press “I've taken it now”: the diary records it as this "
             "14:00 dose."),
    (9, 30, "It is due at 14:00: take it then"),
])
def test_what_to_do_about_a_dose_of_today(hour: int, minute: int, starts: str) -> None:
    text = advice_text(dose(TODAY, 14), at(hour, minute), TODAY, DEFAULT_DAY_STARTS_AT, WINDOW)
    assert text.startswith(starts)


def test_nothing_to_take_today() -> None:
    text = advice_text(dose(TODAY + timedelta(days=1), 8), at(22), TODAY,
                       DEFAULT_DAY_STARTS_AT, WINDOW)
    assert text.startswith("There is nothing to take today.")


def test_the_page_offers_to_log_only_a_dose_of_today(qtbot) -> None:
    page = FirstDosePage()
    qtbot.addWidget(page)
    page.show()
    page.show_plan(MED, dose(TODAY, 14), ["Baclofen (tablet)"], at(13, 50), TODAY,
                   DEFAULT_DAY_STARTS_AT, WINDOW)
    assert page.dose.text() == "5 mg of Baclofen, today at 14:00."
    assert page.take.isVisible() and not page.take.isDefault()  # Enter finishes, unless on it
    assert page.saves.text().startswith("Finish saves:\n• Baclofen (tablet)")
    assert "Edit > Undo takes all of it back in one step." in page.saves.text()
    page.show_plan(MED, dose(TODAY + timedelta(days=1), 8), [], at(22), TODAY,
                   DEFAULT_DAY_STARTS_AT, WINDOW)
    assert page.take.isHidden()
    page.show_plan(MED, None, [], at(22), TODAY, DEFAULT_DAY_STARTS_AT, WINDOW)
    assert page.dose.text() == "Baclofen: the plan expects no dose in its first two days."
    assert page.take.isHidden()


def test_what_became_of_the_dose_is_said(qtbot) -> None:
    page = FirstDosePage()
    qtbot.addWidget(page)
    page.show()
    page.show_plan(MED, dose(TODAY, 14), [], at(13, 50), TODAY, DEFAULT_DAY_STARTS_AT, WINDOW)
    page.say("Not recorded. You did not take it.", done=False)
    assert page.outcome.isVisible() and page.take.isVisible()
    page.say("Recorded Baclofen 5 mg taken at 13:50.", done=True)
    assert page.outcome.text() == "Recorded Baclofen 5 mg taken at 13:50."
    assert page.take.isHidden() and page.advice.isHidden()  # nothing left to do about it


def test_once_saved_the_list_says_so(qtbot) -> None:
    page = FirstDosePage()
    qtbot.addWidget(page)
    page.show_plan(MED, dose(TODAY, 14), ["Baclofen (tablet)"], at(13, 50), TODAY,
                   DEFAULT_DAY_STARTS_AT, WINDOW)
    page.mark_saved()
    assert page.saves.text().startswith("Saved:\n• Baclofen (tablet)")
