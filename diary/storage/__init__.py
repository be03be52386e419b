"""The diary file: one `DiaryStore` per open diary, reached through its parts (store.py says
which), and what the rest of the program needs to name: the errors a store raises and the
records it hands out (`HistoryFilter`, `ImportResult`…)."""

from diary.storage.records.history import ALL_KINDS
from diary.storage.records.history import Entry
from diary.storage.records.history import EntryKind
from diary.storage.records.history import HistoryFilter
from diary.storage.records.history import kind_of
from diary.storage.records.imports import ImportResult
from diary.storage.records.imports import IntakeImport
from diary.storage.records.imports import OverMax
from diary.storage.records.imports import Presence
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import needs_upgrade
from diary.storage.store import open_diary
from diary.storage.tables import Clock
from diary.storage.tables import NotFoundError
from diary.storage.tables import ReadOnlyError
from diary.storage.tables import system_clock

__all__ = [
    "ALL_KINDS",
    "Clock",
    "DiaryStore",
    "Entry",
    "EntryKind",
    "HistoryFilter",
    "ImportResult",
    "IntakeImport",
    "NotFoundError",
    "OverMax",
    "Presence",
    "ReadOnlyError",
    "create_diary",
    "kind_of",
    "needs_upgrade",
    "open_diary",
    "system_clock",
]
