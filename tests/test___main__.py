"""`python -m diary` (diary/__main__.py): the same program as the medication-diary command, its
exit status the program's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from diary import installed_version


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diary", *argv], capture_output=True,
                          text=True, timeout=120, check=False)


def test_it_runs_the_program() -> None:
    done = run("--version")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"medication-diary {installed_version()}\n"


def test_its_exit_status_is_the_programs(tmp_path: Path) -> None:
    usage = run("--no-such-option")
    assert usage.returncode == 2 and usage.stdout == ""
    assert usage.stderr.count("\n") == 1 and "--no-such-option" in usage.stderr
    missing = tmp_path / "missing.diary"
    refused = run("--diary", str(missing), "check")
    assert refused.returncode == 1
    assert refused.stderr == f"medication-diary: error: {missing}: no such file\n"
    assert not missing.exists()
