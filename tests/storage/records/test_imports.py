"""Taking an import back (undo) and bringing it back (redo): exactly the rows the import added,
in one transaction, with the audit trail."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import ImportResult
from diary.storage import IntakeImport
from diary.storage import NotFoundError
from diary.storage import ReadOnlyError
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers import store_sql

CET = timezone(timedelta(hours=1))


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=CET)


def live(store: DiaryStore) -> tuple[list[int], list[int], list[int]]:
    """The ids of the entries not deleted: intakes, ratings, events."""
    return ([i.id or 0 for i in store.intakes.between(date.min, date.max)],
            [r.id or 0 for r in store.ratings.between(date.min, date.max)],
            [e.id or 0 for e in store.events.between(date.min, date.max)])


def audit(store: DiaryStore, after: int) -> list[tuple[object, ...]]:
    return [(r["table_name"], r["row_id"], r["action"]) for r in store_sql.query(store,
        "SELECT table_name, row_id, action FROM changes WHERE id > ? ORDER BY id", [after])]


def last_change(store: DiaryStore) -> int:
    return int(store_sql.query(store, "SELECT max(id) AS n FROM changes")[0]["n"])


@pytest.fixture
def imported(store: DiaryStore) -> ImportResult:
    """A diary with entries of its own, then an import: two doses of a new medication, one of a
    known one, a rating, an event, and one dose the diary already holds (skipped)."""
    known = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert known.id is not None
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    store.intakes.add(Intake(known.id, at(20, 8), 5000))
    store.ratings.add(Rating(spasticity.id, at(20, 9), 6))
    store.events.add(Event(at(20, 10), EventKind.FALL, "in the kitchen"))
    new = Medication("Tizanidine", Unit.MG)
    doses = [IntakeImport(known, Intake(0, at(20, 8), 5000)),  # already there
             IntakeImport(known, Intake(0, at(21, 8), 5000)),
             IntakeImport(new, Intake(0, at(21, 9), 2000)),
             IntakeImport(new, Intake(0, at(22, 9), 2000))]
    return store.imports.add(
        doses, [Rating(spasticity.id, at(21, 21), 5)],
        [Event(at(21, 12), EventKind.APPOINTMENT, "neurologist")])


def test_the_result_names_the_rows_it_added(store: DiaryStore, imported: ImportResult) -> None:
    intakes, ratings, events = live(store)
    # The diary's own rows came first (ids 1), the import's after them.
    assert imported.intake_ids == tuple(intakes[1:]) and len(imported.intake_ids) == 3
    assert imported.rating_ids == tuple(ratings[1:]) and len(imported.rating_ids) == 1
    assert imported.event_ids == tuple(events[1:]) and len(imported.event_ids) == 1
    assert [m.name for m in store.medications.all()] == ["Baclofen", "Tizanidine"]


def test_withdraw_takes_back_exactly_what_was_added_and_restore_brings_it_back(
        store: DiaryStore, imported: ImportResult) -> None:
    own = ([1], [1], [1])
    everything = live(store)
    before = last_change(store)

    store.imports.withdraw(imported)

    assert live(store) == own
    assert [m.name for m in store.medications.all()] == ["Baclofen"]  # Tizanidine archived
    [created] = imported.created
    assert created.id is not None
    expected = ([("intakes", i, "delete") for i in imported.intake_ids]
                + [("ratings", i, "delete") for i in imported.rating_ids]
                + [("events", i, "delete") for i in imported.event_ids]
                + [("medications", created.id, "archive")])
    assert audit(store, before) == expected

    middle = last_change(store)
    store.imports.restore(imported)

    assert live(store) == everything
    assert [m.name for m in store.medications.all()] == ["Baclofen", "Tizanidine"]
    assert sorted(audit(store, middle)) == sorted(
        [(table, row, {"delete": "restore", "archive": "unarchive"}[action])
         for table, row, action in expected])


def test_a_failure_part_way_changes_nothing(store: DiaryStore, imported: ImportResult) -> None:
    everything = live(store)
    before = last_change(store)
    broken = replace(imported, event_ids=(*imported.event_ids, 9999))

    with pytest.raises(NotFoundError):
        store.imports.withdraw(broken)

    assert live(store) == everything
    assert last_change(store) == before


def test_a_read_only_diary_refuses(store: DiaryStore, imported: ImportResult) -> None:
    path = store.path
    store.close()
    with contextlib.closing(open_diary(path, read_only=True)) as viewer:
        everything = live(viewer)
        with pytest.raises(ReadOnlyError):
            viewer.imports.withdraw(imported)
        assert live(viewer) == everything


def test_an_import_that_added_nothing_withdraws_nothing(store: DiaryStore,
                                                        imported: ImportResult) -> None:
    before = last_change(store)
    store.imports.withdraw(ImportResult(0, 0, 0, imported.present, ()))
    assert last_change(store) == before
