"""Opening at a cost that does not grow with the years: the record of full checks passed.

The full check reads every page of the diary and compares every value with what the program
wrote: 0.6 s and 45 MB on twenty years. It is what keeps the promise that a damaged diary is
never written to. It need not run at every open, only when something could have changed the
file since the last one passed:

- after a full check passes, the file's state is recorded: its identity and write count (the
  seal, which every write transaction raises), the size, inode and modification time of the
  file and of the write-ahead log beside it;
- a store that opened a file in a recorded state records the state it leaves after each of its
  commits and at a clean close (every change it made was one of SQLite's transactions), so a
  command run while the window is open finds the file as recorded;
- an open finds the file and its log in the recorded state, and the full check younger than a
  day: it is skipped. Anything else (another program's write, a file copied or restored over
  it, a write cut short by a crash, a day gone by) runs it again.

So the full check runs at least once a day, after every write the program did not finish, and
whenever the file changed outside the program; the other opens cost what a small diary's do.
The record lives in the user's cache folder (0600), keyed by the diary's path; losing it costs
one full check. The window runs the day's check in the background (diary.storage.file.checking).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

from diary.storage.file import logseal

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MAX_AGE = timedelta(days=1)
RECORD_NAME = "verified.json"


@dataclass(frozen=True)
class State:
    identity: str
    writes: int
    size: int
    inode: int
    mtime_ns: int
    log_size: int = 0  # the write-ahead log beside it: 0, 0 when there is none
    log_mtime_ns: int = 0


def state_of(path: Path, seal: tuple[str, int] | None) -> State | None:
    """The file's state now, with its seal (None for a diary without one: never recorded)."""
    if seal is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    log_size = log_mtime_ns = 0  # a log that holds no transaction is as good as none
    real = Path(os.path.realpath(path))  # SQLite keeps its log beside the file linked to
    log_path = real.with_name(real.name + "-wal")
    if logseal.holds_transactions(log_path):
        try:
            log = os.stat(log_path)
        except OSError:
            return None
        log_size, log_mtime_ns = log.st_size, log.st_mtime_ns
    return State(seal[0], seal[1], found.st_size, found.st_ino, found.st_mtime_ns, log_size,
                 log_mtime_ns)


def record_file() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("medication-diary", appauthor=False) / RECORD_NAME


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def _read() -> dict[str, object]:
    try:
        found = json.loads(record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # a record nested past reason is no record
        return {}
    return found if isinstance(found, dict) else {}


@contextlib.contextmanager
def _changing() -> Iterator[None]:
    """Hold the record's lock while it is read, changed and written: the window's records and
    a command's `forget` (found damaged) must not overwrite each other."""
    target = record_file()
    fd = None
    with contextlib.suppress(OSError):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(target.with_name(f".{target.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def still_verified(path: Path, state: State | None, now: datetime) -> bool:
    """The file is in the state recorded after a full check younger than MAX_AGE."""
    if state is None:
        return False
    entry = _read().get(_key(path))
    if not isinstance(entry, dict):
        return False
    try:
        checked = datetime.fromisoformat(str(entry["checked"]))
        recorded = State(str(entry["identity"]), int(str(entry["writes"])),
                         int(str(entry["size"])), int(str(entry["inode"])),
                         int(str(entry["mtime_ns"])), int(str(entry["log_size"])),
                         int(str(entry["log_mtime_ns"])))
    except (KeyError, TypeError, ValueError):
        return False
    return recorded == state and not is_old(checked, now)


def is_old(checked: datetime | None, now: datetime) -> bool:
    """A full check made at `checked` is due again at `now` (a clock set back counts as due)."""
    return checked is None or not timedelta(0) <= now - checked < MAX_AGE


def checked_at(path: Path) -> datetime | None:
    return _checked_in(_read().get(_key(path)))


def remember(path: Path, state: State | None, checked: datetime, *,
             still: datetime | None = None) -> None:
    """Record that the file at `path` is in `state`, last fully checked at `checked`. With
    `still`, only while the record still speaks of the full check made then: a record forgotten
    meanwhile (`check` or a backup found the file damaged) is never put back by a store that
    opened it before. Failing to record costs only a full check at the next open."""
    if state is None:
        return
    with _changing():
        entries = _read()
        if still is not None and _checked_in(entries.get(_key(path))) != still:
            return
        entries[_key(path)] = {**asdict(state), "checked": checked.astimezone(UTC).isoformat()}
        _write(entries)


def _checked_in(entry: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(entry["checked"])) if isinstance(entry, dict) else None
    except (KeyError, ValueError):
        return None


class Recorder:
    """Records, in a thread of its own, the state each commit of a store leaves: a dose logged
    does not wait for the record file to be rewritten (half a millisecond, twice the cost of the
    dose's own transaction). It writes once commits have paused for QUIET seconds (an import's
    many commits make one record), and only the newest state of each diary; `flush` writes at
    once and waits (a store's close records synchronously after it, so no older state lands
    last)."""

    QUIET = 0.2

    def __init__(self) -> None:
        self._waiting: dict[Path, tuple[State | None, datetime]] = {}
        self._lock = threading.Condition()
        self._busy = False
        self._urgent = False
        self._last = 0.0
        self._thread: threading.Thread | None = None

    def record(self, path: Path, state: State | None, checked: datetime) -> None:
        """Record `state`, taken by the caller right after its commit: taken later, it could
        include what another program wrote meanwhile."""
        with self._lock:
            self._waiting[path] = (state, checked)
            self._last = time.monotonic()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="diary-state-record",
                                                 daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def flush(self) -> None:
        with self._lock:
            self._urgent = True
            self._lock.notify_all()
            self._lock.wait_for(lambda: not self._waiting and not self._busy)
            self._urgent = False

    def discard(self, path: Path) -> None:
        """Drop a record of `path` not yet written, and wait for one being written: a file
        found changed or damaged must not get its record back from an older commit."""
        with self._lock:
            self._waiting.pop(path, None)
            self._lock.wait_for(lambda: not self._busy)

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._lock.wait_for(lambda: bool(self._waiting), timeout=5.0):
                    self._thread = None  # idle: a new one starts with the next record
                    return
                while not self._urgent and self._waiting and (
                        quiet := self._last + self.QUIET - time.monotonic()) > 0:
                    self._lock.wait(quiet)
                if not self._waiting:
                    continue
                path, (state, checked) = self._waiting.popitem()
                self._busy = True
            try:  # a record that cannot be written costs a full check, never the thread
                remember(path, state, checked, still=checked)
            except Exception:
                pass
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()


RECORDER = Recorder()


def _write(entries: dict[str, object]) -> None:
    target = record_file()
    with contextlib.suppress(OSError):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entries, out)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)


def forget(path: Path) -> None:
    """Drop the record of `path` (a damaged file found, or one replaced by a restore)."""
    RECORDER.discard(path)
    with _changing():
        entries = _read()
        if entries.pop(_key(path), None) is not None:
            _write(entries)


def forget_folder(folder: Path) -> None:
    """Drop every record of a file in `folder` or below it, diaries and backups alike: the
    folder is being deleted (the demo's temporary copy), and the record must not name what is
    gone. Records not yet written are written first, so that none lands after."""
    RECORDER.flush()
    root = Path(_key(folder))

    def kept(entries: dict[str, object]) -> dict[str, object]:
        return {name: value for name, value in entries.items()
                if name == _BACKUPS or not Path(name).is_relative_to(root)}

    with _changing():
        entries = _read()
        left = kept(entries)
        made = entries.get(_BACKUPS)
        if isinstance(made, dict) and (others := kept(made)):
            left[_BACKUPS] = others
        elif isinstance(made, dict):
            del left[_BACKUPS]
        if left != entries:
            _write(left)


# --- backups the program made ------------------------------------------------------------------
# A checksum file proves that a backup's bytes did not change, not that they were ever a backup:
# anyone can write `sha256sum` of junk beside it. So the digest of each backup the program made is
# recorded here too; a backup not recorded (made before, or on another computer) is proven once by
# the same full check a restore runs, and recorded then.
_BACKUPS = "backups"


def backup_known(path: Path, digest: str) -> bool:
    """The program made (or fully checked) the backup at `path` with these very bytes."""
    made = _read().get(_BACKUPS)
    return isinstance(made, dict) and made.get(_key(path)) == digest


def remember_backup(path: Path, digest: str) -> None:
    entries = _read()
    made = entries.get(_BACKUPS)
    made = dict(made) if isinstance(made, dict) else {}
    made = {name: value for name, value in made.items() if os.path.lexists(name)}  # no stale
    made[_key(path)] = digest
    entries[_BACKUPS] = made
    _write(entries)
