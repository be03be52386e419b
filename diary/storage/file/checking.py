"""The day's full check of an open diary, in the background, without a write reaching a file
that has not passed it.

The window opens the diary at once and checks it meanwhile: on twenty years the full check
takes most of a second, which the person should not wait for at every first start of the day
(diary.storage.file.verified says when it is due). It runs in a process of its own, waited for
by a thread, on one snapshot of the diary (SQLite's write-ahead log gives a reader a fixed view
while the writer goes on). A process, not a thread: in the window's own process the check's
reading of twenty years (Python comparing values, SQLite's one memory allocator) made a dose
logged meanwhile take twice as long; in a process of its own it takes no longer than alone
(bench/: `log_dose_checking`).

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
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from pathlib import Path

from diary.storage.errors import DamagedDiaryError
from diary.storage.file import logseal
from diary.storage.file import opening
from diary.storage.file import verified

# SQLite's own default, restored once a check passes.
AUTOCHECKPOINT_PAGES = 1000

class BackgroundCheck:
    """One full check of the diary at `path`, started at once in a thread of its own.
    `on_done` is called in that thread when the verdict is in (a window passes it on to its
    own thread); `verdict` is then "ok" or what is wrong, or `not_run` says why the file could
    not be read through (nothing is known then: the check is run again later)."""

    def __init__(self, path: Path, writer: sqlite3.Connection,
                 on_done: Callable[[], None] | None = None) -> None:
        self.path = path
        self.started = datetime.now(UTC)
        self.verdict: str | None = None
        self.not_run: str | None = None
        self._on_done = on_done
        # Before the snapshot is taken: from here on, nothing reaches the file being checked.
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        self._thread = threading.Thread(target=self._run, name="diary-full-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.verdict, self.not_run = run_check(self.path)
        except Exception as exc:  # an answer must come, whatever went wrong
            self.not_run = f"{type(exc).__name__}: {exc}"
        if self.verdict is None and self.not_run is None:
            self.not_run = "the check gave no answer"
        if self._on_done is not None:
            # The one who asked may be gone (a window closed meanwhile): `done` still says it.
            with contextlib.suppress(RuntimeError):
                self._on_done()

    @property
    def done(self) -> bool:
        return self.verdict is not None or self.not_run is not None

    def wait(self) -> str | None:
        """The verdict, once in; None when the check could not run (`not_run` says why)."""
        self._thread.join()
        return self.verdict


CHECK_TIMEOUT_S = 600  # far beyond twenty years' few seconds: only a hung check reaches it


def run_check(path: Path) -> tuple[str | None, str | None]:
    """The full check of `path` in a process of its own: (verdict, None) with "ok" or what is
    wrong, or (None, why) when it could not read the file through."""
    import subprocess  # here: the window's start does not pay for it (bench/, ~6 ms)

    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path)], capture_output=True,
                              text=True, timeout=CHECK_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"the check could not start ({exc})"
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
        return answer.get("verdict"), answer.get("not_run")
    except (IndexError, ValueError, AttributeError):
        last = (done.stderr.strip().splitlines() or ["no answer"])[-1]
        return None, f"the check ended without a verdict ({last})"


def _main(argv: list[str]) -> int:
    """The check's own process: the verdict on its last line, as JSON; behind the person's own
    work (a lower priority)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    try:
        answer = {"verdict": opening.full_check(Path(argv[0])).text()}
    except opening.CheckNotRun as exc:
        answer = {"not_run": str(exc)}
    print(json.dumps(answer))
    return 0


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


class Vouching:
    """What an open store may vouch for about its file, and the full check that decides it.

    A store opened in a state a full check vouched for (`verified`) records the state each of
    its commits leaves, so that a command run meanwhile need not check again; one opened with
    the check left for later (`due`) runs it in the background. Before each write and at close
    the file is compared with the state its own writes left: another program's write found
    there ends all vouching (the record is forgotten, the next open checks in full). `refuse`
    is called with the error every later write must raise once the check finds damage."""

    def __init__(self, path: Path, writer: sqlite3.Connection,
                 refuse: Callable[[Exception], None]) -> None:
        self.path = path
        self._writer = writer
        self._refuse = refuse
        self.verified = False
        self._due = False
        self.check: BackgroundCheck | None = None
        self.damaged = False
        # The state of the file and its log as the store's own writes left them.
        self._own_state: verified.State | None = None
        self._others = False  # another program was seen writing: nothing more is vouched for
        self._others_seen: datetime | None = None
        self._checked: datetime | None = None  # when the full check vouching for it ran

    def opened(self, *, vouched: bool, due: bool) -> None:
        self.verified, self._due = vouched, due
        self._own_state = self._state()
        self._checked = verified.checked_at(self.path) if vouched else None

    def start(self, on_done: Callable[[], None] | None) -> bool:
        """Start the full check when one is due (see DiaryStore.start_full_check)."""
        if self.check is not None or self.damaged:
            return False
        if not self._due and not verified.is_old(verified.checked_at(self.path),
                                                 datetime.now(UTC)):
            return False
        self.check = BackgroundCheck(self.path, self._writer, on_done)
        return True

    def finish(self) -> None:
        """Take a finished check's verdict (see DiaryStore.finish_full_check)."""
        check = self.check
        if check is None or not check.done:
            return
        self.check = None
        if check.verdict is None:  # could not run: still due, nothing folded in meanwhile
            self._due = True
            return
        if check.verdict != "ok":
            verified.forget(self.path)
            damage = DamagedDiaryError(self.path, f"damaged: {check.verdict}")
            self.damaged = True
            self._refuse(damage)
            raise damage
        self._due = False
        resume_folding(self._writer)
        if self._others and self._others_seen is not None and check.started > self._others_seen:
            # the check read the file after the other program's write: it vouches for it again
            self._others, self._others_seen = False, None
            self._own_state = self._state()
        if self.still_own():  # else another program wrote since: not vouched for
            verified.RECORDER.flush()  # no older record may land after this one
            verified.remember(self.path, self._own_state, check.started)
            self.verified, self._checked = True, check.started

    def found_damaged(self, damage: Exception) -> None:
        """Damage found another way (a backup's copy of values nobody wrote): as a failed full
        check, nothing is vouched for any more and every write is refused."""
        verified.forget(self.path)
        self.verified, self.damaged = False, True
        self._refuse(damage)

    def wait(self) -> None:
        """Block until a check under way has its verdict, and take it."""
        if self.check is not None:
            self.check.wait()
            self.finish()

    def _state(self) -> verified.State | None:
        try:
            return verified.state_of(self.path, logseal.seal(self._writer))
        except sqlite3.Error:
            return None

    def still_own(self) -> bool:
        """Whether the file is still as the store's own writes left it (asked before each
        write). When it is not, nothing more is vouched for, and the record of the last check
        is forgotten: the next open checks in full."""
        if not self._others and self._own_state is not None \
                and self._state() == self._own_state:
            return True
        if not self._others:
            verified.RECORDER.flush()
            verified.forget(self.path)
            self._others_seen = datetime.now(UTC)
        self._others = True
        self.verified = False
        self._due = True  # a full check that passes vouches for the file again
        return False

    @property
    def unchecked(self) -> bool:
        """A full check is due that has not passed (left for later, or it could not read the
        file): the log is not to be folded into the file at close."""
        return self._due and not self._others

    def committed(self) -> None:
        """After each commit: the state the store's own write left, recorded (when a full check
        vouched for the state before it) in the background (verified.Recorder)."""
        self._own_state = state = self._state()
        if self.verified and not self._others and state is not None \
                and self._checked is not None:
            verified.RECORDER.record(self.path, state, self._checked)

    def closing(self) -> tuple[str, int] | None:
        """Before the store's connection closes: the seal to record the state it leaves with
        (opening.record_own_writes), or None when nothing is to be recorded."""
        try:
            seal = logseal.seal(self._writer)
        except sqlite3.Error:
            return None
        return seal if self.verified and self.still_own() else None


if __name__ == "__main__":  # run_check: python -m diary.storage.file.checking PATH
    sys.exit(_main(sys.argv[1:]))
