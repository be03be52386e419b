"""The medications and symptoms a CSV file names, found in the diary, or made for it.

A name matches a medication of the same name (any case; an active one before an archived one), or
else the one medication of the diary that is the same drug by the label templates (Lioresal in
the file, Baclofen in the diary). A name matching nothing is created only when asked
(--create-medications): as the program's own medications.csv beside the file has it (csv_settings),
else with the unit the file gives (a unit column, or "10 mg" in the amount) or the label
template's; a name like a template takes the label's figures as its defaults, as `medication add`
does. A symptom matching nothing is created only when asked (--create-symptoms), on the scale the
file gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.templates import find_template
from diary.domain.templates import medication_for_name
from diary.domain.units import Unit
from diary.domain.validation import name_key
from diary.domain.validation import valid_symptom
from diary.storage.store import DiaryStore

DEFAULT_SCALE = Symptom("").scale_max  # as 'symptom add' without --scale


@dataclass
class NameUse:
    """How a file uses one name (or one medication of the program's own export): its first
    spelling, its lines (how many, and the first, so a message can send the person to it), the
    first unit."""

    spelling: str
    lines: int = 0
    unit: Unit | None = None
    first_line: int = 0
    source: Medication | None = None  # the medication of the export's medications.csv, if known


@dataclass
class Resolution:
    found: dict[str, Medication] = field(default_factory=dict)  # key -> medication
    other_name: list[tuple[str, str]] = field(default_factory=list)  # (in the file, in the diary)
    created: list[Medication] = field(default_factory=list)  # to be added (id None)
    settled: int = 0  # how many of those take their settings from the export's medications.csv
    unknown: list[NameUse] = field(default_factory=list)  # not in the diary, not created
    unitless: list[NameUse] = field(default_factory=list)  # to create, but no unit known


def key(name: str) -> str:
    return name_key(name)


def resolve_medications(store: DiaryStore, uses: dict[str, NameUse], *,
                        create: bool) -> Resolution:
    """The medication of each use (by the keys of `uses`): found in the diary, or to create
    when asked. A use with a `source` (a medication of the program's own medications.csv) is
    created as that medication; one without, by name, with the file's unit or a label's."""
    meds = store.medications.all(include_archived=True)
    done = Resolution()
    taken: set[int] = set()  # the diary's medications an export's medication is already
    for use_key, use in uses.items():
        med = find_medication(meds, use.spelling) if use.source is None else \
            find_source(meds, use.source, taken)
        if med is not None:
            done.found[use_key] = med
            if use.source is not None and med.id is not None:
                taken.add(med.id)
            if key(med.name) != key(use.spelling):
                done.other_name.append((use.spelling, med.name))
        elif not create:
            done.unknown.append(use)
        elif use.source is not None:
            done.found[use_key] = use.source
            done.created.append(use.source)
            done.settled += 1
        elif (same := find_medication(done.created, use.spelling)) is not None:
            done.found[use_key] = same  # Lioresal beside Baclofen in one file: one drug
            done.other_name.append((use.spelling, same.name))
        else:
            new = new_medication(use.spelling, use.unit)
            if new is None:
                done.unitless.append(use)
            else:
                done.found[use_key] = new
                done.created.append(new)
    return done


def find_source(meds: list[Medication], source: Medication,
                taken: set[int]) -> Medication | None:
    """The diary's medication for one of an export's: the same name in the same unit, archived
    when it was and at the same time if the diary has several, and none that another medication
    of the export is already (`taken`: the ids used); else, for an active one, the medication of
    its name or drug as for any file (its doses' unit is then checked line by line). An archived
    one the diary lacks is created archived, beside any active one of its name."""
    same = [m for m in meds if key(m.name) == key(source.name) and m.unit == source.unit
            and m.id not in taken]
    archived_at = source.archived_at
    if archived_at is None:
        alike = [m for m in same if m.archived_at is None]
    else:
        alike = sorted((m for m in same if m.archived_at is not None),
                       key=lambda m: abs(((m.archived_at or archived_at) - archived_at)
                                         .total_seconds()))
    if alike or same:
        return (alike or same)[0]
    if source.archived_at is not None:
        return None
    found = find_medication(meds, source.name)
    if found is not None and found.archived_at is not None and found.unit != source.unit:
        return None  # an archived one in another unit: this one is added beside it, active
    return found


def find_medication(meds: list[Medication], name: str) -> Medication | None:
    same = [m for m in meds if key(m.name) == key(name)]
    template = find_template(name)
    if not same and template is not None:
        same = [m for m in meds
                if (t := find_template(m.name)) is not None and t.key == template.key]
        active = [m for m in same if m.archived_at is None]
        same = active if active else same
        if len(same) != 1:  # two products of one drug (kept --separate): the file must say which
            return None
    active = [m for m in same if m.archived_at is None]
    if active:
        return active[0]
    return same[-1] if same else None


def new_medication(name: str, unit: Unit | None) -> Medication | None:
    """The medication to add for a name the diary does not have, or None without a unit."""
    med = medication_for_name(name, unit)  # the label's values, as `medication add` takes them
    if med is None:
        return None if unit is None else Medication(name.strip(), unit, form="")
    return med


@dataclass
class SymptomNames:
    """Symptoms by name (any case, archived ones too: a rating is history), the names the diary
    does not have, with how many lines use each, and, when asked (--create-symptoms), the
    symptoms to add for them: ids below zero, on the scale the file gives, else 0–10."""

    symptoms: dict[str, Symptom]
    create: bool = False
    unknown: dict[str, NameUse] = field(default_factory=dict)
    created: list[Symptom] = field(default_factory=list)
    origin: dict[int, str] = field(default_factory=dict)  # id below zero -> where it came from
    listed_created: int = 0  # how many of those to create come from the export's symptoms.csv

    @classmethod
    def of(cls, store: DiaryStore, *, create: bool = False,
           listed: Sequence[Symptom] = (), listed_in: str = "") -> SymptomNames:
        """The diary's symptoms; with `create`, those `listed` (the export's symptoms.csv,
        named `listed_in`) that the diary lacks are to be created, rated or not."""
        names = cls({key(s.name): s for s in store.symptoms.all(include_archived=True)}, create)
        for symptom in listed if create else ():
            if key(symptom.name) not in names.symptoms:
                names._add(replace(symptom, id=-1 - len(names.created)), f"in {listed_in}")
                names.listed_created += 1
        return names

    def find(self, name: str, line: int = 0, scale: int | None = None) -> Symptom | None:
        found = self.symptoms.get(key(name))
        if found is not None:
            return found
        if self.create:
            return self._new(name, line, scale)
        use = self.unknown.setdefault(key(name), NameUse(name.strip(), first_line=line))
        use.lines += 1
        return None

    def _new(self, name: str, line: int, scale: int | None) -> Symptom:
        try:
            made = valid_symptom(Symptom(name.strip(), scale or DEFAULT_SCALE,
                                         id=-1 - len(self.created)))
        except ValidationError as exc:
            raise ValidationError("symptom", f"cannot be a new symptom: {exc.message}") from None
        return self._add(made, f"from line {line}" if scale is not None else
                         f"from line {line}, which gave no scale")

    def _add(self, made: Symptom, origin: str) -> Symptom:
        assert made.id is not None
        self.symptoms[key(made.name)] = made
        self.created.append(made)
        self.origin[made.id] = origin
        return made
