"""Under the store: its own connection and SQL, for the tests that look at (or damage) what the
store's API does not show: the audit trail's raw rows, pragmas, a full disk, a second program's
write. The rest of the program never reaches these (`DiaryStore._tables` is private to
diary.storage); tests reach them here, in one place."""

from __future__ import annotations

import sqlite3
from typing import Any

from diary.storage import DiaryStore
from diary.storage.tables import Tables


def tables(store: DiaryStore) -> Tables:
    return store._tables


def connection(store: DiaryStore) -> sqlite3.Connection:
    return store._tables.connection


def query(store: DiaryStore, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    return store._tables.query(sql, params)
