"""One writer per diary: a second store, in this process or another, is refused cleanly; readers
are not; the claim ends with the store, or with its process however it dies."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Unit
from diary.storage.errors import DiaryFileError
from diary.storage.file import uselock
from diary.storage.file.uselock import DiaryInUseError
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from diary.storage.store import open_diary

    store = open_diary(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()  # hold the diary until told to let go
    store.close()
    """
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    path = tmp_path / "one.diary"
    with create_diary(path, clock=lambda: clock[0]) as store:
        store.medications.add(Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000))
    return path


@pytest.fixture
def holder(diary: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the diary open for writing, idle."""
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(diary)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as child:  # closes its pipes
        assert child.stdout is not None and child.stdout.readline() == "open\n"
        yield child
        if child.poll() is None:
            child.kill()


def test_a_second_writer_in_this_process_is_refused(diary: Path, clock: list[datetime]) -> None:
    first = open_diary(diary, clock=lambda: clock[0])
    with pytest.raises(DiaryInUseError, match=f"open for writing in another Medication Diary "
                       rf"window or command \(process {os.getpid()}\)"):
        open_diary(diary, clock=lambda: clock[0])
    first.close()
    open_diary(diary, clock=lambda: clock[0]).close()  # the claim ended with the store


def test_readers_share_the_diary_with_its_writer(diary: Path, clock: list[datetime]) -> None:
    writer = open_diary(diary, clock=lambda: clock[0])
    reader = open_diary(diary, read_only=True)
    writer.intakes.add(Intake(1, clock[0], 5_000))
    assert reader.counts()["intakes"] == 1
    reader.close()
    writer.close()


def test_a_second_process_cannot_write_while_one_holds_the_diary(
        diary: Path, holder: subprocess.Popen[str], clock: list[datetime]) -> None:
    before = digest(diary)
    with pytest.raises(DiaryInUseError, match=rf"\(process {holder.pid}\)"):
        open_diary(diary, clock=lambda: clock[0])
    assert digest(diary) == before
    with open_diary(diary, read_only=True) as reader:  # a caregiver may still look
        assert reader.counts()["medications"] == 1
    assert holder.stdin is not None
    holder.stdin.write("done\n")
    holder.stdin.flush()
    assert holder.wait() == 0
    with open_diary(diary, clock=lambda: clock[0]) as store:  # free again
        store.intakes.add(Intake(1, clock[0], 5_000))


def test_a_killed_writer_does_not_hold_the_diary_forever(
        diary: Path, holder: subprocess.Popen[str], clock: list[datetime]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with open_diary(diary, clock=lambda: clock[0]) as store:  # the kernel let go of the lock
        assert store.integrity() == "ok"


def test_a_new_diary_is_claimed_from_its_creation(tmp_path: Path) -> None:
    store: DiaryStore = create_diary(tmp_path / "new.diary")
    with pytest.raises(DiaryInUseError):
        open_diary(tmp_path / "new.diary")
    store.close()


def test_the_lock_file_is_private_and_names_its_owner(diary: Path) -> None:
    lock = uselock.writer_lock_path(diary)
    assert lock.name == ".one.diary.lock"
    with open_diary(diary):
        assert lock.read_text() == f"{os.getpid()}\n"
    assert oct(lock.stat().st_mode & 0o777) == oct(0o600)


def test_a_folder_that_refuses_the_lock_file_says_so(diary: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse_lock(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    before = digest(diary)
    monkeypatch.setattr(uselock.os, "open", refuse_lock)
    with pytest.raises(uselock.DiaryFileError, match="its folder refuses the lock file "
                       r"\.one\.diary\.lock \(Permission denied\)"):
        open_diary(diary)
    assert digest(diary) == before


# --- a lock file that is not a plain file of its own (issue 17) ---------------------------------
@pytest.mark.parametrize("target", ["notes", "diary"])
def test_a_link_named_like_the_lock_file_is_refused_and_its_target_untouched(
        diary: Path, target: str) -> None:
    """Anyone who can write to the folder could plant it: the pid must never be written through
    it, into another file or into the diary itself."""
    notes = diary.with_name("notes.txt")
    notes.write_text("my notes\n")
    aimed = notes if target == "notes" else diary
    before = digest(aimed)
    lock = uselock.writer_lock_path(diary)
    lock.unlink(missing_ok=True)
    lock.symlink_to(aimed)
    with pytest.raises(DiaryFileError) as refused:
        open_diary(diary)
    assert str(refused.value) == (f"{diary}: its lock file {lock.name} is a link, not a lock "
                                  "file; remove the link, then try again")
    assert digest(aimed) == before and lock.is_symlink()
    open_diary(diary, read_only=True).close()  # reading needs no lock file


def test_a_hard_link_named_like_the_lock_file_is_refused(diary: Path) -> None:
    notes = diary.with_name("notes.txt")
    notes.write_text("my notes\n")
    lock = uselock.writer_lock_path(diary)
    lock.unlink(missing_ok=True)
    os.link(notes, lock)
    with pytest.raises(DiaryFileError, match="is a second name of another file"):
        open_diary(diary)
    assert notes.read_text() == "my notes\n"


def test_a_named_pipe_as_the_lock_file_is_refused_by_name(diary: Path) -> None:
    lock = uselock.writer_lock_path(diary)
    lock.unlink(missing_ok=True)
    os.mkfifo(lock)
    with pytest.raises(DiaryFileError) as refused:
        open_diary(diary)
    assert str(refused.value) == (f"{diary}: its lock file {lock.name} is a named pipe, not a "
                                  "lock file")
