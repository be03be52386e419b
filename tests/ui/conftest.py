"""The window's tests: every test gets a session over its fresh diary (`session`) and no real
modal dialog. QT_QPA_PLATFORM=offscreen is set by tests/conftest.py before Qt is imported."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.window import no_real_dialogs
from tests.helpers.window import private_runtime_dir
from tests.helpers.window import session

__all__ = ["no_real_dialogs", "private_runtime_dir", "session"]


@pytest.fixture(autouse=True)
def _no_real_dialogs(no_real_dialogs: None) -> None:
    """A test that forgets to answer a dialog fails loudly instead of hanging on a modal."""


@pytest.fixture(params=[1, 2], ids=["normal-text", "doubled-text"])
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The test runs at the usual text size and again at twice it (the application's font);
    the font is put back afterwards."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(before.pointSizeF() * request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(before)


@pytest.fixture
def scale_text(qapp: QApplication) -> Iterator[Callable[[float], None]]:
    """`scale_text(2)` sets the application's font to twice its usual size (any factor); put
    back afterwards."""
    usual = qapp.font()

    def scale(times: float) -> None:
        font = qapp.font()
        font.setPointSizeF(usual.pointSizeF() * times)
        qapp.setFont(font)

    yield scale
    qapp.setFont(usual)
