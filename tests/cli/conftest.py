"""The `run` fixture: the program's main() in-process, with the test's clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from diary.app import main
from tests.cli.support import Result, Run


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: list[datetime]) -> Run:
    def invoke(*argv: str) -> Result:
        code = main(list(argv), clock=lambda: clock[0])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


@pytest.fixture(autouse=True)
def windows(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """No command-line test opens a real window: starting without a command records what the
    window would have been asked to open (tests/ui/test_launch.py tests the window itself)."""
    from diary import app

    opened: list[dict[str, object]] = []

    def open_window(path, *, read_only, clock, prefer_last) -> int:  # type: ignore[no-untyped-def]
        opened.append({"path": path, "read_only": read_only, "exists": path.exists(),
                       "prefer_last": prefer_last})
        return 0

    monkeypatch.setattr(app, "open_window", open_window)
    return opened
