"""The window's tests' set-up: a DiarySession over the test's fresh diary with the test's
settable clock, and no real modal dialog (a test that forgets to answer one fails loudly instead
of hanging). Used by tests/ui/ and tests/scenarios/ (their conftest.py import the fixtures);
questions are answered with `dialog_answers` (tests/helpers/dialogs.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from diary.storage import DiaryStore


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

    for name in ("ask_yes_no", "ask_what_happened", "show_error", "show_info",
                 "choose_open_path", "choose_save_path", "choose_folder"):
        monkeypatch.setattr(dialogs, name, unexpected)
