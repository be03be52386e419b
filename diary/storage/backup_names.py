"""How backups are named, and whose diary each one in a folder holds.

new_backup_path(diary, now, folder, kind, identity)   '<stem>[-<kind>]-<UTC stamp>-<tag>.sqlite'
list_backups(folder)                                   what a folder holds, newest first
belongs_to(info, diary, identity)                      a backup of this very diary, or not

Two people's diaries are usually both called `diary.sqlite`, and a caregiver may keep both
backing up to one external drive. The file name alone cannot tell them apart, so every backup
name carries a tag: a short hash of the diary's identity (its seal, diary.storage.file.logseal).
Names from before the tag are matched by reading the identity inside the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from diary.storage import schema
from diary.storage.errors import DiaryFileError
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.file import regular

FOLDER_NAME = "backups"
FOLDER_MODE = 0o700
SUFFIX = ".sqlite"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
TAG_LENGTH = 8
_NAME = re.compile(r"^(?P<stem>.+?)(?:-(?P<kind>before-restore|damaged))?"
                   r"-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<tag>[0-9a-f]{8}))?(?:-(?P<n>\d+))?"
                   r"\.sqlite$")
BEFORE_RESTORE = "before-restore"  # the diary as it was, kept by a restore: never thinned
DAMAGED = "damaged"  # the bytes of a diary too damaged to open, kept by a restore


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC, from the file's name
    size: int
    is_diary: bool  # from the header alone: a diary this version can open
    stem: str = ""  # the name of the diary it was taken of, without its suffix
    kind: str = ""  # "" for a backup, BEFORE_RESTORE or DAMAGED
    tag: str = ""  # the hash of the diary's identity; "" in names from before the tag


def tag_of(identity: str | None) -> str:
    """The short hash of a diary's identity that its backups' names carry ("" for none)."""
    if identity is None:
        return ""
    return hashlib.sha256(identity.encode()).hexdigest()[:TAG_LENGTH]


def backups_folder(diary: Path) -> Path:
    """Where a diary's backups go by default: `backups/` beside it (in the data folder for the
    person's own diary); beside the file itself when `diary` is a link to it, so that the
    window and a command find the same backups."""
    return Path(os.path.realpath(diary)).parent / FOLDER_NAME


def new_backup_path(diary: Path, now: datetime, folder: Path | None = None, kind: str = "",
                    identity: str | None = None) -> Path:
    """A name not yet taken, '<stem>-20261126T214500Z-<tag>.sqlite' (UTC, sorts by time), or
    '<stem>-<kind>-<stamp>-<tag>.sqlite', in `folder`. The default folder is created (0700); a
    chosen one must exist: a drive that is not plugged in must not become an empty folder of
    the same name on the computer's own disk."""
    if now.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    default = backups_folder(diary)
    folder = default if folder is None else Path(folder)
    if folder == default:
        try:
            folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        except OSError as exc:
            raise DiaryFileError(folder, f"cannot create the backups folder "
                                 f"({exc.strerror or exc})") from None
    elif not folder.is_dir():
        raise DiaryFileError(folder, "the backup folder is not there (is the drive plugged in?)")
    label = f"{Path(diary).stem}-{kind}" if kind else Path(diary).stem
    tag = tag_of(identity)
    base = f"{label}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}" + (f"-{tag}" if tag else "")
    candidate = folder / f"{base}{SUFFIX}"
    number = 2
    # A checksum file left by a backup killed before it was linked takes its name too.
    while any(os.path.lexists(name) for name in (candidate, f"{candidate}.sha256")):
        candidate = folder / f"{base}-{number}{SUFFIX}"
        number += 1
    return candidate


def is_backup_name(name: str) -> bool:
    """`name` is one the program gives a backup (a diary's name, a time, a tag)."""
    return _NAME.match(name) is not None


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (by the time in their names). Whether each is a
    diary is read from its 100-byte header only: cheap, and nothing is opened or written."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        found.append((taken, int(match["n"] or 1), BackupInfo(
            path=path, taken=taken, size=path.stat().st_size, is_diary=_looks_like_diary(path),
            stem=match["stem"], kind=match["kind"] or "", tag=match["tag"] or "")))
    found.sort(key=lambda item: (item[0], item[1], item[2].path.name), reverse=True)
    return [info for *_, info in found]


def belongs_to(info: BackupInfo, diary: Path, identity: str | None) -> bool:
    """`info` is a backup of this diary: taken of a file of the same name, and of the same
    diary (by the tag in its name, or for a name without one, the identity inside the file).
    A diary with no identity yet (from before the seal) goes by the name alone. A backup whose
    identity cannot be read is nobody's: never thinned, never offered."""
    if info.stem != Path(diary).stem:
        return False
    if identity is None:
        return not info.tag
    if info.tag:
        return info.tag == tag_of(identity)
    return info.is_diary and identity_in(info.path) == identity


def identity_in(path: Path) -> str | None:
    """The identity sealed in the diary file at `path`, read without writing a byte; None when
    it has none or cannot be read."""
    try:
        with contextlib.closing(reader(path)) as conn:
            return logseal.identity(conn)
    except (sqlite3.Error, UnicodeDecodeError, OSError, DiaryFileError):
        return None


def reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path`: immutable when no write-ahead log is beside it,
    so that SQLite creates no -wal or -shm beside a backup either."""
    regular.check_regular(path, expected="a diary file")  # SQLite would wait on a named pipe
    wal = opening.companions(path)[0]
    regular.check_regular(wal, shown=path, name=f"{wal.name} beside it",
                          expected="a file SQLite made", missing_ok=True)
    mode = "ro" if wal.exists() else "ro&immutable=1"
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode={mode}", uri=True,
                           isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _looks_like_diary(path: Path) -> bool:
    try:
        opening.check_header(path, opening.read_header(path), len(schema.KNOWN))
    except DiaryFileError:
        return False
    return True
