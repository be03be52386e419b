"""The history's Status filter (diary/storage/records/history.py): taken or skipped doses in
SQL, in a page and its count alike; missed doses are not stored, so that status leaves no stored
entry, and the filter says when missed doses are rows and which medications the search matches."""

from __future__ import annotations

from datetime import datetime

from diary.storage import ALL_KINDS
from diary.storage import EntryKind
from diary.storage import HistoryFilter
from diary.storage.records.history import DoseStatus
from diary.storage.store import DiaryStore
from tests.storage.records.test_history import fill


def test_a_status_narrows_to_doses_of_that_status(store: DiaryStore,
                                                  clock: list[datetime]) -> None:
    ids = fill(store, clock[0])
    taken = HistoryFilter(status=DoseStatus.TAKEN)
    page = store.history.page(taken, None, 100)
    assert {e.status.value for e in page} == {"taken"}  # type: ignore[union-attr]
    assert len(page) == store.history.count(taken) == 12
    skipped = HistoryFilter(status=DoseStatus.SKIPPED, text="drowsy")
    [only] = store.history.page(skipped, None, 100)
    assert only.note == "Too DROWSY" and store.history.count(skipped) == 1  # type: ignore[union-attr]
    with_medication = HistoryFilter(status=DoseStatus.TAKEN, medication_id=ids["paracetamol"])
    assert store.history.count(with_medication) == 6


def test_missed_doses_are_no_stored_entry(store: DiaryStore, clock: list[datetime]) -> None:
    fill(store, clock[0])
    missed = HistoryFilter(status=DoseStatus.MISSED)
    assert store.history.page(missed, None, 100) == [] and store.history.count(missed) == 0
    assert missed.stored_kinds() == [] and missed.shown_kinds() == [EntryKind.DOSE]


def test_when_missed_doses_are_rows() -> None:
    assert HistoryFilter().shows_missed()
    assert HistoryFilter(status=DoseStatus.MISSED).shows_missed()
    assert not HistoryFilter(status=DoseStatus.TAKEN).shows_missed()
    assert not HistoryFilter(kinds=frozenset({EntryKind.EVENT})).shows_missed()
    assert not HistoryFilter(symptom_id=1).shows_missed()  # a symptom alone: its ratings
    assert HistoryFilter(symptom_id=1, medication_id=2).shows_missed()
    assert HistoryFilter(kinds=ALL_KINDS, status=DoseStatus.SKIPPED).shown_kinds() == [
        EntryKind.DOSE]


def test_the_search_matches_a_missed_dose_by_its_medication_or_its_status() -> None:
    assert HistoryFilter().search_matches("Baclofen")
    assert HistoryFilter(text=" BACLO ").search_matches("Baclofen")
    assert HistoryFilter(text="missed").search_matches("Baclofen")
    assert not HistoryFilter(text="fever").search_matches("Baclofen")
