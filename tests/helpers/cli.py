"""The command line in-process: the `run` fixture (main() with the test's clock), the result of
one run, file digests, and `windows`, which keeps a command-line test from opening a real window.
Used by tests/cli/ and tests/scenarios/ (their conftest.py import the fixtures)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def one_error_line(self, start: str = "medication-diary: error: ") -> str:
        """The refusal's single stderr line (asserted to be exactly one, and no traceback)."""
        assert self.code == 1, (self.out, self.err)
        assert self.err.count("\n") == 1, self.err
        assert self.err.startswith(start), self.err
        assert self.out == "", self.out
        return self.err.strip()


Run = Callable[..., Result]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: list[datetime]) -> Run:
    from diary.app import main

    def invoke(*argv: str) -> Result:
        code = main(list(argv), clock=lambda: clock[0])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Starting without a command records what the window would have been asked to open
    (tests/ui/shell/test_launch.py tests the window itself)."""
    from diary import app

    opened: list[dict[str, object]] = []

    def open_window(path, *, read_only, clock, prefer_last) -> int:  # type: ignore[no-untyped-def]
        opened.append({"path": path, "read_only": read_only, "exists": path.exists(),
                       "prefer_last": prefer_last})
        return 0

    monkeypatch.setattr(app, "open_window", open_window)
    return opened
