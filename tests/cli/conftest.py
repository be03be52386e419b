"""The command line's tests: `run` calls main() in-process with the test's clock; no test opens
a real window (`windows`, autouse here)."""

from __future__ import annotations

import pytest

from tests.helpers.cli import run
from tests.helpers.cli import windows

__all__ = ["run", "windows"]


@pytest.fixture(autouse=True)
def _no_window(windows: list[dict[str, object]]) -> None:
    """Starting without a command records the window it would open (see `windows`)."""
