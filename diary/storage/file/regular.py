"""Opening only plain files: a diary, its lock, its log or a backup that turns out to be a named
pipe, a device, a socket or a folder is refused by name before anything reads or writes it.

A named pipe (FIFO) in place of a diary would make every command wait forever on its first read,
and SQLite would wait with it; a link named like the lock file would have the lock's few bytes
written through it into whatever it points at (another file, the diary itself). So each file is
opened without blocking (O_NONBLOCK: opening a pipe returns at once instead of waiting for a
writer) and looked at through the descriptor itself (fstat), which no rename in between can
change; the lock file is also opened without following a link (O_NOFOLLOW) and refused when it
has another name too (a hard link to some other file).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from diary.storage.errors import DiaryFileError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def kind_of(mode: int) -> str | None:
    """What a file that is not a plain file is, in words; None for a plain file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a link"
    return "not a plain file"


def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o600, *,
                 follow: bool = True, shown: Path | None = None, name: str = "",
                 expected: str = "a diary file") -> int:
    """A descriptor of the plain file at `path`, opened with `flags`; anything else is refused
    with DiaryFileError naming `shown` (default `path`), and `name` the file when it is not
    `shown` itself ("its lock file .d.lock"). With `follow=False` a link is refused too, and so
    is a file with a second name (a hard link)."""
    try:
        fd = os.open(path, flags | _NONBLOCK | (0 if follow else _NOFOLLOW), mode)
    except OSError:
        if not follow and os.path.islink(path):
            raise _refusal(path, shown, name, "a link", expected) from None
        raise
    try:
        found = os.fstat(fd)
        kind = kind_of(found.st_mode)
        if kind is None and not follow and found.st_nlink > 1:
            kind = "a second name of another file (a hard link)"
        if kind is not None:
            raise _refusal(path, shown, name, kind, expected)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path, *, shown: Path | None = None, name: str = "",
                  expected: str = "a diary file", missing_ok: bool = False,
                  follow: bool = True) -> None:
    """Refuse `path` unless it is a plain file (a link to one counts as one, unless
    `follow=False`), without opening it; a missing file is refused too, unless `missing_ok`."""
    try:
        found = path.stat() if follow else path.lstat()
    except FileNotFoundError:
        if missing_ok:
            return
        raise DiaryFileError(shown or path, f"{name} no such file".strip()) from None
    kind = kind_of(found.st_mode)
    if kind is not None:
        raise _refusal(path, shown, name, kind, expected)


@contextlib.contextmanager
def reading(path: Path, *, shown: Path | None = None, name: str = "",
            expected: str = "a diary file") -> Iterator[BinaryIO]:
    """`open(path, "rb")`, for a plain file only."""
    fd = open_regular(path, shown=shown, name=name, expected=expected)
    with os.fdopen(fd, "rb") as handle:
        yield handle


def _refusal(path: Path, shown: Path | None, name: str, kind: str,
             expected: str) -> DiaryFileError:
    subject = f"{name} is" if name else "is"
    advice = "; remove the link, then try again" if kind == "a link" else ""
    return DiaryFileError(shown or path, f"{subject} {kind}, not {expected}{advice}")
