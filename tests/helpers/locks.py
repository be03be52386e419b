"""A diary file locked by another program, for the tests of what a refused save does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from diary.storage.store import DiaryStore
from tests.helpers import store_sql


@contextmanager
def locked(store: DiaryStore) -> Iterator[None]:
    """Another connection holds the diary's write lock (BEGIN EXCLUSIVE) while the block runs.
    The store gives up after 50 ms instead of its 5 s, so a refused write is quick to test."""
    store_sql.connection(store).execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
        store_sql.connection(store).execute("PRAGMA busy_timeout = 5000")
