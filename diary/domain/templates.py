"""Medication templates: label figures offered as editable defaults when a medication is added.

The figures are the labels' own (cited beside each), not the app's advice: the user or prescriber
edits them freely, and a prescriber's plan always wins over a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import replace

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.units import SCALE
from diary.domain.units import Unit

# Oral baclofen tablets label (Baclofen Tablets USP; same wording in the Lioresal tablets label),
# WARNINGS, "b. Abrupt Drug Withdrawal", quoted word for word.
BACLOFEN_WITHDRAWAL_WARNING = (
    "Hallucinations and seizures have occurred on abrupt withdrawal of baclofen. Therefore, "
    "except for serious adverse reactions, the dose should be reduced slowly when the drug is "
    "discontinued."
)

# Zanaflex (tizanidine) label, "Withdrawal Adverse Reactions": paraphrased closely.
TIZANIDINE_WITHDRAWAL_WARNING = (
    "The tizanidine (Zanaflex) label warns that withdrawal can cause rebound hypertension, "
    "tachycardia and hypertonia, and that the dose should be decreased slowly."
)

# Diazepam tablets label, boxed warning on dependence and withdrawal reactions: paraphrased closely.
DIAZEPAM_WITHDRAWAL_WARNING = (
    "The diazepam label warns that abrupt discontinuation or rapid dosage reduction can cause "
    "acute withdrawal reactions, which can be life-threatening, and to use a gradual taper."
)

GENERIC_WITHDRAWAL_WARNING = (
    "This medication is marked as needing a taper: stopping it abruptly can cause withdrawal "
    "reactions. Ask the prescriber how to reduce the dose slowly."
)


@dataclass(frozen=True)
class MedicationTemplate:
    key: str
    name: str
    unit: Unit
    form: str
    max_daily: int | None
    min_interval_minutes: int | None
    taper_required: bool
    notes: str
    withdrawal_warning: str
    aliases: frozenset[str] = frozenset()  # brand names that mean the same medication
    # The fastest pace of reduction the label states, as the most the daily amount may fall per
    # day (thousandths of the unit), or None where the label gives no figure.
    taper_max_drop_per_day: int | None = None


TEMPLATES: dict[str, MedicationTemplate] = {
    # Oral baclofen label, DOSAGE AND ADMINISTRATION: start 5 mg t.i.d. for 3 days, then 10, 15,
    # 20 mg t.i.d. for 3 days each; "the total daily dose should not exceed a maximum of 80 mg
    # daily (20 mg q.i.d.)". WARNINGS: abrupt withdrawal (quoted above).
    "baclofen": MedicationTemplate(
        key="baclofen",
        name="Baclofen",
        unit=Unit.MG,
        form="tablet",
        max_daily=80 * SCALE,
        min_interval_minutes=None,  # the label states none
        taper_required=True,
        notes=(
            "Label: start 5 mg three times a day, +5 mg per dose every 3 days; usual 40-80 mg a "
            "day; at most 80 mg a day (20 mg four times a day). Do not stop abruptly."
        ),
        withdrawal_warning=f'The baclofen label warns: "{BACLOFEN_WITHDRAWAL_WARNING}"',
        aliases=frozenset({"lioresal", "ozobax", "lyvispah", "fleqsuvy"}),
    ),
    # Zanaflex (tizanidine) label, DOSAGE AND ADMINISTRATION: doses "can be repeated at 6 to 8
    # hour intervals, as needed, to a maximum of three doses in 24 hours. The total daily dose
    # should not exceed 36 mg." Withdrawal: rebound hypertension, tachycardia, hypertonia;
    # decrease the dose slowly (2 to 4 mg per day).
    "tizanidine": MedicationTemplate(
        key="tizanidine",
        name="Tizanidine",
        unit=Unit.MG,
        form="tablet",
        max_daily=36 * SCALE,
        min_interval_minutes=6 * 60,
        taper_required=True,
        notes=(
            "Label: doses 6 to 8 hours apart, at most three doses in 24 hours and 36 mg a day. "
            "Decrease slowly when stopping (rebound hypertension, tachycardia)."
        ),
        withdrawal_warning=TIZANIDINE_WITHDRAWAL_WARNING,
        aliases=frozenset({"zanaflex"}),
        taper_max_drop_per_day=4 * SCALE,  # "decrease the dose slowly (2 to 4 mg per day)"
    ),
    # Diazepam tablets label, DOSAGE AND ADMINISTRATION: "Adjunctively for relief of skeletal
    # muscle spasm: 2 mg to 10 mg, 3 or 4 times daily", so at most 40 mg a day. Boxed warning:
    # benzodiazepine dependence and withdrawal reactions; taper gradually.
    "diazepam": MedicationTemplate(
        key="diazepam",
        name="Diazepam",
        unit=Unit.MG,
        form="tablet",
        max_daily=40 * SCALE,
        min_interval_minutes=None,
        taper_required=True,
        notes=(
            "Label (muscle spasm): 2 mg to 10 mg, 3 or 4 times a day, so at most 40 mg a day. "
            "Benzodiazepine: taper gradually, never stop abruptly."
        ),
        withdrawal_warning=DIAZEPAM_WITHDRAWAL_WARNING,
        aliases=frozenset({"valium"}),
    ),
}


# Words that name another route than the labels' oral tablets: intrathecal baclofen is dosed in
# micrograms through a pump, and the oral label's 80 mg a day says nothing about it.
OTHER_ROUTES = frozenset({"intrathecal", "injection", "injectable", "intravenous", "rectal"})


def find_template(name: str) -> MedicationTemplate | None:
    """The template named (generic or brand name, any case) by one of the words of `name`, so that
    "Baclofen 10 mg", "Lioresal®" and "Baclofen/Lioresal" all find baclofen. A name that also
    says another route ("Lioresal Intrathecal") finds none: the labels are the oral ones."""
    words = set(re.findall(r"[^\W\d_]+", name.casefold()))
    if words & OTHER_ROUTES:
        return None
    for template in TEMPLATES.values():
        if words & ({template.key} | template.aliases):
            return template
    return None


def saved_name(name: str) -> str:
    """The name a new medication is saved under: a template's generic name typed in any case takes
    the template's spelling ("baclofen" -> "Baclofen"); any other name (a brand name, "Baclofen
    10 mg", a custom one) is kept as typed, without the spaces around it. `medication add`, the
    window's form and a CSV import all save names through this."""
    given = name.strip()
    template = find_template(given)
    if template is not None and given.casefold() == template.name.casefold():
        return template.name
    return given


def medication_for_name(name: str, unit: Unit | None = None) -> Medication | None:
    """A new, unsaved Medication for a name the templates know (generic or brand name, any case,
    also "Baclofen 10 mg"), under `saved_name(name)` with the label's figures as editable
    defaults; None when the name matches no template.

    With a `unit` other than the label's, the label's form and max per day are left out (its
    80 mg a day says nothing about ml); its interval, taper and notes stay. This is the one rule
    by which `medication add`, the window's Add medication form and a CSV import that creates a
    medication fill in a label's values."""
    template = find_template(name)
    if template is None:
        return None
    med = _medication(template, saved_name(name))
    if unit is not None and unit != template.unit:
        med = replace(med, unit=unit, form="", max_daily=None)
    return med


def medication_from_template(name: str) -> Medication:
    """A new, unsaved Medication filled from a template; the caller edits it before saving."""
    template = TEMPLATES.get(name.strip().lower()) or find_template(name)
    if template is None:
        known = ", ".join(sorted(TEMPLATES))
        raise ValidationError("template", f"no template named {name.strip()!r}; known: {known}")
    return _medication(template, template.name)


def _medication(template: MedicationTemplate, name: str) -> Medication:
    """The label's values as a new, unsaved Medication under `name`."""
    return Medication(
        name=name,
        unit=template.unit,
        form=template.form,
        max_daily=template.max_daily,
        min_interval_minutes=template.min_interval_minutes,
        taper_required=template.taper_required,
        notes=template.notes,
    )


def withdrawal_warning(medication: Medication) -> str:
    """The label's warning on stopping, for a medication named like a template; a plain generic
    warning otherwise."""
    template = find_template(medication.name)
    return GENERIC_WITHDRAWAL_WARNING if template is None else template.withdrawal_warning


def taper_off_warning(before: Medication, after: Medication) -> str | None:
    """When a change turns "taper required" off for a medication whose label says the dose must
    come down slowly, what that costs; None otherwise. With it off, the program no longer
    refuses or asks about a plan that lowers the dose, nor warns when the plan stops."""
    template = find_template(after.name)
    if not before.taper_required or after.taper_required or template is None \
            or not template.taper_required:
        return None
    return (f"{after.name} no longer counts as needing a taper, though the {template.key} label "
            "says to reduce the dose slowly: a plan that lowers or stops it will no longer be "
            f"refused or asked about, nor warned of. {template.withdrawal_warning}")
