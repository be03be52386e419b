"""The window's tests' set-up: a DiarySession over the test's fresh diary with the test's
settable clock, and no real modal dialog (a test that forgets to answer one fails loudly instead
of hanging). Used by tests/ui/ and tests/scenarios/ (their conftest.py import the fixtures);
questions are answered with `dialog_answers` (tests/helpers/dialogs.py). `private_runtime_dir`
gives a test that starts a whole window a runtime folder of its own (XDG_RUNTIME_DIR, where the
window's single-instance socket goes), short enough for a Unix socket's path; `plain_views`
stands in for the views in the tests of the main window around them."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime

import pytest

from diary.storage import DiaryStore
from tests.helpers.dialogs import SEAM


def plain_views() -> list[tuple[str, object]]:
    """Stand-ins for the views (labels), for the tests of the main window around them."""
    from PySide6.QtWidgets import QLabel

    return [(name, lambda session, n=name: QLabel(n)) for name in ("Today", "History", "Meds")]


@pytest.fixture
def session(qapp: object, store: DiaryStore, clock: list[datetime]) -> Iterator[object]:
    from diary.ui.shell.session import DiarySession

    diary = DiarySession(store, lambda: clock[0])
    yield diary
    diary.undo_stack.clear()


@pytest.fixture
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    from diary.ui.widgets import dialogs

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in SEAM:
        monkeypatch.setattr(dialogs, name, unexpected)


@pytest.fixture
def private_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tempfile.mkdtemp(prefix="md-run-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)
