"""A diary, a log, a lock or a backup that is not a plain file (a named pipe, a folder, a link
to a device) is refused by name, at once, by every command: before (issue 17) a named pipe in
place of the diary made `check`, `today`, `history`, `where`, `backup` and `log` wait forever.

Each command runs in a process of its own with a time bound, so a hang fails the test instead of
stopping the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from diary.domain.entities import Medication
from diary.domain.entities import Unit
from diary.storage.store import create_diary

BOUND_S = 60  # far beyond what a refusal takes; only a hang reaches it

COMMANDS = [
    ("check",),
    ("today",),
    ("history",),
    ("where",),
    ("backup", "--to", "{tmp}/copy.sqlite"),
    ("log", "dose", "Baclofen", "10mg", "--at", "2026-11-26 08:00"),
]


def run(tmp: Path, diary: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    args = [a.replace("{tmp}", str(tmp)) for a in argv]
    return subprocess.run([sys.executable, "-m", "diary", "--diary", str(diary), *args],
                          capture_output=True, text=True, timeout=BOUND_S, check=False)


def made_diary(tmp: Path, clock: list[datetime]) -> Path:
    path = tmp / "mine.diary"
    with create_diary(path, clock=lambda: clock[0]) as store:
        store.medications.add(Medication(name="Baclofen", unit=Unit.MG, max_daily=80_000))
    return path


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_named_pipe_in_place_of_the_diary_is_refused_by_every_command(
        tmp_path: Path, argv: tuple[str, ...]) -> None:
    pipe = tmp_path / "mine.diary"
    os.mkfifo(pipe)
    done = run(tmp_path, pipe, *argv)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr == (f"medication-diary: error: {pipe}: is a named pipe, not a diary "
                           "file\n")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.diary"]  # nothing made beside it


@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_a_named_pipe_beside_the_diary_is_refused_and_the_diary_untouched(
        tmp_path: Path, clock: list[datetime], companion: str) -> None:
    diary = made_diary(tmp_path, clock)
    before = diary.read_bytes()
    pipe = diary.with_name(diary.name + companion)
    pipe.unlink(missing_ok=True)
    os.mkfifo(pipe)
    done = run(tmp_path, diary, "today")
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr == (f"medication-diary: error: {diary}: {pipe.name} beside it is a named "
                           "pipe, not a file SQLite made\n")
    assert diary.read_bytes() == before


def test_a_link_to_a_device_in_place_of_the_diary_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "mine.diary"
    link.symlink_to("/dev/zero")
    done = run(tmp_path, link, "check")
    assert done.returncode == 1
    assert done.stderr == f"medication-diary: error: {link}: is a device, not a diary file\n"


def test_a_named_pipe_offered_as_a_backup_is_refused_and_the_diary_kept(
        tmp_path: Path, clock: list[datetime]) -> None:
    diary = made_diary(tmp_path, clock)
    before = diary.read_bytes()
    pipe = tmp_path / "mine-2026-11-25T080000.sqlite"
    os.mkfifo(pipe)
    done = run(tmp_path, diary, "restore", str(pipe))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr == (f"medication-diary: error: {pipe}: is a named pipe, not a diary "
                           "file\n")
    assert diary.read_bytes() == before
