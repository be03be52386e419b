"""The window's tests: every test gets a session over its fresh diary (`session`) and no real
modal dialog. QT_QPA_PLATFORM=offscreen is set by tests/conftest.py before Qt is imported."""

from __future__ import annotations

import pytest

from tests.helpers.window import no_real_dialogs
from tests.helpers.window import private_runtime_dir
from tests.helpers.window import session

__all__ = ["no_real_dialogs", "private_runtime_dir", "session"]


@pytest.fixture(autouse=True)
def _no_real_dialogs(no_real_dialogs: None) -> None:
    """A test that forgets to answer a dialog fails loudly instead of hanging on a modal."""
