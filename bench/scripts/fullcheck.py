"""Counting the full checks of one diary a process runs (diary/storage/file/opening.py's
`_integrity`, whether at the open or in the background), so that the bench can tell the day's
first open of a diary from the later ones, which the record of checks passed
(diary/storage/file/verified.py) lets skip the check. Checks of other files (a backup verified
after it was made) are not counted."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any


class Checks:
    def __init__(self, diary: str) -> None:
        self.diary = os.path.realpath(diary)
        self.count: int | None = None  # None: the check could not be watched (renamed?)

    def watched(self, original: Callable[..., Any]) -> Callable[..., Any]:
        self.count = 0

        def counted(conn: sqlite3.Connection, *args: Any, **kwargs: Any) -> Any:
            if self.checks_diary(conn):
                assert self.count is not None
                self.count += 1
            return original(conn, *args, **kwargs)

        return counted

    def checks_diary(self, conn: sqlite3.Connection) -> bool:
        try:
            files = [row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"]
        except sqlite3.Error:
            return True  # cannot tell: counted, so that a doubt shows
        return bool(files) and os.path.realpath(files[0]) == self.diary


def watch(diary: str) -> Checks:
    """Count the full checks of `diary` from now on. Imports the opening module (the program
    imports it to open any diary anyway)."""
    from diary.storage.file import opening

    checks = Checks(diary)
    original = getattr(opening, "_integrity", None)
    if callable(original):
        opening._integrity = checks.watched(original)
    return checks
