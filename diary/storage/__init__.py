"""The diary file: one `DiaryStore` per open diary, reached through its parts (store.py says
which), and what the rest of the program needs to name: the errors a store raises and the
records it hands out (`HistoryFilter`, `ImportResult`…)."""

from diary.storage.records.history import ALL_KINDS, Entry, EntryKind, HistoryFilter, kind_of
from diary.storage.records.imports import ImportResult, IntakeImport, OverMax, Presence
from diary.storage.store import DiaryStore, create_diary, needs_upgrade, open_diary
from diary.storage.tables import Clock, NotFoundError, ReadOnlyError, system_clock

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
