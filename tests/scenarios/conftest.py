"""Behaviour across modules (crash safety, stale logs, round trips, window flows): the window's
and the command line's fixtures are both at hand, with no real dialog and no real window."""

from __future__ import annotations

import pytest

from tests.helpers.cli import run
from tests.helpers.cli import windows
from tests.helpers.window import no_real_dialogs
from tests.helpers.window import session

__all__ = ["no_real_dialogs", "run", "session", "windows"]


@pytest.fixture(autouse=True)
def _no_real_dialogs(no_real_dialogs: None) -> None:
    """A test that forgets to answer a dialog fails loudly instead of hanging on a modal."""


@pytest.fixture(autouse=True)
def _no_window(windows: list[dict[str, object]]) -> None:
    """Starting without a command records the window it would open (see `windows`)."""
