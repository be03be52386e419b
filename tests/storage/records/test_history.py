"""The history query: newest first, paged by keyset without gaps or repeats, filtered in SQL."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import Entry
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage import kind_of
from diary.storage.store import DiaryStore

EVERYTHING = (date(1990, 1, 1), date(2100, 1, 1))
RANK = {EntryKind.DOSE: 0, EntryKind.RATING: 1, EntryKind.EVENT: 2}
NEW_YORK = timezone(timedelta(hours=-5))


def fill(store: DiaryStore, now: datetime) -> dict[str, int]:
    """Doses of two medications, ratings of two symptoms and events, with several entries at the
    very same instant (across kinds and within one), one in another offset, one deleted."""
    bac = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    par = store.medications.add(Medication(name="Paracetamol", unit=Unit.MG))
    assert bac.id is not None and par.id is not None
    spasticity, headache = (store.symptoms.named(n).id for n in ("Spasticity", "Headache"))
    assert spasticity is not None and headache is not None
    for day in range(6):
        base = now - timedelta(days=day, hours=1)
        store.intakes.add(Intake(bac.id, base, 10_000 + day * 1000, note=f"day {day}"))
        store.intakes.add(Intake(par.id, base, 1_000_000, note="Headache pill"))
        store.ratings.add_all([Rating(spasticity, base, day % 10), Rating(headache, base, 2)])
        if day % 2 == 0:
            store.events.add(Event(base, EventKind.FALL, f"slipped on day {day}"))
    store.intakes.add(Intake(bac.id, (now - timedelta(days=2, hours=3)).astimezone(NEW_YORK),
                            5_000, IntakeStatus.SKIPPED, note="Too DROWSY"))
    gone = store.intakes.add(Intake(bac.id, now - timedelta(hours=5), 7_000, note="typo"))
    assert gone.id is not None
    store.intakes.delete(gone.id)
    return {"baclofen": bac.id, "paracetamol": par.id, "spasticity": spasticity,
            "headache": headache, "deleted": gone.id}


def expected(store: DiaryStore, start: date = EVERYTHING[0], end: date = EVERYTHING[1], *,
             include_deleted: bool = False) -> list[Entry]:
    """The whole history computed from the per-kind queries, in the documented order."""
    entries: list[Entry] = [*store.intakes.between(start, end, include_deleted=include_deleted),
                            *store.ratings.between(start, end, include_deleted=include_deleted),
                            *store.events.between(start, end, include_deleted=include_deleted)]
    entries.sort(key=lambda e: (e.id or 0))
    entries.sort(key=lambda e: (e.at, RANK[kind_of(e)]), reverse=True)
    return entries


def all_pages(store: DiaryStore, where: HistoryFilter, size: int) -> list[Entry]:
    found: list[Entry] = []
    page = store.history.page(where, None, size)
    while page:
        assert len(page) <= size
        found.extend(page)
        page = store.history.page(where, page[-1], size)
    return found


@pytest.mark.parametrize("size", [1, 2, 3, 5, 200])
def test_pages_join_into_the_whole_history_newest_first(store: DiaryStore, clock: list[datetime],
                                                        size: int) -> None:
    fill(store, clock[0])
    whole = expected(store)
    assert len(whole) == 6 * 4 + 3 + 1
    assert all_pages(store, HistoryFilter(), size) == whole
    assert store.history.count(HistoryFilter()) == len(whole)


def test_one_instant_reads_events_then_ratings_in_saved_order_then_doses(
        store: DiaryStore, clock: list[datetime]) -> None:
    ids = fill(store, clock[0])
    first = store.history.page(HistoryFilter(), None, 5)
    assert [kind_of(e) for e in first] == [EntryKind.EVENT, EntryKind.RATING, EntryKind.RATING,
                                           EntryKind.DOSE, EntryKind.DOSE]
    assert [e.symptom_id for e in first[1:3] if isinstance(e, Rating)] == [
        ids["spasticity"], ids["headache"]]
    assert len({e.at for e in first}) == 1


def test_date_range_matches_the_per_kind_queries(store: DiaryStore, clock: list[datetime]) -> None:
    fill(store, clock[0])
    today = clock[0].date()
    start, end = today - timedelta(days=3), today - timedelta(days=1)
    where = HistoryFilter(start=start, end=end)
    assert all_pages(store, where, 4) == expected(store, start, end)
    assert store.history.count(where) == len(expected(store, start, end))
    since = HistoryFilter(start=today - timedelta(days=1))
    assert all_pages(store, since, 4) == expected(store, today - timedelta(days=1))
    until = HistoryFilter(end=today - timedelta(days=4))
    assert all_pages(store, until, 4) == expected(store, end=today - timedelta(days=4))


def test_kinds_medication_and_symptom_narrow(store: DiaryStore, clock: list[datetime]) -> None:
    ids = fill(store, clock[0])
    start, end = EVERYTHING
    ratings = HistoryFilter(kinds=frozenset({EntryKind.RATING}))
    assert all_pages(store, ratings, 3) == sorted(
        store.ratings.between(start, end), key=lambda r: (-r.at.timestamp(), r.id))
    by_med = HistoryFilter(medication_id=ids["baclofen"])
    found = all_pages(store, by_med, 3)
    doses = store.intakes.between(start, end, ids["baclofen"])
    assert {e.id for e in found} == {i.id for i in doses}
    assert all(isinstance(e, Intake) for e in found)
    both = HistoryFilter(medication_id=ids["paracetamol"], symptom_id=ids["headache"])
    assert {(kind_of(e), e.id) for e in all_pages(store, both, 3)} == {
        *((EntryKind.DOSE, i.id) for i in store.intakes.between(start, end, ids["paracetamol"])),
        *((EntryKind.RATING, r.id) for r in store.ratings.between(start, end, ids["headache"])),
    }
    events_of_a_medication = HistoryFilter(
        kinds=frozenset({EntryKind.EVENT}), medication_id=ids["baclofen"]
    )
    assert store.history.page(events_of_a_medication) == []
    assert store.history.count(events_of_a_medication) == 0


def test_text_search_is_case_insensitive_over_notes_and_names(
    store: DiaryStore, clock: list[datetime]
) -> None:
    ids = fill(store, clock[0])
    drowsy = all_pages(store, HistoryFilter(text="  drowsy "), 2)
    assert [e.note for e in drowsy if isinstance(e, Intake)] == ["Too DROWSY"]
    headache = all_pages(store, HistoryFilter(text="HEADACHE"), 4)
    # Paracetamol's note says "Headache pill"; the Headache symptom's ratings match by name.
    assert {(kind_of(e), getattr(e, "symptom_id", None)) for e in headache} == {
        (EntryKind.DOSE, None),
        (EntryKind.RATING, ids["headache"]),
    }
    assert len(headache) == 12
    assert store.history.count(HistoryFilter(text="headache")) == 12
    falls = all_pages(store, HistoryFilter(text="fall"), 4)  # the kind's label, not its text
    assert len(falls) == 3 and all(isinstance(e, Event) for e in falls)
    assert len(all_pages(store, HistoryFilter(text="skipped"), 4)) == 1
    assert store.history.page(HistoryFilter(text="no such words")) == []


def test_deleted_entries_only_when_asked(store: DiaryStore, clock: list[datetime]) -> None:
    ids = fill(store, clock[0])
    assert ids["deleted"] not in {
        e.id for e in all_pages(store, HistoryFilter(), 50) if isinstance(e, Intake)
    }
    with_deleted = HistoryFilter(include_deleted=True)
    found = all_pages(store, with_deleted, 5)
    assert found == expected(store, include_deleted=True)
    [gone] = [e for e in found if e.id == ids["deleted"] and isinstance(e, Intake)]
    assert gone.deleted_at is not None
    assert store.history.count(with_deleted) == store.history.count(HistoryFilter()) + 1


def test_no_kind_left_gives_nothing(store: DiaryStore, clock: list[datetime]) -> None:
    fill(store, clock[0])
    nothing = HistoryFilter(kinds=frozenset())
    assert store.history.page(nothing) == [] and store.history.count(nothing) == 0
    assert store.history.page(HistoryFilter(), None, 0) == []
