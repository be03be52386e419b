"""Why a diary file cannot be created, opened or replaced: one family of exceptions, each naming
the file and the reason in words a person can act on; and the words for a disk that refuses to
take more (full, read-only), whether SQLite or the system says so."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite's result codes (an exception's sqlite_errorcode) for a disk with no room left. A page of
# the diary, of its write-ahead log or of a copy could not be written: "database or disk is full".
SQLITE_FULL = 13
# "disk I/O error": the shared-memory file SQLite keeps beside a diary in WAL mode (-shm) could
# not be made 32 KiB long. On a full disk this is what opening a diary (or checking a fresh
# backup copy) fails with, before any write.
SQLITE_IOERR_SHMSIZE = 4874

# What the system's errors mean to a person, by errno; any other says its own strerror.
OS_REASONS = {
    errno.EEXIST: "something of that name is already there",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOENT: "there is no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full (your quota on it is used up)",
    errno.ENAMETOOLONG: "the name is too long",
}
# The errnos of a disk that takes nothing more, whatever the permissions.
_DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def os_reason(exc: OSError) -> str:
    """What went wrong, in words: 'permission denied', not "[Errno 13] Permission denied"."""
    return OS_REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def disk_reason(exc: BaseException | None) -> str | None:
    """'the disk is full' (or '... is read-only') when `exc` is the disk refusing to take more:
    SQLite's SQLITE_FULL (any extended code), the -shm it could not grow, or the system's ENOSPC,
    EDQUOT or EROFS. None for anything else, a permission or a damaged file included."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return None
        if code & 0xFF == SQLITE_FULL:
            return "the disk is full"
        if code == SQLITE_IOERR_SHMSIZE:
            return "the disk is full (there is no room for SQLite's shared-memory file)"
        return None
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
        return OS_REASONS[exc.errno]
    return None


class DiaryFileError(Exception):
    """A diary file cannot be created or opened; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DamagedDiaryError(DiaryFileError):
    """The file at a diary's place cannot be read as an SQLite database, or SQLite finds it
    damaged: a backup may replace it (the damaged bytes are kept)."""


class DamagedRowError(DamagedDiaryError):
    """A stored value that cannot be read as what it stands for (a date that is no date, a
    number that is no number): SQLite's checks let some through (a CHECK that is NULL passes),
    and a flipped bit can make one. Raised by the reading code instead of a traceback; `check`
    lists every such row."""

    def __init__(self, table: str, row_id: object, detail: str) -> None:
        Exception.__init__(self, f"the diary is damaged: {table} row {row_id} holds a value "
                           f"that cannot be read ({detail}); nothing was changed: run "
                           "`medication-diary check` to list every damaged row, then restore a "
                           "backup")
        self.path = Path()
        self.reason = str(self)
        self.table, self.row_id = table, row_id


class NewerDiaryError(DiaryFileError):
    """An intact diary written by a newer version of the program."""


class WriteProtectedError(DiaryFileError):
    """The file's permissions let this user read the diary but not write it."""


class DiaryBusyError(DiaryFileError):
    """Another program holds SQLite's lock on the file right now."""


class ForeignLogError(DamagedDiaryError):
    """The write-ahead log beside an intact diary was written by another diary file."""
