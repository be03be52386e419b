"""Who has a diary open: a shared lock while any store has it, an exclusive one to replace it,
and one writer at a time.

Every open store holds a shared advisory lock (flock) on the diary file; a restore takes it
exclusively, so a diary is never swapped under a window or a command that has it open, even an
idle one that SQLite's own locks would not reveal. A store open for writing also holds the
exclusive lock of `.<diary name>.lock` beside the diary: SQLite would let two writers take turns,
but a window would then show doses another program logged behind its back and check new ones
against a stale day, so a second writer is refused (the window offers read-only instead). The
lock file holds the owner's process id for the message and is never deleted (deleting a lock
file races with its next owner). flock locks are apart from the POSIX locks SQLite uses on the
same file, so the two never interfere. Where flock does not exist (Windows), there are no such
locks and SQLite's own write lock is the only guard.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from diary.storage.errors import DiaryFileError
from diary.storage.file import regular

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def hold_shared(path: Path) -> int | None:
    """A descriptor holding a shared lock on `path` (close it to let go), or None without flock.
    Refused while the diary is being restored."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    fd = regular.open_regular(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DiaryFileError(path, "it is being restored from a backup right now; try again "
                             "in a moment") from None
    return fd


class DiaryInUseError(DiaryFileError):
    """Another program or window has the diary open for writing."""


def writer_lock_path(path: Path) -> Path:
    """Beside the file itself, when `path` is a link to it: two links to one diary are one
    diary, with one writer."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


def hold_writer(path: Path) -> int | None:
    """A descriptor holding the diary's one-writer lock (close it to let go), or None without
    flock. Refused with DiaryInUseError while another store has the diary open for writing."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    lock = writer_lock_path(path)
    try:
        # Never through a link, never a second name of another file: the pid is written into it.
        fd = regular.open_regular(lock, os.O_RDWR | os.O_CREAT, 0o600, follow=False, shown=path,
                                  name=f"its lock file {lock.name}", expected="a lock file")
    except OSError as exc:
        raise DiaryFileError(path, f"cannot open it for writing: its folder refuses the lock "
                             f"file {lock.name} ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        os.close(fd)
        raise DiaryInUseError(path, f"it is open for writing in another Medication Diary "
                              f"window or command{holder}; close it there, or open it "
                              "read-only") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (process {text})" if text.isdigit() else ""


def release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold `path` so that no store can have it open, or refuse naming why."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = regular.open_regular(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DiaryFileError(path, "it is open in another program or window; close it "
                                 "there, then restore") from None
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def no_writer(path: Path) -> Iterator[bool]:
    """Whether no store has the diary open for writing; while it says so, none can start to.

    A write-ahead log that a live writer is filling is that writer's; one left with no writer is
    what a crash (or a file moved by hand) left behind, and may be judged against the main file,
    which then changes under nobody's checkpoint. A diary never opened for writing here, or whose
    lock file cannot be read, has no writer this could wait for."""
    fd = _lock_reader(path)
    if fd is None:
        yield True
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _lock_reader(path: Path) -> int | None:
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        return regular.open_regular(writer_lock_path(path), follow=False)
    except (OSError, DiaryFileError):
        return None
