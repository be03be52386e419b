"""`import csv`: doses, ratings and events from a CSV file, all checked before anything is written.

`plan_import` reads the file (csv_source), maps its columns (csv_mapping), reads every line
(csv_rows), finds the medications and symptoms it names (csv_names) and validates each entry as
a new entry would be; then it looks up which entries the diary holds already. Any bad line, any
medication or symptom the diary does not have (and is not to be created) refuses the whole file,
naming every problem by line and column. `apply` writes the plan in one transaction.

Medications created from the program's own intakes.csv are those of the medications.csv beside it,
and symptoms created from its ratings.csv those of the symptoms.csv beside it (csv_settings), with
all their settings, entries or not; otherwise a new symptom takes the scale of the scale_max
column. So an export imported into an empty diary gives the same diary back, but for the plans
(plan_steps.csv is for reading).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from pathlib import Path

from diary.csv.exporting import EARLIER_MEDICATION_COLUMNS
from diary.csv.exporting import EARLIER_PLAN_STEP_COLUMNS
from diary.csv.exporting import MEDICATION_COLUMNS
from diary.csv.exporting import PLAN_STEP_COLUMNS
from diary.csv.exporting import SYMPTOM_COLUMNS
from diary.csv.mapping import Mapping
from diary.csv.mapping import build_mapping
from diary.csv.mapping import normalised
from diary.csv.names import NameUse
from diary.csv.names import Resolution
from diary.csv.names import SymptomNames
from diary.csv.names import key
from diary.csv.names import resolve_medications
from diary.csv.rows import WHOLE_LINE
from diary.csv.rows import LineReader
from diary.csv.rows import RawDose
from diary.csv.settings import MedicationSettings
from diary.csv.settings import SymptomSettings
from diary.csv.settings import medications_beside
from diary.csv.settings import symptoms_beside
from diary.csv.source import CsvImportError
from diary.csv.source import delimiter_name
from diary.csv.source import open_source
from diary.csv.values import DateOrder
from diary.csv.values import written_unit
from diary.domain.entities import SEEDED_SYMPTOMS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import parse_amount
from diary.domain.validation import valid_intake
from diary.domain.wording import plural
from diary.storage import ImportResult
from diary.storage import IntakeImport
from diary.storage import OverMax
from diary.storage import Presence
from diary.storage.store import DiaryStore

__all__ = ["CsvImportError", "ImportOptions", "ImportPlan", "apply", "plan_import"]

SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class ImportOptions:
    mapping: tuple[tuple[str, str], ...] = ()  # (column, field) from --map
    delimiter: str | None = None  # None: detected
    encoding: str | None = None  # None: detected (csv_source.CHOSEN_ENCODINGS names the others)
    date_order: DateOrder | None = None  # for dates with slashes
    create_medications: bool = False
    create_symptoms: bool = False


@dataclass(frozen=True)
class SourceInfo:
    shown: str
    encoding: str
    delimiter: str
    lines: int  # lines with data, the header not counted
    used: list[str]
    unused: list[str]

    @property
    def description(self) -> str:
        return f"{self.encoding}, {delimiter_name(self.delimiter)}-separated"


@dataclass(frozen=True)
class ImportPlan:
    source: SourceInfo
    intakes: list[IntakeImport]
    intake_lines: list[int]
    ratings: list[Rating]
    rating_lines: list[int]
    events: list[Event]
    event_lines: list[int]
    presence: Presence
    created: list[Medication]
    other_names: list[tuple[str, str]]  # (name in the file, medication in the diary)
    over_max: list[OverMax]
    symptoms: dict[int, Symptom]  # of the ratings, by id; those to create have ids below zero
    new_symptoms: list[Symptom] = field(default_factory=list)  # to create, ids below zero
    settings_from: str = ""  # the medications.csv new medications take their settings from
    unlisted: list[str] = field(default_factory=list)  # new medications that file lacks
    symptoms_from: str = ""  # the symptoms.csv new symptoms are read from
    # A fresh diary takes the export's list of symptoms whole: every symptom after the import
    # (ids below zero for new ones), in order, with when it is archived (None: active).
    arrangement: list[tuple[int, datetime | None]] = field(default_factory=list)
    retired: int = 0  # how many at the end of it are defaults the export does not list
    @property
    def creates(self) -> bool:
        """Whether the import adds anything: an entry, a medication or a symptom."""
        return bool(self.new_count or self.created or self.new_symptoms)

    @property
    def new_count(self) -> int:
        present = self.presence
        return (len(self.intakes) + len(self.ratings) + len(self.events) - len(present.intakes)
                - len(present.ratings) - len(present.events))


def plan_import(path: Path, shown: str, store: DiaryStore, options: ImportOptions,
                now: datetime) -> ImportPlan:
    """Everything the import would do, read from the file and checked; writes nothing."""
    problems = Problems(shown)
    doses: list[RawDose] = []
    ratings: list[tuple[int, Rating]] = []
    events: list[tuple[int, Event]] = []
    with open_source(path, shown, options.delimiter, options.encoding) as source:
        _refuse_own_settings(source.header, shown)
        mapping = build_mapping(source.header, options.mapping, shown)
        listed = symptoms_beside(path, shown, mapping.header, now) \
            if options.create_symptoms else None
        fresh = listed is not None and _fresh_symptoms(store)
        symptoms = SymptomNames.of(store, create=options.create_symptoms,
                                   listed=() if listed is None else listed.symptoms,
                                   listed_in="" if listed is None else listed.shown)
        reader = LineReader(mapping, now, options.date_order, symptoms)
        lines = 0
        for line, cells in source.records():
            lines += 1
            try:
                entries = reader.read(line, cells)
            except ValidationError as exc:
                problems.add(line, mapping, exc)
                continue
            if entries.dose is not None:
                doses.append(entries.dose)
            if entries.rating is not None:
                ratings.append((line, entries.rating))
            if entries.event is not None:
                events.append((line, entries.event))
        info = SourceInfo(shown, source.encoding.label, source.delimiter, lines, mapping.used,
                          mapping.unused)
    # Read even when nothing is to be created: the export's medication numbers are what tells
    # its doses of an archived Vitamin D from those of the one added again, on a re-import.
    settings = medications_beside(path, shown, mapping.header, now)
    beside = (settings is not None and options.create_medications) or listed is not None
    if lines == 0 and not beside:  # an export's empty intakes.csv still brings its medications
        raise CsvImportError(f"{shown} has a header but no rows; there is nothing to import")
    uses = _name_uses(doses, settings, with_unused=options.create_medications)
    resolution = resolve_medications(store, uses, create=options.create_medications)
    intakes = _intakes(doses, settings, resolution, mapping, problems, now)
    problems.refuse(resolution, symptoms)
    imports = [item for _, item in intakes]
    rating_list = [r for _, r in ratings]
    event_list = [e for _, e in events]
    presence = store.imports.present(imports, rating_list, event_list)
    return ImportPlan(
        info, imports, [line for line, _ in intakes], rating_list, [line for line, _ in ratings],
        event_list, [line for line, _ in events], presence, resolution.created,
        resolution.other_name, store.imports.days_over_max(imports, presence.intakes),
        {s.id: s for s in symptoms.symptoms.values() if s.id is not None}, symptoms.created,
        settings.shown if settings is not None and resolution.settled else "",
        _unlisted(resolution, settings),
        listed.shown if listed is not None and (symptoms.listed_created or fresh) else "",
        *_arrangement(store, symptoms, listed, now, fresh),
    )


def settings_lines(plan: ImportPlan) -> list[str]:
    """Where what the import creates comes from, when from the export's own files."""
    lines = []
    if plan.settings_from:
        but = f", but for {', '.join(plan.unlisted)}, which it does not list" \
            if plan.unlisted else ""
        lines.append(f"New medications take their settings (max per day, minimum interval, "
                     f"form, taper, notes) from {plan.settings_from}{but}.")
    if plan.symptoms_from and plan.arrangement:
        retired = [plan.symptoms[i].name
                   for i, _ in plan.arrangement[len(plan.arrangement) - plan.retired:]]
        lines.append(f"This diary has no ratings yet: its symptoms take the order and archived "
                     f"state of {plan.symptoms_from}"
                     + (f", and those it does not list are archived: {', '.join(retired)}."
                        if retired else "."))
    elif plan.symptoms_from:
        lines.append(f"New symptoms take their scale, place and archived state from "
                     f"{plan.symptoms_from}.")
    return lines


def apply(store: DiaryStore, plan: ImportPlan) -> ImportResult:
    """Write the plan: every new entry in one transaction, or nothing."""
    return store.imports.add(plan.intakes, plan.ratings, plan.events,
                                    plan.new_symptoms, plan.created, plan.arrangement)


def _refuse_own_settings(header: Sequence[str], shown: str) -> None:
    """The program's medications.csv and plan_steps.csv are for reading, not for import."""
    names = tuple(normalised(name) for name in header)
    if names in (MEDICATION_COLUMNS, EARLIER_MEDICATION_COLUMNS):
        raise CsvImportError(f"{shown} is the program's medications.csv, which is not "
                             "imported: import intakes.csv with --create-medications, or add "
                             "medications with 'medication add'")
    if names == SYMPTOM_COLUMNS:
        raise CsvImportError(f"{shown} is the program's symptoms.csv, which is not imported on "
                             "its own: import ratings.csv beside it with --create-symptoms, or "
                             "add symptoms with 'symptom add'")
    if names in (PLAN_STEP_COLUMNS, EARLIER_PLAN_STEP_COLUMNS):
        raise CsvImportError(f"{shown} is the program's plan_steps.csv, which is not imported: "
                             "enter a plan with 'plan add'")


def _name_uses(doses: Sequence[RawDose], settings: MedicationSettings | None, *,
               with_unused: bool) -> dict[str, NameUse]:
    """How the file uses each medication: by name, or, with the export's medications.csv, by
    the medication of the export it names; `with_unused`, the export's medications without a
    dose too, so that an export brought back into a new diary has all its medications again."""
    uses: dict[str, NameUse] = {}
    for dose in doses:
        source = None if settings is None else settings.of(dose.source_id, dose.name)
        use = uses.setdefault(_use_key(dose, source),
                              NameUse(dose.name.strip(), first_line=dose.line, source=source))
        use.lines += 1
        if use.unit is None:
            use.unit = dose.unit or written_unit(dose.amount)
    used = {id(use.source) for use in uses.values()}
    for med in ({} if settings is None or not with_unused else settings.by_id).values():
        if id(med) not in used:
            uses[f"#{id(med)}"] = NameUse(med.name, unit=med.unit, source=med)
    return uses


def _fresh_symptoms(store: DiaryStore) -> bool:
    """Whether the diary's symptoms are still those it was made with, never rated: the program's
    defaults, not the person's choice, which an export's own list may replace."""
    held = store.symptoms.all(include_archived=True)
    return ([(s.name, s.archived_at) for s in held] == [(n, None) for n in SEEDED_SYMPTOMS]
            and not store.ratings.ever())


def _arrangement(store: DiaryStore, symptoms: SymptomNames, listed: SymptomSettings | None,
                 now: datetime, fresh: bool) -> tuple[list[tuple[int, datetime | None]], int]:
    """For a fresh diary, the export's symptoms in its order, archived as there, then the
    diary's defaults it does not list, archived; and how many those are."""
    if listed is None or not fresh:
        return [], 0
    order: list[tuple[int, datetime | None]] = []
    for source in listed.symptoms:
        symptom = symptoms.symptoms[key(source.name)]
        assert symptom.id is not None
        order.append((symptom.id, source.archived_at))
    placed = {symptom_id for symptom_id, _ in order}
    retired = [(s.id, now) for s in store.symptoms.all() if s.id is not None and s.id not in placed]
    return order + retired, len(retired)


def _unlisted(resolution: Resolution, settings: MedicationSettings | None) -> list[str]:
    """The medications to create that the export's medications.csv does not list (a line
    added to intakes.csv by hand): they get the file's unit and a label's figures only."""
    if settings is None:
        return []
    listed = {id(med) for med in settings.by_id.values()}
    return [med.name for med in resolution.created if id(med) not in listed]


def _use_key(dose: RawDose, source: Medication | None) -> str:
    return key(dose.name) if source is None else f"#{id(source)}"


def _intakes(doses: Sequence[RawDose], settings: MedicationSettings | None,
             resolution: Resolution, mapping: Mapping, problems: Problems,
             now: datetime) -> list[tuple[int, IntakeImport]]:
    """The doses of the medications found or to create, their amounts read in their units."""
    found: list[tuple[int, IntakeImport]] = []
    for dose in doses:
        source = None if settings is None else settings.of(dose.source_id, dose.name)
        med = resolution.found.get(_use_key(dose, source))
        if med is None:
            continue  # reported among the unknown medications
        try:
            if dose.unit is not None and dose.unit != med.unit:
                raise ValidationError("unit", f"{dose.unit.value} is not {med.unit.value}, the "
                                      f"unit of {med.name}")
            amount = parse_amount(dose.amount, med.unit)
            intake = Intake(med.id or 0, dose.at, amount, dose.status, dose.slot, dose.note)
            found.append((dose.line, IntakeImport(med, valid_intake(intake, med.unit, now))))
        except ValidationError as exc:
            problems.add(dose.line, mapping, exc)
    return found


@dataclass
class Problems:
    """Every bad line: the first few (by line) in full, and a count per column for the summary.
    The doses' amounts are read in a second pass, so lines are not reported in order."""

    shown: str
    _first: list[tuple[int, int, str]] = field(default_factory=list)  # a heap: (-line, n, text)
    columns: Counter[str] = field(default_factory=Counter)
    count: int = 0

    def add(self, line: int, mapping: Mapping, exc: ValidationError) -> None:
        self.count += 1
        where = "" if exc.field == WHOLE_LINE else f"column {mapping.column(exc.field)}"
        self.columns[where or "the line itself"] += 1
        text = f"{self.shown}:{line}: {where + ': ' if where else ''}{exc.message}"
        heapq.heappush(self._first, (-line, -self.count, text))
        if len(self._first) > SHOWN_PROBLEMS:
            heapq.heappop(self._first)  # the last line of those kept

    @property
    def details(self) -> list[str]:
        return [text for _, _, text in sorted(self._first, reverse=True)]

    def refuse(self, resolution: Resolution, symptoms: SymptomNames) -> None:
        """Raise CsvImportError naming everything that stops the import, if anything does."""
        parts: list[str] = []
        details = list(self.details)
        if self.count:
            by_column = ", ".join(f"{where}: {n}" for where, n in self.columns.most_common())
            parts.append(f"{plural(self.count, 'line')} with errors ({by_column})")
            if self.count > len(self.details):
                details.append(f"... and {self.count - len(self.details)} more")
        if resolution.unknown:
            parts.append(f"medications not in the diary: {_uses(resolution.unknown)}")
            details.append("Add them with 'medication add NAME' (with --unit when the name is "
                           "not a known drug), or import again with --create-medications to "
                           "create them from the file")
        if resolution.unitless:
            parts.append(f"no unit for new medications: {_uses(resolution.unitless)}")
            details.append("Write the unit in the amount (10 mg) or in a unit column, or add "
                           "them first with 'medication add NAME --unit UNIT'")
        if symptoms.unknown:
            parts.append(f"symptoms not in the diary: {_uses(list(symptoms.unknown.values()))}")
            details.append("Add them with 'symptom add NAME' (--scale 4 for a 0-4 scale), or "
                           "import again with --create-symptoms to create them from the file")
        if parts:
            raise CsvImportError(f"{self.shown}: {'; '.join(parts)}; nothing was imported",
                                 details)


def _uses(uses: Sequence[NameUse]) -> str:
    return ", ".join(f"{use.spelling} ({_where(use)})" for use in uses)


def _where(use: NameUse) -> str:
    if use.lines == 1:
        return f"line {use.first_line}"
    return f"{use.lines} lines, first on line {use.first_line}"
