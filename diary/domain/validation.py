"""Validation of every entity before it is stored, with messages a person can act on.

Each `valid_*` function returns the entity normalised (names trimmed, times fixed to their offset)
or raises ValidationError naming the field. Storage's CHECK constraints back these rules up.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from diary.domain import entities
from diary.domain.daytime import FUTURE_TOLERANCE
from diary.domain.daytime import check_moment
from diary.domain.daytime import check_order
from diary.domain.daytime import minutes_of
from diary.domain.errors import ValidationError
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import HARD_CEILING
from diary.domain.units import Unit
from diary.domain.units import check_amount
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.domain.wording import moment_text

NAME_MAX = 80
NOTE_MAX = 2000
EVENT_TEXT_MAX = 2000
FORM_MAX = 40
MAX_DOSES_PER_DAY = 24
MAX_INTERVAL_MINUTES = 7 * 24 * 60
MAX_ON_TIME_WINDOW = 6 * 60
_Choice = TypeVar("_Choice", Colour, Shape)


def name_key(name: str) -> str:
    """A name as the diary file compares names (SQLite's NOCASE folds the letters A to Z only):
    Übelkeit and übelkeit are two symptoms there, so they are two here too."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in cleaned)


def valid_name(text: str, field: str = "name") -> str:
    """A non-empty single line of at most NAME_MAX characters, with no control characters."""
    cleaned = unicodedata.normalize("NFC", text).strip()
    if not cleaned:
        raise ValidationError(field, "must not be empty")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(field, f"is {len(cleaned)} characters long; the limit is {NAME_MAX}")
    _no_control(cleaned, field, allow_newlines=False)
    return cleaned


def valid_note(text: str, field: str = "note", limit: int = NOTE_MAX) -> str:
    """Free text of at most `limit` characters; line breaks and tabs allowed, other controls not."""
    cleaned = unicodedata.normalize("NFC", text).strip()
    if len(cleaned) > limit:
        raise ValidationError(field, f"is {len(cleaned)} characters long; the limit is {limit}")
    _no_control(cleaned, field, allow_newlines=True)
    return cleaned


def _no_control(text: str, field: str, *, allow_newlines: bool) -> None:
    allowed = {"\n", "\t"} if allow_newlines else set()
    for position, char in enumerate(text, start=1):
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or char in "\u2028\u2029":
            raise ValidationError(
                field, f"contains a control character (U+{ord(char):04X}) at position {position}"
            )


def valid_score(score: object, scale_max: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise ValidationError("score", f"{score!r} is not a whole number")
    if isinstance(score, float):
        if math.isnan(score) or math.isinf(score) or not score.is_integer():
            raise ValidationError("score", f"{score!r} is not a whole number")
        score = int(score)
    if not 0 <= score <= scale_max:
        raise ValidationError("score", f"{score} is outside the scale 0–{scale_max}")
    return score


def valid_medication(med: entities.Medication) -> entities.Medication:
    if not isinstance(med.unit, Unit):
        raise ValidationError("unit", f"unknown unit {med.unit!r}")
    if med.max_daily is not None:
        ceiling = HARD_CEILING[med.unit] * MAX_DOSES_PER_DAY
        if med.max_daily <= 0:
            raise ValidationError("max daily amount", "must be more than zero, or left empty")
        if med.max_daily > ceiling:
            raise ValidationError(
                "max daily amount",
                f"{format_amount(med.max_daily, med.unit)} is beyond any real daily amount",
            )
    interval = med.min_interval_minutes
    if interval is not None and not 0 < interval <= MAX_INTERVAL_MINUTES:
        raise ValidationError("minimum interval", "must be between 1 minute and 7 days, or empty")
    return replace(
        med,
        name=valid_name(med.name),
        form=_valid_form(med.form),
        notes=valid_note(med.notes, "notes"),
        colour=valid_choice(med.colour, Colour, "colour"),
        shape=valid_choice(med.shape, Shape, "shape"),
    )


def valid_choice(value: object, kind: type[_Choice], field: str) -> _Choice | None:
    """One of `kind`'s values (given as the member or its text), or None for the automatic
    one."""
    if value is None:
        return None
    try:
        return kind(str(value))
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        shown = str(value) if isinstance(value, str) else value  # a member of another kind too
        raise ValidationError(field, f"{shown!r} is not one of {choices}") from None


def _valid_form(text: str) -> str:
    if not text.strip():
        return ""
    form = valid_name(text, "form")
    if len(form) > FORM_MAX:
        raise ValidationError("form", f"is {len(form)} characters long; the limit is {FORM_MAX}")
    return form


def valid_plan_step(step: entities.PlanStep, unit: Unit) -> entities.PlanStep:
    check_amount(step.amount, unit)
    if step.end is not None:
        check_order(step.start, step.end, "end", "the step")
    times = tuple(sorted(set(step.times)))
    if len(times) != len(step.times):
        raise ValidationError("times", "the same dose time is listed twice")
    if len(times) > MAX_DOSES_PER_DAY:
        raise ValidationError("times", f"more than {MAX_DOSES_PER_DAY} doses a day")
    if any(t.second or t.microsecond for t in times):
        raise ValidationError("times", "dose times are whole minutes")
    return replace(step, times=times, note=valid_note(step.note))


def valid_intake(intake: entities.Intake, unit: Unit, now: datetime) -> entities.Intake:
    if not isinstance(intake.status, entities.IntakeStatus):
        raise ValidationError("status", f"{intake.status!r} is neither taken nor skipped")
    check_amount(intake.amount, unit)
    return replace(intake, at=check_moment(intake.at, now), note=valid_note(intake.note))


def check_not_ahead(at: datetime, now: datetime, what: str = "an entry",
                    verb: str = "recorded") -> None:
    """Refuse a time still to come, in the words a window shows beside the field: plain words
    and the entry's own local time, never an ISO string ("time: 14:00 today is still ahead; a
    dose can be logged up to now, 10:10"). `valid_intake` and the others refuse the same times
    (with the wording the command line and the CSV import name a column with); a form checks
    this first, so a person reads what to do. An aware `at` and `now` are assumed."""
    if at > now + FUTURE_TOLERANCE:
        tz = at.tzinfo
        here = now.astimezone(tz) if tz is not None else now
        raise ValidationError(
            "time", f"{moment_text(at, now)} is still ahead; {what} can be {verb} up to now, "
            f"{clock_text(here)}")


def valid_rating(rating: entities.Rating, symptom: entities.Symptom,
                 now: datetime) -> entities.Rating:
    return replace(
        rating,
        score=valid_score(rating.score, symptom.scale_max),
        at=check_moment(rating.at, now),
        note=valid_note(rating.note),
    )


def valid_event(event: entities.Event, now: datetime) -> entities.Event:
    if not isinstance(event.kind, entities.EventKind):
        kinds = ", ".join(k.value for k in entities.EventKind)
        raise ValidationError("kind", f"{event.kind!r} is not one of {kinds}")
    text = valid_note(event.text, "text", EVENT_TEXT_MAX)
    if not text:
        raise ValidationError("text", "must not be empty")
    return replace(event, at=check_moment(event.at, now), text=text)


def valid_symptom(symptom: entities.Symptom) -> entities.Symptom:
    if symptom.scale_max not in entities.ALLOWED_SCALES:
        raise ValidationError("scale", f"a scale is 0–10 or 0–4, not 0–{symptom.scale_max}")
    return replace(symptom, name=valid_name(symptom.name))


def valid_diary_info(info: entities.DiaryInfo) -> entities.DiaryInfo:
    if info.day_starts_at.second or info.day_starts_at.microsecond:
        raise ValidationError("day starts at", "must be a whole minute")
    if minutes_of(info.day_starts_at) > 12 * 60:
        raise ValidationError("day starts at", "must be between 00:00 and 12:00")
    if not 5 <= info.on_time_window_minutes <= MAX_ON_TIME_WINDOW:
        raise ValidationError("on-time window", "must be between 5 minutes and 6 hours")
    name = valid_note(info.name, "name", NAME_MAX)
    if "\n" in name or "\t" in name:
        raise ValidationError("name", "must be a single line")
    return replace(info, name=name, condition=_valid_line(info.condition, "condition"),
                   prescriber=_valid_line(info.prescriber, "prescriber"))


def _valid_line(text: str, field: str) -> str:
    """An optional single line of at most NAME_MAX characters (the person's condition, their
    prescriber): empty when left out."""
    if not text.strip():
        return ""
    return valid_name(text, field)


def parse_event_kind(text: str) -> entities.EventKind:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return entities.EventKind(key)
    except ValueError:
        kinds = ", ".join(k.value for k in entities.EventKind)
        raise ValidationError("kind", f"{text.strip()!r} is not one of {kinds}") from None
