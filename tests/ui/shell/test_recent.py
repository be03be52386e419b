"""File > Open recent: the diaries opened lately, newest first, each reopened as it was last
shown (read-only or for writing) and named after its person."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.storage.store import create_diary
from diary.ui import edits
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.recent import DETAILS_KEY
from diary.ui.shell.recent import KEEP
from diary.ui.shell.recent import KEY
from diary.ui.shell.recent import RecentDiaries
from diary.ui.shell.recent import RecentDiary
from diary.ui.shell.session import DiarySession


def test_open_another_diary_and_the_recent_list(window: MainWindow, tmp_path: Path,
                                                dialog_answers) -> None:
    other = tmp_path / "mother.sqlite"
    create_diary(other).close()
    dialog_answers.choose(other)
    window.open_dialog(read_only=True)
    assert window.session.store.path == other and window.session.read_only
    assert window.banner.isVisibleTo(window)
    assert [a.text() for a in window.recent_menu.actions()] == [str((tmp_path / "test.diary")
                                                                    .resolve())]


def test_open_recent_reopens_read_only_and_names_the_person(window: MainWindow, tmp_path: Path,
                                                            session: DiarySession,
                                                            dialog_answers) -> None:
    mother = tmp_path / "mother.sqlite"
    with create_diary(mother) as store:
        store.update_info(replace(store.info(), name="Mum & Dad"))
    dialog_answers.choose(mother)
    window.open_dialog(read_only=True)  # the caregiver reviews Mum's diary
    mine = (tmp_path / "test.diary").resolve()
    assert window.switch_to(mine, read_only=False)
    [entry] = window.recent_menu.actions()
    assert entry.text() == f"Mum && Dad — {mother.resolve()} (read-only)"
    entry.trigger()
    assert window.session.store.path.resolve() == mother.resolve()
    assert window.session.read_only and window.banner.isVisibleTo(window)
    [back] = window.recent_menu.actions()
    assert back.text() == str(mine)  # no name set: the path alone, opened for writing


def test_a_new_name_in_settings_reaches_the_recent_list(window: MainWindow,
                                                        session: DiarySession) -> None:
    edits.update_info(session, replace(session.store.info(), name="Ann"))
    [entry] = window.recent.entries()
    assert entry.name == "Ann" and not entry.read_only


@pytest.fixture
def recent(tmp_path: Path) -> RecentDiaries:
    return RecentDiaries(QSettings(str(tmp_path / "recent.ini"), QSettings.Format.IniFormat))


def diaries(tmp_path: Path, count: int) -> list[Path]:
    made = []
    for number in range(count):
        path = tmp_path / f"person-{number}.diary"
        path.write_bytes(b"")  # the list only looks at whether the file is there
        made.append(path)
    return made


def test_newest_first_once_each_and_at_most_eight(recent: RecentDiaries, tmp_path: Path) -> None:
    paths = diaries(tmp_path, 10)
    for path in paths:
        recent.add(path)
    assert recent.paths() == [paths[n] for n in (9, 8, 7, 6, 5, 4, 3, 2)]  # KEEP of them
    recent.add(paths[5])  # opened again: to the top, not twice
    assert recent.paths() == [paths[n] for n in (5, 9, 8, 7, 6, 4, 3, 2)]
    assert KEEP == 8


def test_a_diary_no_longer_there_is_left_out(recent: RecentDiaries, tmp_path: Path) -> None:
    kept, gone = diaries(tmp_path, 2)
    recent.add(kept)
    recent.add(gone, read_only=True, name="Bob")
    gone.unlink()
    assert recent.entries() == [RecentDiary(kept.resolve())]
    assert recent.entry(gone) is None


def test_how_it_was_shown_and_whose_it_is_are_remembered(recent: RecentDiaries,
                                                         tmp_path: Path) -> None:
    [path] = diaries(tmp_path, 1)
    recent.add(path, read_only=True, name="Mum & Dad")
    entry = recent.entry(tmp_path / "sub" / ".." / path.name)  # any spelling of the path
    assert entry == RecentDiary(path.resolve(), read_only=True, name="Mum & Dad")
    assert entry.label() == f"Mum && Dad — {path.resolve()} (read-only)"
    recent.set_name(path, "Ann")
    assert recent.entry(path) == RecentDiary(path.resolve(), read_only=True, name="Ann")
    recent.set_name(tmp_path / "never-opened.diary", "Nobody")  # not listed: nothing to name
    assert [e.name for e in recent.entries()] == ["Ann"]


def test_a_settings_file_edited_by_hand_keeps_the_paths(recent: RecentDiaries,
                                                        tmp_path: Path) -> None:
    [path] = diaries(tmp_path, 1)
    recent.add(path, read_only=True, name="Ann")
    settings = QSettings(str(tmp_path / "recent.ini"), QSettings.Format.IniFormat)
    settings.setValue(DETAILS_KEY, "{not json")
    assert RecentDiaries(settings).entries() == [RecentDiary(path.resolve())]
    settings.setValue(DETAILS_KEY, "[1, 2]")
    assert RecentDiaries(settings).entries() == [RecentDiary(path.resolve())]
    settings.setValue(KEY, str(path))  # one path, as the INI format gives a one-item list back
    assert RecentDiaries(settings).paths() == [path]
