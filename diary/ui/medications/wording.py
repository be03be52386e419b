"""How medications and plan steps read in the window, and the values people type for them.

The same rules and wording as the command line (diary/cli/medication.py, diary/cli/plan/),
kept here because the UI never imports the CLI; what both say in the same words (a medication's
max per day) is in diary.domain.wording. Pure Python: no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time

from diary.domain.daytime import local_day
from diary.domain.durations import duration_text
from diary.domain.durations import parse_duration
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import plan_end
from diary.domain.safety import FindingKind
from diary.domain.safety import taper_findings
from diary.domain.templates import MedicationTemplate
from diary.domain.templates import withdrawal_warning
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.units import parse_amount
from diary.domain.wording import clock_text
from diary.domain.wording import day_text

NONE_WORDS = frozenset({"", "none", "no", "-"})

_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


# --- values as typed -----------------------------------------------------------------------------
def optional_duration(text: str, field: str = "minimum interval") -> int | None:
    """Minutes, or None for an empty field (or "none")."""
    return None if text.strip().lower() in NONE_WORDS else parse_duration(text, field)


def optional_amount(text: str, unit: Unit, field: str) -> int | None:
    """Thousandths of `unit`, or None for an empty field (or "none"); errors name `field`."""
    if text.strip().lower() in NONE_WORDS:
        return None
    return amount_in(text, unit, field)


def amount_in(text: str, unit: Unit, field: str) -> int:
    try:
        return parse_amount(text, unit)
    except ValidationError as exc:
        raise ValidationError(field, exc.message) from None


def parse_times(text: str, field: str = "dose times") -> tuple[time, ...]:
    """'08:00, 14:00, 20:00' (commas or spaces) -> the dose times of day, as typed."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts:
        raise ValidationError(field, "list at least one time, like 08:00, 14:00, 20:00")
    times = []
    for part in parts:
        match = _CLOCK.match(part)
        if match is None:
            raise ValidationError(
                field, f"{part!r} is not a time of day; list times like 08:00, 14:00, 20:00")
        times.append(time(int(match[1]), int(match[2])))
    return tuple(times)


# --- how values read ----------------------------------------------------------------------------
def duration_field(minutes: int | None) -> str:
    """How a stored interval is written back into a field: '6h', '4h30', '45min', or empty."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}min"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def times_text(times: Sequence[time]) -> str:
    return ", ".join(clock_text(t) for t in times)


def interval_text(med: Medication) -> str:
    interval = med.min_interval_minutes
    return ("no minimum interval" if interval is None
            else f"at least {duration_text(interval)} between doses")


def over_max(step: PlanStep, med: Medication) -> bool:
    """A day of this step goes over the max (for as-needed steps: a single dose already does)."""
    planned = step.amount if step.as_needed else step.daily_amount
    return med.max_daily is not None and planned > med.max_daily


def over_max_text(med: Medication) -> str:
    assert med.max_daily is not None
    return f"over the {format_amount(med.max_daily, med.unit)}/day max"


def step_text(step: PlanStep, med: Medication) -> str:
    """'2026-11-26 to 2026-11-28: 5 mg at 08:00, 14:00, 20:00 = 15 mg/day'."""
    dates = f"{step.start} onwards" if step.end is None else f"{step.start} to {step.end}"
    unit = med.unit
    if step.as_needed:
        dose = f"{format_amount(step.amount, unit)} as needed"
    else:
        dose = (f"{format_amount(step.amount, unit)} at {times_text(step.times)} = "
                f"{format_amount(step.daily_amount, unit)}/day")
    return f"{dates}: {dose}"


# --- the label's warning on stopping ------------------------------------------------------------
def plan_warning(med: Medication, steps: Sequence[PlanStep], now: datetime,
                 day_starts_at: time) -> str | None:
    """The label's warning when the plan of a taper-required medication ends without a taper: the
    domain's rule, as Today shows it (a plan that ended long ago is history, not a warning)."""
    assert now.tzinfo is not None
    findings = taper_findings(med, steps, [], now, day_starts_at, now.tzinfo)
    return next((f.message for f in findings
                 if f.kind is FindingKind.PLAN_ENDS_WITHOUT_TAPER), None)


def running_steps(steps: Sequence[PlanStep], today: date) -> list[PlanStep]:
    """Scheduled steps that still plan doses today or later."""
    return [s for s in steps if not s.as_needed and (s.end is None or s.end >= today)]


def abrupt_end_warning(med: Medication, before: Sequence[PlanStep], after: Sequence[PlanStep],
                       now: datetime, day_starts_at: time) -> str | None:
    """The warning to confirm when a change of plan makes a taper-required medication stop without
    a taper: the plan's end moves (or appears) and the new end is not a taper, or every scheduled
    step that still ran is gone."""
    if not med.taper_required:
        return None
    assert med.id is not None
    today = local_day(now, day_starts_at)
    if running_steps(before, today) and not running_steps(after, today):
        # It stops now: however long ago the plan that is left ended, this is not history.
        end = plan_end(after, med.id)
        if end is None:
            return (f"{med.name}: no dose would be planned any more, which stops it without a "
                    f"taper. {withdrawal_warning(med)}")
        if ends_with_taper(after, med.id, end):
            return None
        return (f"{med.name}: the plan ends on {day_text(end)} without a taper. "
                f"{withdrawal_warning(med)}")
    warning = plan_warning(med, after, now, day_starts_at)
    if warning is None:
        return None
    if plan_warning(med, before, now, day_starts_at) is not None and plan_end(
            before, med.id) == plan_end(after, med.id):
        return None  # the plan ended like this already: this change does not make it so
    return warning


def _listed(words: Sequence[str]) -> str:
    """'unit, form and notes'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def label_filled_text(template: MedicationTemplate, med: Medication, fields: Sequence[str],
                      every_field: Sequence[str]) -> str:
    """The line that says which of a label's values the Add medication form filled in: 'Filled
    from the baclofen label: at most 80 mg a day, taper required — edit if your prescriber said
    otherwise.' `fields` are those filled, of `every_field`; the others were kept as typed."""
    said: list[str] = []
    if "max" in fields:
        if med.max_daily is not None:
            said.append(f"at most {format_amount(med.max_daily, med.unit)} a day")
        elif template.max_daily is not None:
            said.append(f"no max per day (the label's is in {template.unit.value}, not "
                        f"{med.unit.value})")
    if "interval" in fields and med.min_interval_minutes is not None:
        said.append(f"at least {duration_text(med.min_interval_minutes)} between doses")
    if "taper" in fields:
        said.append("taper required" if med.taper_required else "no taper required")
    also = [f for f in ("unit", "form", "notes") if f in fields]
    if also:
        said.append(f"its {_listed(also)}")
    names = {"unit": "unit", "form": "form", "max": "max per day",
             "interval": "minimum interval", "taper": "taper", "notes": "notes"}
    kept = [names[f] for f in every_field if f not in fields]
    text = f"Filled from the {template.key} label: {', '.join(said) or 'nothing'}"
    if kept:
        text += f"; your {_listed(kept)} kept"
    return f"{text} — edit if your prescriber said otherwise."
