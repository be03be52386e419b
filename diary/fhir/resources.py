"""One FHIR R4 (4.0.1) resource per diary row, as plain JSON-ready dicts.

No codes are invented: a medication or a symptom is named by its text only (the diary holds the
names people typed, not a terminology), and only codes whose meaning is certain are written: UCUM
units and the observation category "survey". Optional elements without a value are left out,
never written as empty strings (FHIR forbids them).
"""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from decimal import Decimal

from diary.domain.daytime import offset_minutes
from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import DiaryInfo
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.units import SCALE
from diary.domain.units import Unit
from diary.domain.units import format_amount

JSON = dict[str, object]

UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

# UCUM codes (case-sensitive). Tablets, capsules and puffs have no unit of their own in UCUM: an
# annotation in braces is valid UCUM, means "one", and keeps the count readable as what it is.
UCUM_CODES: dict[Unit, str] = {
    Unit.MG: "mg",
    Unit.MCG: "ug",
    Unit.G: "g",
    Unit.ML: "mL",
    Unit.IU: "[iU]",
    Unit.DROP: "[drp]",
    Unit.TABLET: "{tablet}",
    Unit.CAPSULE: "{capsule}",
    Unit.PUFF: "{puff}",
}

# FHIR's dateTime and instant allow offsets up to ±14:00; the diary keeps what Python allows.
_FHIR_MAX_OFFSET_MINUTES = 14 * 60


def reference(url: str, display: str = "") -> JSON:
    found: JSON = {"reference": url}
    if display.strip():
        found["display"] = display.strip()
    return found


def moment(at: datetime) -> str:
    """An aware time as FHIR dateTime/instant text, in the offset it was entered with (an offset
    beyond FHIR's ±14:00 is written as the same instant in UTC)."""
    if abs(offset_minutes(at)) > _FHIR_MAX_OFFSET_MINUTES:
        at = at.astimezone(UTC)
    return at.isoformat(timespec="seconds")


def decimal(thousandths: int) -> int | float:
    """Thousandths as a JSON number with the exact decimal value: 7500 -> 7.5, 5000 -> 5.

    A float is written as the shortest text that reads back as the same float; for thousandths
    within the diary's ceilings (below 2**53) that text is the exact decimal. Checked, not assumed.
    """
    whole, part = divmod(thousandths, SCALE)
    if part == 0:
        return whole
    exact = Decimal(thousandths).scaleb(-3)
    value = float(exact)
    if Decimal(repr(value)) != exact:
        raise ValueError(f"{thousandths} thousandths cannot be written exactly as a JSON number")
    return value


def quantity(thousandths: int, unit: Unit) -> JSON:
    return {
        "value": decimal(thousandths),
        "unit": unit.value,
        "system": UCUM,
        "code": UCUM_CODES[unit],
    }


def _notes(text: str) -> list[JSON]:
    return [{"text": text.strip()}] if text.strip() else []


def _with_notes(resource: JSON, text: str) -> JSON:
    notes = _notes(text)
    if notes:
        resource["note"] = notes
    return resource


def patient(uid: str, info: DiaryInfo) -> JSON:
    resource: JSON = {"resourceType": "Patient", "id": uid}
    if info.name.strip():
        resource["name"] = [{"text": info.name.strip()}]
    if info.birth_date is not None:
        resource["birthDate"] = info.birth_date.isoformat()
    return resource


def medication(uid: str, med: Medication) -> JSON:
    resource: JSON = {
        "resourceType": "Medication",
        "id": uid,
        "code": {"text": med.name.strip()},
        "status": "inactive" if med.archived_at is not None else "active",
    }
    if med.form.strip():
        resource["form"] = {"text": med.form.strip()}
    return resource


def plan_status(step: PlanStep, today: date, archived: bool) -> str:
    """MedicationStatement.status of a plan step on the diary day `today`. A step not yet over
    when its medication was archived (no longer taken) was stopped."""
    if step.end is not None and step.end < today:
        return "completed"
    if archived:
        return "stopped"
    return "intended" if step.start > today else "active"


def medication_statement(
    uid: str, step: PlanStep, med: Medication, refs: tuple[JSON, JSON], today: date,
) -> JSON:
    """A plan step: the medication at `amount` per dose, at its times of day or as needed, from
    `start` to `end` (both whole days). `refs` are the medication and the patient.

    `dateAsserted` (R4 MedicationStatement has no `authoredOn`: that is MedicationRequest's) is
    when the step was entered, `PlanStep.recorded_at`, in the offset it was entered in: such a
    step expects no dose that fell due before then. It is left out when the diary does not keep
    that moment: a step backdated on purpose or entered before its first day (it expects every
    dose from its start), or one entered before the diary kept this."""
    period: JSON = {"start": step.start.isoformat()}
    if step.end is not None:
        period["end"] = step.end.isoformat()
    resource: JSON = {
        "resourceType": "MedicationStatement",
        "id": uid,
        "status": plan_status(step, today, med.archived_at is not None),
        "medicationReference": refs[0],
        "subject": refs[1],
        "effectivePeriod": period,
    }
    if step.recorded_at is not None:
        resource["dateAsserted"] = moment(step.recorded_at)
    _with_notes(resource, step.note)
    resource["dosage"] = [_plan_dosage(step, med)]
    return resource


def _plan_dosage(step: PlanStep, med: Medication) -> JSON:
    dose = format_amount(step.amount, med.unit)
    if step.as_needed:
        dosage: JSON = {"text": f"{dose} as needed", "asNeededBoolean": True}
    else:
        clocks = [t.strftime("%H:%M") for t in step.times]
        dosage = {
            "text": f"{dose} at {', '.join(clocks)}",
            "timing": {"repeat": {
                "frequency": len(step.times),
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": [_time_of_day(t) for t in step.times],
            }},
            "asNeededBoolean": False,
        }
    dosage["doseAndRate"] = [{"doseQuantity": quantity(step.amount, med.unit)}]
    if med.max_daily is not None:
        dosage["maxDosePerPeriod"] = {
            "numerator": quantity(med.max_daily, med.unit),
            "denominator": {"value": 1, "unit": "day", "system": UCUM, "code": "d"},
        }
    return dosage


def _time_of_day(t: time) -> str:
    return t.strftime("%H:%M:%S")


def medication_administration(
    uid: str, intake: Intake, unit: Unit, refs: tuple[JSON, JSON]
) -> JSON:
    """A dose taken (completed) or skipped on purpose (not-done). `refs`: medication, patient."""
    skipped = intake.status is IntakeStatus.SKIPPED
    resource: JSON = {
        "resourceType": "MedicationAdministration",
        "id": uid,
        "status": "not-done" if skipped else "completed",
    }
    if skipped:
        resource["statusReason"] = [{"text": "Skipped (recorded in the diary)"}]
    resource.update({
        "medicationReference": refs[0],
        "subject": refs[1],
        "effectiveDateTime": moment(intake.at),
    })
    _with_notes(resource, intake.note)
    dosage: JSON = {"dose": quantity(intake.amount, unit)}
    if intake.slot is not None:
        slot = intake.slot
        dosage["text"] = f"The dose planned for {slot.time:%H:%M} on {slot.day.isoformat()}"
    resource["dosage"] = dosage
    return resource


def scale_text(symptom: Symptom) -> str:
    low, high = SCALE_ANCHORS.get(
        symptom.scale_max, ("0 = none", f"{symptom.scale_max} = worst")
    )
    return f"Self-rated on a 0 to {symptom.scale_max} scale ({low}, {high})"


def observation(uid: str, rating: Rating, symptom: Symptom, subject: JSON) -> JSON:
    """A symptom rating: the score as an integer, the scale as the method of rating it."""
    resource: JSON = {
        "resourceType": "Observation",
        "id": uid,
        "status": "final",
        "category": [{"coding": [
            {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"},
        ]}],
        "code": {"text": symptom.name.strip()},
        "subject": subject,
        "effectiveDateTime": moment(rating.at),
        "valueInteger": rating.score,
    }
    _with_notes(resource, rating.note)
    resource["method"] = {"text": scale_text(symptom)}
    return resource
