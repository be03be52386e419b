"""One writer per diary: a second claim fails and asks the first window to come forward, in this
process and from another process; a crashed owner's leftovers do not lock the diary forever."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from diary.ui.shell import single_instance
from diary.ui.shell.single_instance import InstanceLock
from diary.ui.shell.single_instance import activate_first
from diary.ui.shell.single_instance import claim
from diary.ui.shell.single_instance import instance_key
from diary.ui.shell.single_instance import server_name

REPO = Path(__file__).resolve().parents[3]
CHILD = """
import os, signal, sys
from pathlib import Path
from diary.ui.shell.single_instance import claim
lock = claim(Path(sys.argv[1]), timeout_ms=5000)
print("claimed" if lock is not None else "refused", flush=True)
if sys.argv[2:] == ["crash"]:
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture(autouse=True)
def _private_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Locks and sockets in a folder of this test's own (inherited by child processes), short
    enough for a socket path (about 100 bytes at most), removed afterwards even after a crash."""
    folder = Path(tempfile.mkdtemp(prefix="md-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "Anne's diary.sqlite"
    path.write_bytes(b"")
    return path


@pytest.fixture
def locks() -> Iterator[list[InstanceLock]]:
    """Every lock a test takes is released afterwards, even when the test fails."""
    taken: list[InstanceLock] = []
    yield taken
    for lock in taken:
        lock.release()


def take(path: Path, locks: list[InstanceLock], **kwargs: object) -> InstanceLock | None:
    lock = claim(path, **kwargs)  # type: ignore[arg-type]
    if lock is not None:
        locks.append(lock)
    return lock


def run_child(path: Path, qtbot, *extra: str) -> str:
    """Run CHILD in another Python process; this process's event loop keeps turning meanwhile,
    so an owner here can answer it."""
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(path), *extra], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
    finally:
        if process.poll() is None:
            process.kill()
    out, err = process.communicate()
    assert out.strip() in ("claimed", "refused"), err
    return out.strip()


def test_the_key_is_a_hash_never_the_path(diary_path: Path) -> None:
    key = instance_key(diary_path)
    assert re.fullmatch(r"medication-diary-[0-9a-f]{32}", key)
    assert "Anne" not in server_name(diary_path)
    assert Path(server_name(diary_path)) == Path(os.environ["XDG_RUNTIME_DIR"]) / key
    # The same file by another spelling is the same diary.
    assert instance_key(diary_path.parent / "." / diary_path.name) == key


def test_a_second_claim_fails_and_brings_the_first_forward(diary_path: Path, qtbot,
                                                           locks: list[InstanceLock]) -> None:
    first = take(diary_path, locks)
    assert first is not None and first.held and first.listening
    with qtbot.waitSignal(first.activate_requested, timeout=2000):
        second = take(diary_path, locks)
    assert second is None
    assert first.held  # the failed claim took nothing away
    with qtbot.waitSignal(first.activate_requested, timeout=2000):
        assert activate_first(diary_path) is True


def test_a_symlink_to_the_same_diary_is_the_same_diary(diary_path: Path, tmp_path: Path, qtbot,
                                                       locks: list[InstanceLock]) -> None:
    link = tmp_path / "link.sqlite"
    link.symlink_to(diary_path)
    assert take(diary_path, locks) is not None
    assert take(link, locks, timeout_ms=500) is None


def test_different_diaries_are_claimed_independently(tmp_path: Path,
                                                     locks: list[InstanceLock]) -> None:
    anne, ben = tmp_path / "anne.sqlite", tmp_path / "ben.sqlite"
    assert instance_key(anne) != instance_key(ben)
    assert take(anne, locks) is not None
    assert take(ben, locks) is not None


def test_release_then_claim_again(diary_path: Path, qtbot, locks: list[InstanceLock]) -> None:
    first = take(diary_path, locks)
    assert first is not None
    first.release()
    first.release()  # twice is harmless
    assert not first.held
    assert activate_first(diary_path, timeout_ms=500) is False  # nobody listens any more
    again = take(diary_path, locks)
    assert again is not None and again.listening


def test_a_stale_socket_from_a_crash_is_recovered(diary_path: Path, qtbot,
                                                  locks: list[InstanceLock]) -> None:
    # A socket file nobody listens on, as a crashed instance leaves it behind.
    name = server_name(diary_path)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(name)
    leftover.close()
    assert os.path.exists(name)
    assert activate_first(diary_path, timeout_ms=500) is False
    owner = take(diary_path, locks)
    assert owner is not None and owner.listening
    with qtbot.waitSignal(owner.activate_requested, timeout=2000):
        assert activate_first(diary_path) is True  # the new server answers on that name


def test_an_owner_whose_lock_file_vanished_still_wins(diary_path: Path, qtbot,
                                                      locks: list[InstanceLock]) -> None:
    owner = take(diary_path, locks)
    assert owner is not None
    single_instance.lock_path(diary_path).unlink()  # a temp cleaner removed it
    with qtbot.waitSignal(owner.activate_requested, timeout=2000):
        assert take(diary_path, locks) is None  # it still answers, so it still owns the diary


def test_a_second_process_does_not_get_the_diary(diary_path: Path, qtbot,
                                                 locks: list[InstanceLock]) -> None:
    owner = take(diary_path, locks)
    assert owner is not None
    asked: list[bool] = []
    owner.activate_requested.connect(lambda: asked.append(True))
    assert run_child(diary_path, qtbot) == "refused"
    assert asked == [True]  # and it asked this window to come forward
    owner.release()
    assert run_child(diary_path, qtbot) == "claimed"  # once released, another process may


def test_a_crashed_process_does_not_lock_the_diary_forever(diary_path: Path, qtbot,
                                                           locks: list[InstanceLock]) -> None:
    assert run_child(diary_path, qtbot, "crash") == "claimed"  # then killed: leftovers stay
    assert single_instance.lock_path(diary_path).exists()
    owner = take(diary_path, locks)
    assert owner is not None and owner.listening
