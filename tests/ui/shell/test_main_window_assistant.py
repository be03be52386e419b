"""The set-up assistant from the window: by itself on a new diary (instead of Settings), never on
a diary with medications or read-only, and from Help at any time (issue 18)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.assistant import AssistantWizard
from diary.ui.assistant import is_done
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.window import plain_views


def _wizards(win: MainWindow) -> list[AssistantWizard]:
    return [d for d in win.session_dialogs if isinstance(d, AssistantWizard)]


def _help_action(win: MainWindow, text: str):  # type: ignore[no-untyped-def]
    help_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if a.text() == text)


def test_a_new_diary_opens_the_assistant_and_not_settings(window: MainWindow, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          dialog_answers) -> None:
    monkeypatch.setattr(MainWindow, "edit_settings",
                        lambda self: pytest.fail("Settings opened beside the assistant"))
    dialog_answers.choose(tmp_path / "new.sqlite")
    window.new_diary()
    wizards = _wizards(window)
    assert len(wizards) == 1 and wizards[0].isVisible()
    assert wizards[0].session is window.session


def test_skipping_is_remembered_so_a_new_diary_reopened_shows_settings_instead(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        dialog_answers) -> None:
    dialog_answers.choose(tmp_path / "new.sqlite")
    window.new_diary()
    _wizards(window)[0].skip()
    assert is_done(window.settings, tmp_path / "new.sqlite")
    assert not window.offer_assistant()


def test_opening_an_empty_diary_offers_it_and_one_with_medications_does_not(
        window: MainWindow, tmp_path: Path) -> None:
    empty, used = tmp_path / "empty.sqlite", tmp_path / "used.sqlite"
    create_diary(empty).close()
    with create_diary(used) as store:
        store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert window.switch_to(used, read_only=False)
    assert _wizards(window) == []
    assert window.switch_to(empty, read_only=False)
    assert len(_wizards(window)) == 1


def test_help_opens_the_assistant_at_any_time(window: MainWindow, session: DiarySession) -> None:
    session.store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert not window.offer_assistant()
    _help_action(window, "Set-up &assistant…").trigger()
    assert len(_wizards(window)) == 1


def test_a_read_only_diary_never_opens_it_and_help_says_why(
        qtbot, store: DiaryStore, settings: QSettings, clock: list[datetime],
        dialog_answers) -> None:
    store.close()
    viewer = DiarySession(open_diary(store.path, read_only=True), lambda: clock[0])
    win = MainWindow(viewer, settings=settings, clock=lambda: clock[0], views=plain_views,
                     opener=lambda p, ro: open_diary(p, read_only=ro),
                     creator=lambda p: create_diary(p))
    qtbot.addWidget(win)
    assert not win.offer_assistant()
    _help_action(win, "Set-up &assistant…").trigger()
    assert _wizards(win) == []
    assert dialog_answers.notices and "read-only" in dialog_answers.notice_texts[0]
    viewer.close()
