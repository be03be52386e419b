"""A SHA-256 file beside each backup, so that a backup whose bytes changed since it was made
is refused rather than restored.

SQLite's integrity check sees damage to the structure of a file, not a flipped bit inside a
stored value: a dose of 10 mg that rotted into 11 mg on an old drive passes it. The checksum
file is in the format of `sha256sum`, so `sha256sum -c` checks a backup by hand too. Backups
from before the checksum have none and are checked as before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from diary.storage.errors import DiaryFileError

EXTENSION = ".sha256"
_CHUNK = 1 << 20


def sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + EXTENSION)


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            hashed.update(chunk)
    return hashed.hexdigest()


def write(backup: Path) -> Path:
    """Record the backup's checksum beside it: a new file, 0600, flushed to disk."""
    target = sidecar(backup)
    line = f"{digest(backup)}  {backup.name}\n".encode()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def check(backup: Path) -> None:
    """DiaryFileError when the backup's bytes differ from the checksum recorded when it was
    made, or that record cannot be read; nothing when there is no record."""
    recorded_at = sidecar(backup)
    try:
        text = recorded_at.read_text(encoding="ascii")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        raise DiaryFileError(backup, f"its checksum file {recorded_at.name} cannot be read "
                             f"({exc})") from None
    recorded = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if recorded != digest(backup):
        raise DiaryFileError(backup, "damaged: its contents changed after it was made (they no "
                             f"longer match {recorded_at.name})")


def remove(backup: Path) -> None:
    sidecar(backup).unlink(missing_ok=True)
