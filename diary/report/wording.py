"""How the report writes amounts, doses and scores, and the statement on every page (days,
times of day and counts are written by diary.domain.wording, as everywhere)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime

from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.units import format_amount
from diary.domain.wording import NOT_MEDICAL_ADVICE
from diary.domain.wording import clock_text
from diary.domain.wording import day_text
from diary.domain.wording import short_day
from diary.domain.wording import times_a_day


def statement(medications: Iterable[Medication]) -> str:
    """The statement for a report's footer: the warning against stopping abruptly names the
    medications of the report that need a taper, and only when there are some."""
    base, _, _warning = NOT_MEDICAL_ADVICE.rpartition(" Do not stop")
    tapered = [m.name for m in medications if m.taper_required]
    if not tapered:
        return base
    names = tapered[0] if len(tapered) == 1 else f"{', '.join(tapered[:-1])} or {tapered[-1]}"
    return f"{base} Do not stop {names} abruptly."


TENTH = 100  # thousandths: means are shown to a tenth of the unit


def range_words(start: date, end: date) -> str:
    return f"{short_day(start)} to {short_day(end)}"


def moment_text(at: datetime) -> str:
    """'Thu 26 Nov 2026 21:00': the wall-clock time in the offset it was entered in."""
    return f"{day_text(at.date())} {clock_text(at)}"


def made_text(at: datetime) -> str:
    """'26 Nov 2026 21:00 +01:00'."""
    offset = at.strftime("%z")
    return f"{short_day(at.date())} {at:%H:%M} {offset[:3]}:{offset[3:]}"


def mean_amount(thousandths: float, med: Medication) -> str:
    """A mean amount to a tenth of the unit: '52.3 mg'."""
    return format_amount(round(thousandths / TENTH) * TENTH, med.unit)


def dosing(step: PlanStep, med: Medication) -> str:
    """'20 mg three times a day (08:00, 14:00, 20:00)', or '1000 mg as needed'."""
    amount = format_amount(step.amount, med.unit)
    if step.as_needed:
        return f"{amount} as needed"
    times = ", ".join(clock_text(t) for t in step.times)
    return f"{amount} {times_a_day(len(step.times))} ({times})"


def per_day(step: PlanStep | None, med: Medication) -> str:
    if step is None or step.as_needed:
        return "—"
    return f"{format_amount(step.daily_amount, med.unit)}/day"


def brief_dosing(step: PlanStep, med: Medication) -> str:
    """'20 mg three times a day = 60 mg/day' or '1000 mg as needed'."""
    amount = format_amount(step.amount, med.unit)
    if step.as_needed:
        return f"{amount} as needed"
    return f"{amount} {times_a_day(len(step.times))} = {per_day(step, med)}"


def score(value: float) -> str:
    return f"{value:.1f}"
