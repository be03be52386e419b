"""UI test fixtures: a DiarySession over the test's fresh diary, with the test's settable clock.

QT_QPA_PLATFORM=offscreen is set by tests/conftest.py before Qt is imported. No test opens a real
modal dialog: replace diary.ui.widgets.dialogs functions with monkeypatch.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from diary.storage.store import DiaryStore
from diary.ui.shell.session import DiarySession


@pytest.fixture
def session(qapp: object, store: DiaryStore, clock: list[datetime]) -> Iterator[DiarySession]:
    diary = DiarySession(store, lambda: clock[0])
    yield diary
    diary.undo_stack.clear()


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that forgets to answer a dialog fails loudly instead of hanging on a modal."""
    from diary.ui.widgets import dialogs

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("ask_yes_no", "ask_what_happened", "show_error", "show_info",
                 "choose_open_path", "choose_save_path", "choose_folder"):
        monkeypatch.setattr(dialogs, name, unexpected)

