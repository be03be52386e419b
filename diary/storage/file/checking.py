"""The day's full check of an open diary, in the background, without a write reaching a file
that has not passed it.

The window opens the diary at once and checks it meanwhile: on twenty years the full check
takes most of a second, which the person should not wait for at every first start of the day
(diary.storage.file.verified says when it is due). It runs in a thread, through a read-only
connection of its own, on one snapshot of the diary (SQLite's write-ahead log gives a reader a
fixed view while the writer goes on).

What keeps the promise that a damaged diary is never written to: while the check is under
way, the store's connection folds nothing into the file (`PRAGMA wal_autocheckpoint = 0`). A
dose logged meanwhile is committed at once, to the write-ahead log beside the file, and waits
for nothing; the file the check reads stays as it was. When the check passes, folding resumes.
When it fails, the store refuses every write from then on, and its log is kept beside the
file, never folded into it (`keep_log`): a restore sets both aside together, and nothing typed
in those seconds is lost.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from pathlib import Path

from diary.storage.file import opening

# SQLite's own default, restored once a check passes.
AUTOCHECKPOINT_PAGES = 1000


class BackgroundCheck:
    """One full check of the diary at `path`, started at once in a thread of its own.
    `on_done` is called in that thread when the verdict is in (a window passes it on to its
    own thread); `verdict` is then "ok" or what is wrong."""

    def __init__(self, path: Path, writer: sqlite3.Connection,
                 on_done: Callable[[], None] | None = None) -> None:
        self.path = path
        self.started = datetime.now(UTC)
        self.verdict: str | None = None
        self._on_done = on_done
        # Before the snapshot is taken: from here on, nothing reaches the file being checked.
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        self._thread = threading.Thread(target=self._run, name="diary-full-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.verdict = opening.full_check(self.path)
        except Exception as exc:  # a verdict must come, whatever went wrong
            self.verdict = f"the full check could not run ({type(exc).__name__}: {exc})"
        if self._on_done is not None:
            # The one who asked may be gone (a window closed meanwhile): `done` still says it.
            with contextlib.suppress(RuntimeError):
                self._on_done()

    @property
    def done(self) -> bool:
        return self.verdict is not None

    def wait(self) -> str:
        self._thread.join()
        assert self.verdict is not None
        return self.verdict


def resume_folding(writer: sqlite3.Connection) -> None:
    """The check passed: the log is folded into the file again as SQLite does by default."""
    writer.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")


def keep_log(path: Path, writer: sqlite3.Connection) -> None:
    """Close `writer` on a file the check found damaged without folding its log into it.

    The last connection to close a diary in WAL mode folds the log into the file; a read-only
    one cannot. So a read-only connection is opened first, the writer closed (not the last),
    then the reader (which cannot fold): the log stays beside the file, as it is."""
    try:
        keeper = opening.connect(path, read_only=True)
    except sqlite3.Error:
        keeper = None
    with contextlib.closing(keeper) if keeper is not None else contextlib.nullcontext():
        if keeper is not None:
            with contextlib.suppress(sqlite3.Error):
                keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
        writer.close()
