"""Who has a diary open: a shared lock while any store has it, an exclusive one to replace it.

Every open store holds a shared advisory lock (flock) on the diary file; a restore takes it
exclusively, so a diary is never swapped under a window or a command that has it open, even an
idle one that SQLite's own locks would not reveal. flock locks are apart from the POSIX locks
SQLite uses on the same file, so the two never interfere. Where flock does not exist (Windows),
there is no such lock and the restore relies on SQLite's write lock alone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from diary.storage.opening import DiaryFileError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def hold_shared(path: Path) -> int | None:
    """A descriptor holding a shared lock on `path` (close it to let go), or None without flock.
    Refused while the diary is being restored."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DiaryFileError(path, "it is being restored from a backup right now; try again "
                             "in a moment") from None
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold `path` so that no store can have it open, or refuse naming why."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DiaryFileError(path, "it is open in another program or window; close it "
                                 "there, then restore") from None
        yield
    finally:
        os.close(fd)
