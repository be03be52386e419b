"""How medications and plan steps read in the window and the values people type for them
(pure Python): intervals, amounts and dose times as typed, a step in words, the max, the
label's warning when a change stops a plan without a taper, and what a label filled in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time

import pytest

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.templates import find_template
from diary.domain.templates import medication_from_template
from diary.domain.units import Unit
from diary.ui.medications.wording import abrupt_end_warning
from diary.ui.medications.wording import duration_field
from diary.ui.medications.wording import interval_text
from diary.ui.medications.wording import label_filled_text
from diary.ui.medications.wording import optional_amount
from diary.ui.medications.wording import optional_duration
from diary.ui.medications.wording import over_max
from diary.ui.medications.wording import over_max_text
from diary.ui.medications.wording import parse_times
from diary.ui.medications.wording import running_steps
from diary.ui.medications.wording import step_text
from diary.ui.medications.wording import times_text
from tests.helpers.clock import NOW

THRICE = (time(8), time(14), time(20))
BACLOFEN = Medication("Baclofen", Unit.MG, max_daily=80_000, taper_required=True, id=1)
DAY_STARTS = time(4)
EVERY_FIELD = ("unit", "form", "max", "interval", "taper", "notes")


@pytest.mark.parametrize(("typed", "minutes"), [
    ("4h30", 270), ("6h", 360), ("90min", 90), ("", None), (" None ", None), ("-", None)])
def test_an_interval_as_typed(typed: str, minutes: int | None) -> None:
    assert optional_duration(typed) == minutes


@pytest.mark.parametrize(("minutes", "field"), [
    (None, ""), (45, "45min"), (360, "6h"), (270, "4h30"), (61, "1h01")])
def test_an_interval_written_back_into_its_field(minutes: int | None, field: str) -> None:
    assert duration_field(minutes) == field
    assert optional_duration(field) == minutes


def test_values_that_are_not_understood_name_their_field() -> None:
    with pytest.raises(ValidationError, match=r"^minimum interval: 'soon' is not a duration"):
        optional_duration("soon")
    with pytest.raises(ValidationError, match=r"^max per day: 'lots' is not an amount"):
        optional_amount("lots", Unit.MG, "max per day")


def test_an_amount_as_typed_in_thousandths() -> None:
    assert optional_amount("7,5", Unit.MG, "max per day") == 7_500
    assert optional_amount("none", Unit.MG, "max per day") is None


def test_dose_times_as_typed_with_any_separator() -> None:
    assert parse_times("8.30 14h15;20:00") == (time(8, 30), time(14, 15), time(20))
    assert times_text(THRICE) == "08:00, 14:00, 20:00"
    with pytest.raises(ValidationError, match="list at least one time, like 08:00"):
        parse_times(" , ")
    with pytest.raises(ValidationError, match="'25:00' is not a time of day"):
        parse_times("08:00, 25:00")


def test_a_medication_and_a_step_in_words() -> None:
    assert interval_text(BACLOFEN) == "no minimum interval"
    assert interval_text(replace(BACLOFEN, min_interval_minutes=390)) == (
        "at least 6 h 30 min between doses")
    three_days = PlanStep(1, date(2026, 11, 26), 5_000, THRICE, end=date(2026, 11, 28))
    assert step_text(three_days, BACLOFEN) == (
        "2026-11-26 to 2026-11-28: 5 mg at 08:00, 14:00, 20:00 = 15 mg/day")
    assert step_text(PlanStep(1, date(2026, 11, 1), 10_000), BACLOFEN) == (
        "2026-11-01 onwards: 10 mg as needed")


def test_over_the_max_is_a_day_or_for_as_needed_a_single_dose() -> None:
    assert over_max(PlanStep(1, date(2026, 11, 1), 30_000, THRICE), BACLOFEN)  # 90 mg a day
    assert not over_max(PlanStep(1, date(2026, 11, 1), 20_000, THRICE), BACLOFEN)
    assert not over_max(PlanStep(1, date(2026, 11, 1), 60_000), BACLOFEN)  # as needed: one dose
    assert over_max(PlanStep(1, date(2026, 11, 1), 90_000), BACLOFEN)
    assert not over_max(PlanStep(1, date(2026, 11, 1), 90_000),
                        replace(BACLOFEN, max_daily=None))
    assert over_max_text(BACLOFEN) == "over the 80 mg/day max"


def test_running_steps_are_the_scheduled_ones_still_planning_doses() -> None:
    ended = PlanStep(1, date(2026, 11, 1), 10_000, THRICE, end=date(2026, 11, 25))
    today = PlanStep(1, date(2026, 11, 26), 20_000, THRICE, end=date(2026, 11, 26))
    as_needed = PlanStep(1, date(2026, 11, 1), 10_000)
    assert running_steps([ended, today, as_needed], date(2026, 11, 26)) == [today]


@pytest.fixture
def running() -> list[PlanStep]:
    return [PlanStep(1, date(2026, 11, 1), 20_000, THRICE, id=5)]


def test_a_change_that_stops_a_taper_required_plan_warns(running: list[PlanStep]) -> None:
    gone = abrupt_end_warning(BACLOFEN, running, [], NOW, DAY_STARTS)
    assert gone is not None
    assert gone.startswith("Baclofen: no dose would be planned any more, which stops it "
                           "without a taper.")
    assert BACLOFEN_WITHDRAWAL_WARNING in gone
    ended = [replace(running[0], end=date(2026, 11, 30))]
    warning = abrupt_end_warning(BACLOFEN, running, ended, NOW, DAY_STARTS)
    assert warning is not None
    assert warning.startswith("Baclofen: the plan ends on Mon 30 Nov 2026 without a taper.")
    assert BACLOFEN_WITHDRAWAL_WARNING in warning


def test_no_warning_without_a_taper_rule_or_for_a_plan_that_goes_on(
        running: list[PlanStep]) -> None:
    paracetamol = Medication("Paracetamol", Unit.MG, id=2)
    assert abrupt_end_warning(paracetamol, running, [], NOW, DAY_STARTS) is None
    higher = [*running, PlanStep(1, date(2026, 12, 1), 25_000, THRICE)]
    assert abrupt_end_warning(BACLOFEN, running, higher, NOW, DAY_STARTS) is None


def test_what_the_label_filled_in_and_what_was_kept() -> None:
    baclofen = find_template("Baclofen")
    assert baclofen is not None
    filled = medication_from_template("Baclofen")
    assert label_filled_text(baclofen, filled, EVERY_FIELD, EVERY_FIELD) == (
        "Filled from the baclofen label: at most 80 mg a day, taper required, its unit, form "
        "and notes — edit if your prescriber said otherwise.")
    in_ml = replace(filled, unit=Unit.ML, max_daily=None)
    assert label_filled_text(baclofen, in_ml, ("max", "taper"), EVERY_FIELD) == (
        "Filled from the baclofen label: no max per day (the label's is in mg, not ml), taper "
        "required; your unit, form, minimum interval and notes kept — edit if your prescriber "
        "said otherwise.")
    assert label_filled_text(baclofen, filled, (), EVERY_FIELD).startswith(
        "Filled from the baclofen label: nothing; your unit, form, max per day")


def test_a_plan_that_ended_long_ago_is_history_not_a_warning() -> None:
    """The label's warning is for a plan that stops now; one that stopped in the spring is not
    told again whenever the plan is looked at."""
    old = [PlanStep(1, date(2026, 3, 1), 20_000, THRICE, end=date(2026, 3, 31), id=5)]
    assert abrupt_end_warning(BACLOFEN, old, old, NOW, DAY_STARTS) is None
