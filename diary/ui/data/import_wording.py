"""The Import dialog's words: what a plan would add, its first entries, and the import engine's
messages said for the window instead of the command line."""

from __future__ import annotations

import re
from datetime import tzinfo

from diary.csv import ImportPlan
from diary.csv import line_list
from diary.csv import medication_list
from diary.csv import settings_lines
from diary.csv import symptom_list
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.units import format_amount
from diary.domain.wording import plural
from diary.storage import ImportResult
from diary.ui.history.model import format_when

CREATE_LABEL = "Create medications the diary does not have"
CREATE_SYMPTOMS_LABEL = "Create symptoms the diary does not have"
PREVIEW_HEADERS = ("Line", "Entry", "When", "What", "Amount / score", "Note")
SHOWN_DAYS = 10


def counts_text(doses: int, ratings: int, events: int) -> str:
    """'42 doses and 10 ratings': the kinds there are, or 'nothing'."""
    parts = [plural(n, noun) for n, noun in ((doses, "dose"), (ratings, "rating"),
                                            (events, "event")) if n]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def new_counts(plan: ImportPlan) -> tuple[int, int, int]:
    present = plan.presence
    return (len(plan.intakes) - len(present.intakes), len(plan.ratings) - len(present.ratings),
            len(plan.events) - len(present.events))


def undo_text(result: ImportResult) -> str:
    """The Edit menu's name for the import: 'Import 42 doses and 10 ratings', or what it
    created when it added no entry ('Import 2 medications')."""
    if result.intakes or result.ratings or result.events:
        return f"Import {counts_text(result.intakes, result.ratings, result.events)}"
    made = [plural(n, noun) for n, noun in ((len(result.created), "medication"),
                                            (len(result.created_symptoms), "symptom")) if n]
    return f"Import {' and '.join(made) or 'nothing'}"


def result_text(result: ImportResult) -> str:
    entries = result.intakes or result.ratings or result.events
    text = (f"Imported {counts_text(result.intakes, result.ratings, result.events)}." if entries
            else "No entry imported: every entry of the file was in the diary already.")
    if result.created:
        text += f" Created medications: {medication_list(result.created)}."
    if result.created_symptoms:
        text += f" Created symptoms: {symptom_list(result.created_symptoms)}."
    return text + " Edit > Undo takes the whole import back."


def plan_lines(plan: ImportPlan) -> list[str]:
    """What the import would do, one sentence each: the entries to add first."""
    doses, ratings, events = new_counts(plan)
    if plan.new_count:
        lines = [f"To import: {counts_text(doses, ratings, events)}."]
    elif plan.creates:
        lines = ["No entry to import: every entry of the file is in the diary already; only "
                 "what is created below."]
    else:
        lines = ["Nothing to import: every entry of the file is in the diary already."]
    present = plan.presence
    skipped = sorted({*(plan.intake_lines[i] for i in present.intakes),
                      *(plan.rating_lines[i] for i in present.ratings),
                      *(plan.event_lines[i] for i in present.events)})
    count = len(present.intakes) + len(present.ratings) + len(present.events)
    if count:
        entries = "1 entry" if count == 1 else f"{count} entries"
        lines.append(f"Skipped, already in the diary: {entries}, "
                     f"{line_list(skipped)}.")
    if plan.created:
        lines.append(f"New medications to create: {medication_list(plan.created)}.")
    if plan.new_symptoms:
        lines.append(f"New symptoms to create: {symptom_list(plan.new_symptoms)}.")
    lines += settings_lines(plan)
    lines += [f"{given} in the file is {diary_name} in the diary."
              for given, diary_name in plan.other_names]
    for item in plan.over_max:
        med, days = item.medication, item.days
        assert med.max_daily is not None
        shown = ", ".join(d.isoformat() for d in days[:SHOWN_DAYS])
        more = f" and {len(days) - SHOWN_DAYS} more" if len(days) > SHOWN_DAYS else ""
        lines.append(f"⚠ {plural(len(days), 'day')} over the "
                     f"{format_amount(med.max_daily, med.unit)} max per day of {med.name} "
                     f"(imported as they were, as history): {shown}{more}.")
    return lines


def preview_rows(plan: ImportPlan, zone: tzinfo, limit: int) -> list[tuple[str, ...]]:
    """The first `limit` entries to be added, in the file's order, as PREVIEW_HEADERS."""
    present = plan.presence
    found: list[tuple[int, tuple[str, ...]]] = []
    for index, item in enumerate(plan.intakes):
        if index not in present.intakes:
            med, intake = item.medication, item.intake
            name = med.name if med.id is not None else f"{med.name} (new)"
            status = "" if intake.status.value == "taken" else f" ({intake.status.value})"
            found.append((plan.intake_lines[index], (
                "Dose", format_when(intake.at, zone), name,
                format_amount(intake.amount, med.unit) + status, intake.note)))
    for index, rating in enumerate(plan.ratings):
        if index not in present.ratings:
            symptom = plan.symptoms[rating.symptom_id]
            name = symptom.name if rating.symptom_id > 0 else f"{symptom.name} (new)"
            found.append((plan.rating_lines[index], (
                "Rating", format_when(rating.at, zone), name,
                f"{rating.score}/{symptom.scale_max}", rating.note)))
    for index, event in enumerate(plan.events):
        if index not in present.events:
            found.append((plan.event_lines[index], (
                "Event", format_when(event.at, zone), EVENT_KIND_LABELS[event.kind], "",
                event.text)))
    found.sort(key=lambda pair: pair[0])
    return [(str(line), *cells) for line, cells in found[:limit]]


# The engine speaks to the command line (--map, --create-medications, 'medication add'); in the
# window the same advice names the dialog's own controls.
_WORDING: tuple[tuple[str, str], ...] = (
    (r"Say which column holds what with --map COLUMN=FIELD \(fields: [^)]*\)",
     "Choose in Columns what each column holds"),
    (r"choose with --map .*$",
     "choose in Columns which one holds it, and set the other to “not used”"),
    (r"--map gives the column (.+) twice",
     r"the file has two columns named \1; give them different names in the file"),
    (r"--map gives (\w+) twice: columns (.+)$",
     r"\1 is chosen for two columns, \2: choose it for one of them only"),
    (r"map the column holding it with --map COLUMN=time, and this one as date",
     "in Columns, choose time for the column holding it and date for this one"),
    (r"say which with --date-order dmy or --date-order mdy",
     "choose which in Dates"),
    (r"import intakes\.csv with --create-medications, or add medications with 'medication add'",
     f"import intakes.csv with “{CREATE_LABEL}” ticked, or add medications in the "
     "Medications tab"),
    (r"enter a plan with 'plan add'", "enter plans in the Medications tab"),
    (r"import ratings\.csv beside it with --create-symptoms, or add symptoms with 'symptom add'",
     f"import ratings.csv beside it with “{CREATE_SYMPTOMS_LABEL}” ticked, or add symptoms in "
     "the Medications tab"),
    (r"Add them with 'medication add NAME' \(with --unit when the name is not a known drug\), "
     r"or import again with --create-medications to create them from the file",
     f"Tick “{CREATE_LABEL}” to create them from the file, or add them in the Medications "
     "tab first"),
    (r"or add them first with 'medication add NAME --unit UNIT'",
     "or add them first in the Medications tab"),
    (r"Add them with 'symptom add NAME' \(--scale 4 for a 0-4 scale\), or import again with "
     r"--create-symptoms to create them from the file",
     f"Tick “{CREATE_SYMPTOMS_LABEL}” to create them from the file, or add them under Symptoms "
     "in the Medications tab first"),
)


def window_wording(text: str) -> str:
    """An import message with the command line's advice put in the dialog's terms."""
    for pattern, replacement in _WORDING:
        text = re.sub(pattern, replacement, text)
    return text
