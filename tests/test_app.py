"""The composition root (diary/app.py), below the sub-commands: the global options read without
loading the commands, and every failure turned into one line and an exit status; a full disk,
an error of the system and a refused combination of options in words a person can act on. The
commands themselves, the default diary and the real entry point are tests/cli/test_app.py."""

from __future__ import annotations

import argparse
import errno
import sqlite3
from pathlib import Path

import pytest

from diary import app
from diary.storage.errors import DiaryFileError
from diary.storage.file import verified
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW


def full_disk() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # type: ignore[attr-defined]
    return error


def test_the_global_options_alone_are_read_without_the_commands() -> None:
    args = app.parse(["--read-only", "--diary", "mine.diary"])
    assert (args.read_only, args.diary, args.demo) == (True, Path("mine.diary"), False)
    assert getattr(args, "command", None) is None
    with_command = app.parse(["--diary", "mine.diary", "where"])
    assert with_command.command.name == "where"


def test_a_usage_error_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(["--diary", "a.diary", "--demo"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("medication-diary: error: argument --demo: not allowed with argument "
                          "--diary (see 'medication-diary --help')")


def test_an_error_of_the_system_names_the_paths_and_the_problem() -> None:
    denied = OSError(errno.EACCES, "Permission denied", "/srv/shared/diary")
    assert app.os_error_text(denied) == "/srv/shared/diary: permission denied"
    moved = OSError(errno.EXDEV, "Invalid cross-device link", "/a", None, "/b")
    assert app.os_error_text(moved) == "/a -> /b: invalid cross-device link"
    assert app.os_error_text(OSError(errno.ENOSPC, "No space left on device")) == \
        "the disk is full"


def test_a_file_error_caused_by_a_full_disk_says_so_once() -> None:
    error = DiaryFileError(Path("d.diary"), "no copy was kept")
    error.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert app.with_disk_reason(error, "d.diary: no copy was kept") == \
        "d.diary: no copy was kept: the disk is full"
    assert app.with_disk_reason(error, "d.diary: the disk is full, no copy") == \
        "d.diary: the disk is full, no copy"
    plain = DiaryFileError(Path("d.diary"), "damaged")
    assert app.with_disk_reason(plain, "d.diary: damaged") == "d.diary: damaged"


def test_sqlites_full_disk_is_the_diarys_error_in_words(tmp_path: Path) -> None:
    path = tmp_path / "d.diary"
    with pytest.raises(DiaryFileError) as refused, app.disk_refusals(path):
        raise full_disk()
    assert refused.value.path == path
    assert refused.value.reason.startswith("the disk is full (database or disk is full): "
                                           "nothing was written")
    other = sqlite3.OperationalError("no such table: x")
    with pytest.raises(sqlite3.OperationalError) as kept, app.disk_refusals(path):
        raise other
    assert kept.value is other


def test_a_command_writing_its_own_file_refuses_the_options_that_open_a_diary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(["--read-only", "demo", "--out", str(tmp_path / "new.diary")]) == 1
    assert capsys.readouterr().err == (
        "medication-diary: error: 'demo' writes a new file of its own and opens no diary, so "
        "--read-only cannot apply; run it without\n")
    assert not (tmp_path / "new.diary").exists()


def test_a_command_that_writes_is_refused_on_a_diary_open_read_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.diary"
    create_diary(path, clock=lambda: NOW).close()
    before = path.read_bytes()
    status = app.main(["--diary", str(path), "--read-only", "log", "event", "other", "x"],
                      clock=lambda: NOW)
    assert status == 1
    assert capsys.readouterr().err == ("medication-diary: error: 'log event' changes the diary, "
                                       "which is open read-only; run it without --read-only\n")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("raised", "status", "said"), [
    (KeyboardInterrupt(), 130, "medication-diary: interrupted; nothing more was written\n"),
    (OverflowError("date value out of range"), 1,
     "medication-diary: error: a date or number given is too far out of range\n"),
    (ValueError("not a failure the program knows"), None, None),
])
def test_every_failure_ends_in_one_line_and_a_status(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        raised: BaseException, status: int | None, said: str | None) -> None:
    def failing(args: argparse.Namespace, clock: object) -> int:
        raise raised

    monkeypatch.setattr(app, "run", failing)
    if status is None:  # a bug is not dressed up as a refusal: it stays a traceback
        with pytest.raises(ValueError, match="not a failure the program knows"):
            app.main(["where"])
        return
    assert app.main(["where"]) == status
    assert capsys.readouterr().err == said


# --- starting the window where it cannot be shown ---------------------------------------------
@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr("diary.ui.shell.display.loads", lambda name: True)


def test_no_display_is_one_line_and_status_1_before_any_diary_is_made(
        no_display: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(app.tempfile, "tempdir", str(tmp_path))  # where a demo would be built
    monkeypatch.setenv("MEDICATION_DIARY_DIR", str(tmp_path / "data"))
    windows: list[Path] = []
    monkeypatch.setattr(app, "open_window", lambda path, **kw: windows.append(path) or 0)

    assert app.main(["--demo"]) == 1
    assert capsys.readouterr().err == (
        "medication-diary: error: no display to show the window on (DISPLAY and "
        "WAYLAND_DISPLAY are unset); the command line works without one: "
        "medication-diary --help\n")
    assert app.main([]) == 1
    assert windows == [] and list(tmp_path.iterdir()) == []  # no demo, no first diary


def test_a_missing_library_is_named_with_its_package(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr("diary.ui.shell.display.loads", lambda name: "xcb-cursor" not in name)
    monkeypatch.setattr(app, "open_window", lambda *a, **kw: pytest.fail("the window started"))
    create_diary(tmp_path / "mine.diary").close()

    assert app.main(["--diary", str(tmp_path / "mine.diary")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("medication-diary: error: the window needs the system library "
                          "libxcb-cursor.so.0, which is not installed: install libxcb-cursor0 "
                          "(Debian, Ubuntu) or xcb-util-cursor (Fedora)")
    assert err.count("\n") == 1


def test_a_command_needs_no_display(no_display: None, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    create_diary(tmp_path / "mine.diary").close()
    assert app.main(["--diary", str(tmp_path / "mine.diary"), "where"]) == 0
    assert capsys.readouterr().err == ""


def test_only_the_demo_s_temporary_copy_counts_as_a_demo(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(app.tempfile, "tempdir", str(tmp_path))
    args = app.parse(["--demo"])
    demo = app.diary_path(args, lambda: NOW)
    assert app.is_demo_copy(demo)
    create_diary(tmp_path / "mine.diary").close()
    assert not app.is_demo_copy(tmp_path / "mine.diary")
    assert not app.is_demo_copy(tmp_path / "elsewhere" / demo.parent.name / "demo.diary")


# --- a demo leaves no trace ---------------------------------------------------------------------
def recorded() -> str:
    """The record of full checks passed (diary/storage/file/verified.py), as text."""
    record = verified.record_file()
    return record.read_text(encoding="utf-8") if record.exists() else ""


def test_a_demo_command_leaves_no_record_of_its_diary(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(app.tempfile, "tempdir", str(tmp_path))
    assert app.main(["--demo", "where"]) == 0
    assert "demo.diary" in capsys.readouterr().out  # it did open the demo's copy
    assert list(tmp_path.iterdir()) == [] and app.DEMO_PREFIX not in recorded()


def test_a_demo_window_leaves_no_record_of_its_diary_nor_its_backups(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 18: after the demo's window quit, the record still named its deleted diary and
    backups."""
    monkeypatch.setattr(app.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(app, "check_display", lambda: None)
    seen: list[str] = []

    def window(path: Path, **kw: object) -> int:  # what the window records of a demo
        open_diary(path).close()
        backup = path.parent / "backups" / "demo-1.sqlite"
        backup.parent.mkdir()
        backup.write_bytes(path.read_bytes())
        verified.remember_backup(backup, "ab" * 32)
        seen.append(recorded())
        return 0

    monkeypatch.setattr(app, "open_window", window)
    assert app.main(["--demo"]) == 0
    assert app.DEMO_PREFIX in seen[0] and "demo-1.sqlite" in seen[0]
    assert list(tmp_path.iterdir()) == [] and app.DEMO_PREFIX not in recorded()
