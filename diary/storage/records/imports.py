"""Entries imported from a file: all added in one transaction, or none.

Each row goes in through `Tables.insert`, so it gets its audit row as any other add.
Rows already in the diary are recognised and skipped, never duplicated, replaced or edited: a dose
with the same medication, instant, amount and status; a rating with the same symptom, instant and
score; an event with the same instant, kind and text. A deleted row counts as present (an import
never brings back what was deleted), and so does a row's version before an edit (nor what was
corrected). Entries are counted: a file holding the same dose twice (two
tablets logged at one minute) adds the second too, unless the diary holds it twice already.

Imported doses are history: the max-per-day and interval rules do not refuse them; the days they
take over a medication's maximum are counted for the caller to show (`days_over_max`).

The symptoms a file rates and the diary lacks can be added with it (`new_symptoms`): the ratings
refer to them by ids below zero, which the import swaps for their rows' ids once they are added.

An import is taken back as one piece (`Imports.withdraw`): exactly the rows it added are
soft-deleted and the medications and symptoms it created archived, in one transaction with their
audit rows; `Imports.restore` brings them back, for redo. A medication created archived (its
settings read from the program's own medications.csv said so), or a symptom so, stays archived
either way.
"""

from __future__ import annotations

from collections import Counter
from collections import defaultdict
from collections.abc import Hashable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime

from diary.domain.daytime import utc_text
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.stats import daily_totals
from diary.domain.validation import name_key
from diary.domain.validation import valid_event
from diary.domain.validation import valid_intake
from diary.domain.validation import valid_medication
from diary.domain.validation import valid_rating
from diary.domain.validation import valid_symptom
from diary.storage import rows
from diary.storage.records.intakes import Intakes
from diary.storage.records.medications import Medications
from diary.storage.records.symptoms import Symptoms
from diary.storage.rows import Row
from diary.storage.tables import Tables


@dataclass(frozen=True)
class IntakeImport:
    """A dose to import and its medication: a saved one, or a new one (id None) that the import
    adds once, before its first dose (new ones of one name are one medication, but for
    archived ones). The intake's own medication_id is not used."""

    medication: Medication
    intake: Intake


@dataclass(frozen=True)
class Presence:
    """Indexes, into the sequences given, of the entries already present."""

    intakes: frozenset[int]
    ratings: frozenset[int]
    events: frozenset[int]


@dataclass(frozen=True)
class ImportResult:
    intakes: int  # added
    ratings: int
    events: int
    present: Presence
    created: tuple[Medication, ...]  # medications added for the doses, with their ids
    # The ids of the rows added, in the order added: what an undo of the import takes back.
    intake_ids: tuple[int, ...] = ()
    rating_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    created_symptoms: tuple[Symptom, ...] = ()  # added for the ratings, with their ids
    # Symptoms the diary had that `arrange` moved or archived: (id, before, after), each the
    # row's position and archived_utc.
    arranged: tuple[tuple[int, Row, Row], ...] = ()


@dataclass(frozen=True)
class OverMax:
    medication: Medication
    days: tuple[date, ...]


class Imports:
    """`store.imports`: entries from a file, added, taken back and brought back as one piece."""

    def __init__(
        self, tables: Tables, medications: Medications, symptoms: Symptoms, intakes: Intakes
    ) -> None:
        self._tables = tables
        self._intakes = intakes
        self._medications = medications
        self._symptoms = symptoms

    def present(
        self,
        intakes: Sequence[IntakeImport],
        ratings: Sequence[Rating],
        events: Sequence[Event] = (),
    ) -> Presence:
        """Which entries the diary holds already; reads only."""
        tables = self._tables
        return Presence(
            _repeats(
                [_intake_key(i) for i in intakes],
                _existing(
                    tables,
                    "intakes",
                    "medication_id, at_utc, amount, status",
                    [i.intake.at for i in intakes],
                ),
            ),
            _repeats(
                [(r.symptom_id, utc_text(r.at), r.score) for r in ratings],
                _existing(tables, "ratings", "symptom_id, at_utc, score", [r.at for r in ratings]),
            ),
            _repeats(
                [(utc_text(e.at), e.kind.value, e.text) for e in events],
                _existing(tables, "events", "at_utc, kind, text", [e.at for e in events]),
            ),
        )

    def add(
        self,
        intakes: Sequence[IntakeImport],
        ratings: Sequence[Rating],
        events: Sequence[Event] = (),
        new_symptoms: Sequence[Symptom] = (),
        new_medications: Sequence[Medication] = (),
        arrange: Sequence[tuple[int, datetime | None]] = (),
    ) -> ImportResult:
        """Add every entry not already present, the new medications their doses need (and those of
        `new_medications`, with doses or not) and the new symptoms (ids below zero) their ratings
        need, in one transaction with the audit trail. `arrange`, when given, is every symptom of
        the diary after the import (new ones by their ids below zero) in its order, with when it
        is archived (None: active): the symptom list of the export a fresh diary takes.
        Each entry is validated as a new entry would be (amount ceilings, score within the scale,
        not in the future); one bad entry and nothing is added."""
        tables = self._tables
        now = tables.clock()
        # The new symptoms by their ids below zero; the diary's own join them as they are read.
        symptoms = {s.id: valid_symptom(s) for s in new_symptoms if s.id is not None}
        checked_ratings = [valid_rating(r, _symptom(self._symptoms, symptoms, r.symptom_id), now)
                           for r in ratings]
        checked_events = [valid_event(e, now) for e in events]
        with tables.write():
            # Looked at again inside the transaction: what another program added meanwhile counts.
            found = self.present(intakes, checked_ratings, checked_events)
            created: dict[Hashable, Medication] = {}
            for med in new_medications:
                _saved(tables, med, created)
            intake_ids = [self._add_intake(item, created, now)
                          for index, item in enumerate(intakes) if index not in found.intakes]
            ids, made = _add_symptoms(tables, self._symptoms, [
                symptoms[s.id] for s in new_symptoms if s.id is not None])
            arranged = _arrange(tables, [(ids.get(i, i), at) for i, at in arrange],
                                set(ids.values()))
            rating_ids = [
                tables.insert("ratings", rows.rating_row(replace(
                    rating, symptom_id=ids.get(rating.symptom_id, rating.symptom_id), id=None,
                    deleted_at=None)))
                for index, rating in enumerate(checked_ratings) if index not in found.ratings]
            event_ids = [tables.insert("events", rows.event_row(event))
                         for index, event in enumerate(checked_events) if index not in found.events]
        return ImportResult(len(intakes) - len(found.intakes), len(ratings) - len(found.ratings),
                            len(events) - len(found.events), found, tuple(created.values()),
                            tuple(intake_ids), tuple(rating_ids), tuple(event_ids), tuple(made),
                            arranged)

    def _add_intake(self, item: IntakeImport, created: dict[Hashable, Medication],
                    now: datetime) -> int:
        med = _saved(self._tables, item.medication, created)
        assert med.id is not None
        intake = replace(item.intake, medication_id=med.id, id=None, deleted_at=None)
        return self._tables.insert("intakes", rows.intake_row(valid_intake(intake, med.unit, now)))

    def withdraw(self, result: ImportResult) -> None:
        """Take an import back: soft-delete exactly the entries it added and archive the
        medications it created, in one transaction with an audit row each. Rows already so are
        left as they are."""
        with self._tables.write():
            for table, ids in _added(result):
                for row_id in ids:
                    self._tables.set_deleted(table, row_id, deleted=True)
            for med in result.created:
                assert med.id is not None
                self._medications.archive(med.id)
            for symptom in result.created_symptoms:
                assert symptom.id is not None
                self._symptoms.archive(symptom.id)
            for symptom_id, before, _ in result.arranged:
                self._tables.update("symptoms", symptom_id, before)

    def restore(self, result: ImportResult) -> None:
        """Bring back what `withdraw` took back (redo of an import), in one transaction."""
        with self._tables.write():
            for med in result.created:
                assert med.id is not None
                if med.archived_at is None:
                    self._medications.archive(med.id, archived=False)
            for symptom in result.created_symptoms:
                assert symptom.id is not None
                if symptom.archived_at is None:
                    self._symptoms.archive(symptom.id, archived=False)
            for symptom_id, _, after in result.arranged:
                self._tables.update("symptoms", symptom_id, after)
            for table, ids in _added(result):
                for row_id in ids:
                    self._tables.set_deleted(table, row_id, deleted=False)


    def days_over_max(self, intakes: Sequence[IntakeImport],
                      skip: Iterable[int] = ()) -> list[OverMax]:
        """The diary days on which the imported doses (but those at the `skip` indexes), with the
        doses the diary holds already, go over a medication's max per day."""
        left_out = set(skip)
        meds: dict[int, Medication] = {}
        new: dict[Hashable, int] = {}  # a new medication has no id yet: numbered below zero
        numbered: list[Intake] = []
        for index, item in enumerate(intakes):
            med = item.medication
            if index in left_out or med.max_daily is None:
                continue
            number = med.id if med.id is not None else new.setdefault(_new_key(med), -1 - len(new))
            meds[number] = med
            numbered.append(replace(item.intake, medication_id=number, deleted_at=None))
        day_starts = self._tables.info().day_starts_at
        totals: dict[tuple[date, int], int] = defaultdict(int, daily_totals(numbered, day_starts))
        if not totals:
            return []
        days = [day for day, _ in totals]
        for held in self._intakes.daily_totals(min(days), max(days)):
            if (held.day, held.medication_id) in totals:
                totals[(held.day, held.medication_id)] += held.total
        over: dict[int, list[date]] = defaultdict(list)
        for (day, number), total in sorted(totals.items()):
            limit = meds[number].max_daily
            if limit is not None and total > limit:
                over[number].append(day)
        found = [OverMax(meds[number], tuple(days)) for number, days in over.items()]
        return sorted(found, key=lambda item: item.medication.name.casefold())


def _added(result: ImportResult) -> tuple[tuple[str, tuple[int, ...]], ...]:
    return (("intakes", result.intake_ids), ("ratings", result.rating_ids),
            ("events", result.event_ids))


def _intake_key(item: IntakeImport) -> tuple[Hashable, ...]:
    med = item.medication
    owner: Hashable = med.id if med.id is not None else _new_key(med)
    intake = item.intake
    return (owner, utc_text(intake.at), intake.amount, intake.status.value)


def _existing(
    tables: Tables, table: str, columns: str, moments: Sequence[datetime]
) -> Counter[tuple[Hashable, ...]]:
    """The keys of the rows of `table` (deleted ones too) between the first and last moment,
    each with how many rows have it; and the keys rows had before an edit changed them, so
    that an older copy of an entry since corrected does not come back beside it."""
    if not moments:
        return Counter()
    low, high = utc_text(min(moments)), utc_text(max(moments))
    found = tables.query(f"SELECT {columns} FROM {table} WHERE at_utc BETWEEN ? AND ?", [low, high])
    names = [name.strip() for name in columns.split(",")]
    was = ", ".join(f"json_extract(before, '$.{name}') AS {name}" for name in names)
    changed = " OR ".join(
        f"json_extract(before, '$.{name}') IS NOT json_extract(after, '$.{name}')" for name in names
    )
    edited = tables.query(
        f"SELECT {was} FROM changes WHERE table_name = ? AND action = 'update' AND ({changed})"
        " AND json_extract(before, '$.at_utc') BETWEEN ? AND ?",
        [table, low, high],
    )
    return Counter(tuple(row.values()) for row in [*found, *edited])


def _repeats(
    keys: Sequence[tuple[Hashable, ...]], held: Counter[tuple[Hashable, ...]]
) -> frozenset[int]:
    """The indexes of the entries the diary holds already: each held row answers one entry, so
    an entry the file has twice and the diary once is added once."""
    found = set()
    for index, entry in enumerate(keys):
        if held[entry] > 0:
            found.add(index)
            held[entry] -= 1
    return frozenset(found)


def _symptom(symptoms: Symptoms, cache: dict[int, Symptom], symptom_id: int) -> Symptom:
    if symptom_id not in cache:
        cache[symptom_id] = symptoms.get(symptom_id)
    return cache[symptom_id]


def _saved(tables: Tables, med: Medication, created: dict[Hashable, Medication]) -> Medication:
    """The medication with its id: as given, or added now (once)."""
    if med.id is not None:
        return med
    new = _new_key(med)
    if new not in created:
        checked = valid_medication(med)
        created[new] = replace(
            checked, id=tables.insert("medications", rows.medication_row(checked))
        )
    return created[new]


def _new_key(med: Medication) -> Hashable:
    """Which new medication this is: an active one by its name (the diary has one active
    medication of a name), an archived one (a medication of an export, archived beside others
    of its name, perhaps alike in every field) by the object given for it."""
    return ("new", name_key(med.name)) if med.archived_at is None else ("archived", id(med))


def _add_symptoms(
    tables: Tables, symptoms: Symptoms, new: Sequence[Symptom]
) -> tuple[dict[int, int], list[Symptom]]:
    """Add the new symptoms after the diary's own: the ids they get, by the ids below zero they
    stood for, and the symptoms added. One the diary gained meanwhile (another program added
    it) is used rather than added, when it has the same scale."""
    ids: dict[int, int] = {}
    made: list[Symptom] = []
    position = symptoms.next_position()
    for symptom in new:
        assert symptom.id is not None and symptom.id < 0
        there = symptoms.find(symptom.name)
        if there is not None:
            saved = there
            if saved.scale_max != symptom.scale_max:
                raise ValidationError(
                    "symptom",
                    f"{saved.name} was added to the diary meanwhile "
                    f"with the scale 0–{saved.scale_max}, not "
                    f"0–{symptom.scale_max}",
                )
        else:
            fresh = replace(symptom, position=position, id=None)
            saved = replace(fresh, id=tables.insert("symptoms", rows.symptom_row(fresh)))
            made.append(saved)
            position += 1
        assert saved.id is not None
        ids[symptom.id] = saved.id
    return ids, made


def _arrange(
    tables: Tables, order: Sequence[tuple[int, datetime | None]], new: set[int]
) -> tuple[tuple[int, Row, Row], ...]:
    """Put the symptoms in `order` (ids, archived time), numbering their positions from 0; the
    changes to the symptoms the diary had before (not those in `new`), before and after."""
    changed = []
    for position, (symptom_id, archived_at) in enumerate(order):
        before = tables.row("symptoms", symptom_id)
        was = {"position": before["position"], "archived_utc": before["archived_utc"]}
        wanted = {
            "position": position,
            "archived_utc": was["archived_utc"]
            if (archived_at is not None) == (was["archived_utc"] is not None)
            else (None if archived_at is None else utc_text(archived_at)),
        }
        if wanted != was:
            tables.update("symptoms", symptom_id, wanted)
            if symptom_id not in new:
                changed.append((symptom_id, was, wanted))
    return tuple(changed)
