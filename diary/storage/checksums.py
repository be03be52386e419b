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
import re
from pathlib import Path

from diary.storage.errors import DiaryFileError
from diary.storage.file import regular
from diary.storage.file import verified

_SHA256 = re.compile("[0-9a-f]{64}")
# A record is one line: the hex digest, two spaces, the backup's name.
_LONGEST_RECORD = 64 * 1024

EXTENSION = ".sha256"
_CHUNK = 1 << 20


def sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + EXTENSION)


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with regular.reading(path, expected="a backup") as source:
        while chunk := source.read(_CHUNK):
            hashed.update(chunk)
    return hashed.hexdigest()


def write(backup: Path, contents: Path | None = None) -> Path:
    """Record the backup's checksum beside it: a new file, 0600, flushed to disk. `contents`
    is the file to hash when the backup is not under its name yet (backups.backup_to)."""
    target = sidecar(backup)
    found = digest(contents or backup)
    line = f"{found}  {backup.name}\n".encode()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    verified.remember_backup(backup, found)  # made by the program: proven for the thinning
    return target


def check(backup: Path) -> str | None:
    """DiaryFileError when the backup's bytes differ from the checksum recorded when it was
    made, or that record cannot be read; nothing when there is no record. Returns the digest
    found (None without a record)."""
    recorded_at = sidecar(backup)
    try:
        with regular.reading(recorded_at, shown=backup, name=f"its checksum file "
                             f"{recorded_at.name}", expected="a checksum file") as source:
            text = source.read(_LONGEST_RECORD).decode("ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DiaryFileError(backup, f"its checksum file {recorded_at.name} cannot be read "
                             f"({exc})") from None
    recorded = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if not _SHA256.fullmatch(recorded):
        raise DiaryFileError(backup, f"its checksum file {recorded_at.name} holds no checksum "
                             "(it is empty or damaged), so the backup cannot be verified by it; "
                             "move that file away to restore the backup on its own checks")
    found = digest(backup)
    if recorded != found:
        raise DiaryFileError(backup, "damaged: its contents changed after it was made (they no "
                             f"longer match {recorded_at.name})")
    return found


def proven(backup: Path) -> bool:
    """The backup has its checksum file and its bytes still match it: what thinning asks before
    it lets a file count as a backup (a junk or bit-rotted file named like a backup must never
    take the place of a good one and have that one deleted)."""
    if not os.path.lexists(sidecar(backup)):
        return False
    try:
        found = check(backup)
        if found is None:
            return False
        if verified.backup_known(backup, found):
            return True
        # Bytes that match a checksum anyone could write: proven a backup by the full check a
        # restore runs (a diary header followed by garbage fails it), once.
        from diary.storage.file import opening

        opening.inspect(backup)
    except (DiaryFileError, OSError):
        return False
    verified.remember_backup(backup, found)
    return True


def remove(backup: Path) -> None:
    sidecar(backup).unlink(missing_ok=True)
