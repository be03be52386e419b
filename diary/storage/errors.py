"""Why a diary file cannot be created, opened or replaced: one family of exceptions, each naming
the file and the reason in words a person can act on."""

from __future__ import annotations

from pathlib import Path


class DiaryFileError(Exception):
    """A diary file cannot be created or opened; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DamagedDiaryError(DiaryFileError):
    """The file at a diary's place cannot be read as an SQLite database, or SQLite finds it
    damaged: a backup may replace it (the damaged bytes are kept)."""


class NewerDiaryError(DiaryFileError):
    """An intact diary written by a newer version of the program."""


class WriteProtectedError(DiaryFileError):
    """The file's permissions let this user read the diary but not write it."""


class DiaryBusyError(DiaryFileError):
    """Another program holds SQLite's lock on the file right now."""


class ForeignLogError(DamagedDiaryError):
    """The write-ahead log beside an intact diary was written by another diary file."""
