"""The validation matrix: each rule with good and bad values, and the message it gives."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.domain.validation import NAME_MAX
from diary.domain.validation import NOTE_MAX
from diary.domain.validation import check_not_ahead
from diary.domain.validation import parse_event_kind
from diary.domain.validation import valid_diary_info
from diary.domain.validation import valid_event
from diary.domain.validation import valid_intake
from diary.domain.validation import valid_medication
from diary.domain.validation import valid_name
from diary.domain.validation import valid_note
from diary.domain.validation import valid_plan_step
from diary.domain.validation import valid_rating
from diary.domain.validation import valid_score
from diary.domain.validation import valid_symptom
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))
BACLOFEN = Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000, id=1)
SPASTICITY = Symptom(name="Spasticity", scale_max=10, id=1)
BLADDER = Symptom(name="Bladder", scale_max=4, id=5)


def rejects(field: str, fragment: str, call, *args) -> None:
    with pytest.raises(ValidationError) as caught:
        call(*args)
    assert caught.value.field == field
    assert fragment in caught.value.message


class TestNames:
    def test_trimmed_and_normalised(self) -> None:
        assert valid_name("  Baclofen ") == "Baclofen"
        assert valid_name("Cafe\u0301") == "Café"  # NFC: one code point, one character

    @pytest.mark.parametrize("text", ["", "   ", "\t"])
    def test_empty(self, text: str) -> None:
        rejects("name", "must not be empty", valid_name, text)

    def test_length_limit_is_inclusive(self) -> None:
        assert valid_name("x" * NAME_MAX) == "x" * NAME_MAX
        rejects("name", f"the limit is {NAME_MAX}", valid_name, "x" * (NAME_MAX + 1))

    @pytest.mark.parametrize("char", ["\x00", "\x1b", "\n", "\x7f", "\u2028"])
    def test_control_characters(self, char: str) -> None:
        rejects("name", "control character", valid_name, f"Bac{char}lofen")

    def test_notes_allow_lines_but_not_other_controls(self) -> None:
        assert valid_note("slept badly\nwoke at 3") == "slept badly\nwoke at 3"
        rejects("note", "U+0007", valid_note, "ring\x07")
        assert valid_note("x" * NOTE_MAX) == "x" * NOTE_MAX
        rejects("note", f"the limit is {NOTE_MAX}", valid_note, "x" * (NOTE_MAX + 1))


class TestScores:
    @pytest.mark.parametrize("score", [0, 5, 10, 10.0])
    def test_in_scale(self, score: float) -> None:
        assert valid_score(score, 10) == int(score)

    @pytest.mark.parametrize("score", [-1, 11, 5.5, float("nan"), float("inf"), "7", True, None])
    def test_out_of_scale_or_not_a_number(self, score: object) -> None:
        with pytest.raises(ValidationError) as caught:
            valid_score(score, 10)
        assert caught.value.field == "score"

    def test_four_point_scale(self) -> None:
        assert valid_score(4, 4) == 4
        rejects("score", "outside the scale 0–4", valid_score, 5, 4)

    @given(st.integers(min_value=-100, max_value=100), st.sampled_from([4, 10]))
    def test_property_accepts_exactly_the_scale(self, score: int, scale: int) -> None:
        if 0 <= score <= scale:
            assert valid_score(score, scale) == score
        else:
            with pytest.raises(ValidationError):
                valid_score(score, scale)


class TestMedication:
    def test_good(self) -> None:
        med = valid_medication(
            Medication(name=" Baclofen ", unit=Unit.MG, max_daily=80_000, min_interval_minutes=180)
        )
        assert med.name == "Baclofen"

    def test_bad_max_daily(self) -> None:
        rejects(
            "max daily amount",
            "more than zero",
            valid_medication,
            Medication(name="B", unit=Unit.MG, max_daily=0),
        )
        rejects(
            "max daily amount",
            "beyond any real",
            valid_medication,
            Medication(name="B", unit=Unit.MG, max_daily=10**12),
        )

    def test_bad_interval(self) -> None:
        rejects(
            "minimum interval",
            "between 1 minute and 7 days",
            valid_medication,
            Medication(name="B", unit=Unit.MG, min_interval_minutes=0),
        )

    def test_unknown_unit(self) -> None:
        rejects("unit", "unknown unit", valid_medication, Medication(name="B", unit="furlong"))  # type: ignore[arg-type]


class TestPlanStep:
    step = PlanStep(
        medication_id=1, start=date(2026, 1, 1), amount=5000, times=(time(20), time(8), time(14))
    )

    def test_times_sorted(self) -> None:
        assert valid_plan_step(self.step, Unit.MG).times == (time(8), time(14), time(20))

    def test_end_before_start(self) -> None:
        bad = PlanStep(medication_id=1, start=date(2026, 1, 2), end=date(2026, 1, 1), amount=1)
        rejects("end", "before it starts", valid_plan_step, bad, Unit.MG)

    def test_duplicate_times(self) -> None:
        bad = PlanStep(medication_id=1, start=date(2026, 1, 1), amount=1, times=(time(8), time(8)))
        rejects("times", "listed twice", valid_plan_step, bad, Unit.MG)

    def test_amount_rules_apply(self) -> None:
        bad = PlanStep(medication_id=1, start=date(2026, 1, 1), amount=0)
        rejects("amount", "more than zero", valid_plan_step, bad, Unit.MG)


class TestEntries:
    def test_intake_good_and_normalised_to_fixed_offset(self) -> None:
        intake = valid_intake(
            Intake(medication_id=1, at=NOW - timedelta(hours=1), amount=5000, note=" ok "),
            Unit.MG,
            NOW,
        )
        assert intake.note == "ok" and intake.at.utcoffset() == timedelta(hours=1)

    @pytest.mark.parametrize(
        ("amount", "fragment"),
        [(0, "more than zero"), (-5, "more than zero"), (5_000_001, "check the decimal point")],
    )
    def test_intake_bad_amount(self, amount: int, fragment: str) -> None:
        rejects(
            "amount",
            fragment,
            valid_intake,
            Intake(medication_id=1, at=NOW, amount=amount),
            Unit.MG,
            NOW,
        )

    def test_intake_in_the_future(self) -> None:
        rejects(
            "time",
            "is still ahead",
            valid_intake,
            Intake(medication_id=1, at=NOW + timedelta(minutes=11), amount=5000),
            Unit.MG,
            NOW,
        )

    def test_rating_against_its_own_scale(self) -> None:
        assert valid_rating(Rating(symptom_id=1, at=NOW, score=10), SPASTICITY, NOW).score == 10
        rejects("score", "0–4", valid_rating, Rating(symptom_id=5, at=NOW, score=10), BLADDER, NOW)

    def test_event(self) -> None:
        assert (
            valid_event(Event(at=NOW, kind=EventKind.FALL, text=" tripped "), NOW).text == "tripped"
        )
        rejects(
            "text",
            "must not be empty",
            valid_event,
            Event(at=NOW, kind=EventKind.FALL, text="  "),
            NOW,
        )

    def test_event_kinds_parse_from_words(self) -> None:
        assert parse_event_kind("Dose change") is EventKind.DOSE_CHANGE
        assert parse_event_kind("appointment") is EventKind.APPOINTMENT
        rejects("kind", "not one of", parse_event_kind, "party")


class TestSymptomAndDiary:
    def test_scales(self) -> None:
        assert valid_symptom(Symptom(name="Pain", scale_max=4)).scale_max == 4
        rejects("scale", "0–10 or 0–4", valid_symptom, Symptom(name="Pain", scale_max=5))

    def test_day_start_and_window(self) -> None:
        assert valid_diary_info(DiaryInfo(day_starts_at=time(12, 0))).day_starts_at == time(12)
        rejects(
            "day starts at",
            "between 00:00 and 12:00",
            valid_diary_info,
            DiaryInfo(day_starts_at=time(13, 0)),
        )
        rejects(
            "on-time window",
            "between 5 minutes",
            valid_diary_info,
            DiaryInfo(on_time_window_minutes=4),
        )
        rejects("name", "single line", valid_diary_info, DiaryInfo(name="A\nB"))


def test_day_start_just_past_noon_is_refused_by_the_domain() -> None:
    rejects("day starts at", "between 00:00 and 12:00", valid_diary_info,
            DiaryInfo(day_starts_at=time(12, 30)))


def test_form_has_its_own_limit() -> None:
    from diary.domain.validation import FORM_MAX

    assert valid_medication(Medication(name="B", unit=Unit.MG, form="oral solution")).form == (
        "oral solution")
    rejects("form", f"the limit is {FORM_MAX}", valid_medication,
            Medication(name="B", unit=Unit.MG, form="x" * (FORM_MAX + 1)))


def test_a_step_that_ends_before_it_starts_is_refused_in_the_one_wording_of_ranges() -> None:
    """daytime.check_order's words, as the command line and the window say them too (issue 16)."""
    step = PlanStep(1, date(2026, 12, 1), 5_000, end=date(2026, 11, 30))
    with pytest.raises(ValidationError) as refused:
        valid_plan_step(step, Unit.MG)
    assert (refused.value.field, refused.value.message) == (
        "end", "the step ends on 2026-11-30 before it starts on 2026-12-01")


def test_a_time_ahead_is_refused_in_plain_words_and_local_time() -> None:
    """Reviewer: the window said "time: 2026-12-08T14:00+00:00 is in the future"."""
    utc_morning = NOW.astimezone(UTC).replace(hour=10, minute=10)
    ahead = utc_morning.replace(hour=14, minute=0)
    with pytest.raises(ValidationError) as caught:
        check_not_ahead(ahead, utc_morning, "a dose", "logged")
    assert caught.value.field == "time"
    assert caught.value.message == "14:00 today is still ahead; a dose can be logged up to now, " \
        "10:10"
    # Said on the entry's own clock (its offset), now too.
    with pytest.raises(ValidationError, match="15:00 today is still ahead; an entry can be "
                       "recorded up to now, 11:10"):
        check_not_ahead(ahead.astimezone(CET), utc_morning)
    with pytest.raises(ValidationError, match="08:00 tomorrow"):
        check_not_ahead(NOW.replace(hour=8) + timedelta(days=1), NOW)
    # Up to the domain's ten minutes of tolerance, as valid_intake allows.
    check_not_ahead(NOW + timedelta(minutes=10), NOW)
    check_not_ahead(NOW - timedelta(days=3), NOW)
