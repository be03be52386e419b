"""The composition root: global options, the default diary on first use, --diary, --read-only,
--demo, --version, usage errors, one clean line per failure, and the real entry point."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
import tempfile
from datetime import datetime
from importlib.metadata import version as installed_version
from pathlib import Path

import pytest

import diary
from diary import app
from diary.app import main
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir() -> Path:
    """The folder conftest points MEDICATION_DIARY_DIR at (it does not exist yet)."""
    return Path(os.environ["MEDICATION_DIARY_DIR"])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- the default diary -------------------------------------------------------------------------
def test_first_start_creates_the_default_diary_privately(run: Run, data_dir: Path,
                                                        windows: list[dict[str, object]]) -> None:
    assert not data_dir.exists()
    result = run()
    diary_file = data_dir / "diary.sqlite"
    assert result.code == 0, result.err
    assert windows == [{"path": diary_file, "read_only": False, "exists": True,
                        "prefer_last": True}]
    assert run("where").out == f"Diary: {diary_file}\n"
    assert mode(data_dir) == 0o700
    assert mode(diary_file) == 0o600
    store = open_diary(diary_file, read_only=True)
    assert [s.name for s in store.symptoms.all()] == [
        "Spasticity",
        "Drowsiness",
        "Nausea",
        "Headache",
    ]
    store.close()


def test_later_starts_open_the_same_diary_without_recreating_it(run: Run, data_dir: Path) -> None:
    assert run().code == 0
    assert run("log", "event", "other", "first entry").code == 0
    before = digest(data_dir / "diary.sqlite")
    result = run()
    assert result.code == 0
    assert run("where").out == f"Diary: {data_dir / 'diary.sqlite'}\n"
    assert digest(data_dir / "diary.sqlite") == before
    assert "first entry" in run("history").out


def test_a_sub_command_creates_the_default_diary_on_first_use(run: Run, data_dir: Path) -> None:
    result = run("check")
    assert result.code == 0, result.err
    assert (data_dir / "diary.sqlite").exists()


def test_read_only_never_creates_the_default_diary(run: Run, data_dir: Path) -> None:
    result = run("--read-only")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "there is no diary yet; start once without --read-only" in result.err
    assert not (data_dir / "diary.sqlite").exists()


def test_a_default_diary_that_is_not_a_diary_is_refused_untouched(run: Run, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "diary.sqlite").write_bytes(b"\x00garbage" * 100)
    before = digest(data_dir / "diary.sqlite")
    result = run("today")
    assert result.code == 1
    assert "not a diary" in result.err and result.err.count("\n") == 1
    assert digest(data_dir / "diary.sqlite") == before


# --- --diary PATH --------------------------------------------------------------------------------
def test_diary_option_opens_that_file(
    run: Run, tmp_path: Path, clock: list[datetime], windows: list[dict[str, object]]
) -> None:
    path = tmp_path / "mum.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    result = run("--diary", str(path))
    assert result.code == 0
    assert windows == [{"path": path, "read_only": False, "exists": True, "prefer_last": False}]
    assert run("--diary", str(path), "where").out == f"Diary: {path}\n"


@pytest.mark.parametrize("command", [[], ["today"], ["log", "event", "other", "x"], ["check"]])
def test_a_missing_diary_is_never_created(
    run: Run, tmp_path: Path, data_dir: Path, command: list[str]
) -> None:
    path = tmp_path / "typo.diary"
    result = run("--diary", str(path), *command)
    assert result.code == 1
    assert result.err == f"medication-diary: error: {path}: no such file\n"
    assert not path.exists()
    assert not data_dir.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a diary: this is not an SQLite database file"),
        (b"%PDF-1.7\n" * 50, "not a diary: this is not an SQLite database file"),
    ],
)
def test_a_file_that_is_not_a_diary_is_refused(
    run: Run, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = run("--diary", str(path), "history")
    assert result.code == 1
    assert result.err == f"medication-diary: error: {path}: {message}\n"
    assert path.read_bytes() == content


def test_a_folder_is_not_a_diary(run: Run, tmp_path: Path) -> None:
    result = run("--diary", str(tmp_path), "today")
    assert result.code == 1
    assert result.err == f"medication-diary: error: {tmp_path}: is a folder, not a diary file\n"


# --- --demo --------------------------------------------------------------------------------------
def test_demo_opens_a_fresh_private_temporary_copy(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen: list[tuple[Path, int, int, int]] = []

    def open_window(path: Path, *, read_only: bool, clock: object, prefer_last: bool) -> int:
        store = open_diary(path, read_only=True)
        seen.append((path, mode(path), mode(path.parent), store.counts()["intakes"]))
        store.close()
        return 0

    monkeypatch.setattr(app, "open_window", open_window)
    assert run("--demo").code == 0
    assert run("--demo").code == 0
    (first, file_mode, folder_mode, intakes), (second, *_) = seen
    assert first != second and first.parent.parent == tmp_path
    assert (file_mode, folder_mode) == (0o600, 0o700)
    assert intakes > 300
    assert not first.parent.exists()  # a temporary copy: gone when the window closes
    assert not data_dir.exists()  # the person's own diary is not touched


def test_demo_with_a_sub_command_runs_it_on_the_demo(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run("--demo", "--read-only", "today")
    assert result.code == 0, result.err
    assert "Baclofen: " in result.out and "/ 80 mg taken today" in result.out
    demos = [p for p in tmp_path.iterdir() if p.name.startswith("medication-diary-demo-")]
    assert demos == [], "a demo used by a command is thrown away afterwards"


def test_demo_and_diary_together_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("--demo", "--diary", str(tmp_path / "x.diary"))
    assert result.code == 2
    assert "not allowed with argument" in result.err
    assert list(tmp_path.iterdir()) == []


# --- usage, version, errors -------------------------------------------------------------------
def test_version(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"medication-diary {installed_version('medication-diary')}"


def test_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for command in ("demo", "log", "today", "history", "check", "--diary", "--read-only"):
        assert command in result.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["--colour"], "unrecognized arguments: --colour"),
        (["today", "--yaml"], "unrecognized arguments: --yaml"),
        (["--diary"], "argument --diary: expected one argument"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(
    run: Run, data_dir: Path, argv: list[str], message: str
) -> None:
    result = run(*argv)
    assert result.code == 2
    assert message in result.err
    assert result.err.startswith("medication-diary")
    assert result.err.count("\n") == 1, "one line naming the problem"
    assert "--help" in result.err
    assert "Traceback" not in result.err
    assert not data_dir.exists()


def test_main_reads_sys_argv_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["medication-diary", "--version"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("medication-diary ")


def test_the_default_clock_is_local_and_aware() -> None:
    now = app.local_now()
    assert now.tzinfo is not None and now.utcoffset() is not None


def test_no_gui_or_chart_imports_in_the_command_line_modules() -> None:
    """The command line starts without Qt or matplotlib: none of its modules imports them."""
    package = Path(diary.__file__).parent
    modules = [package / "app.py", package / "demo.py", *package.glob("cli/**/*.py")]
    assert len(modules) >= 3
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        imported |= {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"PySide6", "matplotlib"}, module.name


def test_the_real_entry_point_runs(tmp_path: Path) -> None:
    """`python main.py`, as a user runs it: a real process, a real exit status."""
    env = {**os.environ, "MEDICATION_DIARY_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "main.py", "--version"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"medication-diary {installed_version('medication-diary')}"
    assert not (tmp_path / "data").exists()


def test_the_window_is_opened_without_loading_the_commands(tmp_path: Path) -> None:
    """Starting the window reads only the global options: the commands' parsers and modules
    (and the demo builder) stay unloaded, so that the window appears sooner."""
    import subprocess
    import sys
    import textwrap

    from diary.storage.store import create_diary

    create_diary(tmp_path / "mine.diary").close()
    probe = textwrap.dedent("""
        import sys
        import diary.app as app
        opened = []
        app.open_window = lambda path, **kw: opened.append((path.name, kw["read_only"])) or 0
        code = app.main(["--diary", sys.argv[1], "--read-only"])
        print(code, opened, "diary.cli.parser" in sys.modules, "diary.demo" in sys.modules)
        code = app.main(["--diary", sys.argv[1], "where"])
        print(code, "diary.cli.parser" in sys.modules)
    """)
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "mine.diary")],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "0 [('mine.diary', True)] False False"
    assert lines[-1] == "0 True"  # a command loads them
