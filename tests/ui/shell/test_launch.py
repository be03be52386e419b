"""Starting the window on a diary: one writer per diary, read-only offered to a second, reminders
attached, everything released on close; a file that is not a diary is refused with a message."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.shell import single_instance
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("private_runtime_dir")


@pytest.fixture
def diary_file(store: DiaryStore) -> Path:
    store.close()
    return store.path


def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def start(qtbot, path: Path, clock: list[datetime], tmp_path: Path,
          read_only: bool = False) -> tuple[MainWindow | None, WindowRuntime]:
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    window = build_window(runtime, path, read_only=read_only, settings=settings(tmp_path))
    if window is not None:
        qtbot.addWidget(window)
    return window, runtime


def test_the_first_window_holds_the_diary_for_writing(qtbot, diary_file: Path,
                                                      clock: list[datetime],
                                                      tmp_path: Path) -> None:
    window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is not None and not window.session.read_only
    assert runtime.scheduler is not None and runtime.scheduler.is_enabled()
    assert runtime.banner is not None
    assert single_instance.claim(diary_file, activate=False) is None  # held
    window.close()
    again = single_instance.claim(diary_file, activate=False)
    assert again is not None  # released on close
    again.release()


def test_a_second_window_is_offered_read_only(qtbot, diary_file: Path, clock: list[datetime],
                                              tmp_path: Path, dialog_answers) -> None:
    first, _ = start(qtbot, diary_file, clock, tmp_path)
    asked = dialog_answers.always(True).texts
    before = diary_file.read_bytes()
    second, _ = start(qtbot, diary_file, clock, tmp_path / "b")
    assert asked and "read-only" in asked[0]
    assert second is not None and second.session.read_only
    second.close()
    assert first is not None and not first.session.read_only
    first.close()
    assert diary_file.read_bytes() == before


def test_declining_read_only_opens_nothing(qtbot, diary_file: Path, clock: list[datetime],
                                           tmp_path: Path, dialog_answers) -> None:
    first, _ = start(qtbot, diary_file, clock, tmp_path)
    errors = dialog_answers.always(False).errors
    second, _ = start(qtbot, diary_file, clock, tmp_path / "b")
    assert second is None
    assert "already open for writing" in errors[0][1]
    assert first is not None
    first.close()


def test_a_diary_a_command_is_writing_is_offered_read_only(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    """Not another window (no claim to bring forward): a command, or a window of another
    session, holds the one-writer lock."""
    asked = dialog_answers.always(True).texts
    with open_diary(diary_file):
        before = diary_file.read_bytes()
        window, runtime = start(qtbot, diary_file, clock, tmp_path)
        assert window is not None and window.session.read_only
        assert "open for writing in another Medication Diary window or command" in asked[0]
        assert runtime.locks == {}  # the window's claim was given back with the writing
        window.close()
        assert diary_file.read_bytes() == before


def test_declining_read_only_of_a_diary_in_use_opens_nothing(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    errors = dialog_answers.always(False).error_texts
    with open_diary(diary_file):
        window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is None and runtime.locks == {}
    assert "close it there, or open it read-only" in errors[0]


def test_reopening_the_diary_shown_changes_nothing(qtbot, diary_file: Path,
                                                   clock: list[datetime], tmp_path: Path) -> None:
    window, _ = start(qtbot, diary_file, clock, tmp_path)
    assert window is not None
    session = window.session
    assert window.switch_to(diary_file, read_only=False)
    assert window.session is session  # not reopened: it would meet its own lock
    assert window.switch_to(diary_file, read_only=True)
    assert window.session.read_only
    window.close()


def test_not_a_diary_is_refused_with_a_message(qtbot, tmp_path: Path, clock: list[datetime],
                                               dialog_answers) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 4096)
    errors = dialog_answers.error_texts
    window, runtime = start(qtbot, junk, clock, tmp_path)
    assert window is None and "not an SQLite database" in errors[0]
    assert runtime.locks == {}  # the claim on a refused file is given back
    assert junk.read_bytes() == b"x" * 4096


def test_switching_diaries_moves_the_claim(qtbot, diary_file: Path, clock: list[datetime],
                                           tmp_path: Path) -> None:
    from diary.storage.store import create_diary

    other = tmp_path / "other.sqlite"
    create_diary(other).close()
    window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is not None and window.switch_to(other, read_only=False)
    assert set(runtime.locks) == {other.resolve()}
    free = single_instance.claim(diary_file, activate=False)
    assert free is not None
    free.release()
    window.close()


def test_the_icon_ships_with_the_package(qapp) -> None:
    assert not application_icon().isNull()


def test_the_window_reopens_the_last_diary_unless_one_is_named(tmp_path: Path) -> None:
    from diary.ui.shell.launch import start_path

    store = settings(tmp_path)
    default, last = tmp_path / "mine.sqlite", tmp_path / "mum.sqlite"
    assert start_path(store, default, prefer_last=True) == default  # nothing remembered yet
    store.setValue("diary/last", str(last))
    assert start_path(store, default, prefer_last=True) == default  # remembered, but gone
    last.write_bytes(b"")
    assert start_path(store, default, prefer_last=True) == last
    assert start_path(store, default, prefer_last=False) == default  # --diary was given


def test_the_last_diary_reviewed_read_only_reopens_read_only(tmp_path: Path,
                                                            store: DiaryStore) -> None:
    from diary.ui.shell.launch import remembered_read_only
    from diary.ui.shell.recent import RecentDiaries

    store.close()
    remembered = settings(tmp_path)
    assert not remembered_read_only(remembered, store.path)
    RecentDiaries(remembered).add(store.path, read_only=True, name="Mum")
    assert remembered_read_only(remembered, store.path)
    RecentDiaries(remembered).add(store.path, read_only=False, name="Mum")
    assert not remembered_read_only(remembered, store.path)


def damaged_with_a_backup(diary_file: Path, when: datetime) -> Path:
    from diary.domain.entities import Event
    from diary.domain.entities import EventKind
    from diary.storage import backups

    with open_diary(diary_file) as store:
        store.events.add(Event(when - timedelta(hours=1), EventKind.FALL, "in the kitchen"))
        saved = store.backup_to(backups.new_backup_path(diary_file, when)).path
    diary_file.write_bytes(bytes(diary_file.stat().st_size))  # zeroed by a crash
    return saved


def test_a_damaged_diary_is_offered_its_newest_good_backup(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    damaged_with_a_backup(diary_file, clock[0] - timedelta(days=1))
    asked = dialog_answers.always(True).texts
    window, _ = start(qtbot, diary_file, clock, tmp_path)
    assert "cannot be opened: not a diary: this is not an SQLite database file" in asked[0]
    assert "taken yesterday 21:00 and holds 0 doses, 0 ratings and 1 events" in asked[0]
    assert window is not None and not window.session.read_only
    assert window.session.store.counts()["events"] == 1
    kept = list((diary_file.parent / "backups").glob("*-damaged-*.sqlite"))
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(kept[0].stat().st_size)
    window.close()


def test_declining_the_backup_leaves_the_damaged_diary_alone(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    damaged_with_a_backup(diary_file, clock[0] - timedelta(days=1))
    before = diary_file.read_bytes()
    errors = dialog_answers.always(False).error_texts
    window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is None and runtime.locks == {}
    assert "not an SQLite database" in errors[0]
    assert diary_file.read_bytes() == before


def with_an_unreadable_dose(diary_file: Path, when: datetime) -> Path:
    """A good backup, then a dose whose slot day a flipped bit made '2026-12- 7': SQLite's
    checks let it through (issue 17); the window meets it on its first read."""
    import contextlib
    import sqlite3

    from diary.domain.entities import Intake
    from diary.domain.entities import Medication
    from diary.domain.entities import Slot
    from diary.domain.entities import Unit
    from diary.storage import backups

    with open_diary(diary_file) as store:
        med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
        store.intakes.add(Intake(med.id or 0, when - timedelta(hours=2), 5000,
                                 slot=Slot(when.date(), when.time().replace(minute=0))))
        saved = store.backup_to(backups.new_backup_path(diary_file, when)).path
    with contextlib.closing(sqlite3.connect(diary_file)) as conn:
        conn.execute("UPDATE intakes SET slot_day = '2026-12- 7'")
        conn.commit()
    return saved


def test_a_value_that_cannot_be_read_is_offered_a_backup_not_a_crash(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    with_an_unreadable_dose(diary_file, clock[0] - timedelta(days=1))
    asked = dialog_answers.always(True).texts
    window, _ = start(qtbot, diary_file, clock, tmp_path)
    assert len(asked) == 1 and "intakes row 1 holds a value that cannot be read" in asked[0]
    assert window is not None
    when = clock[0] - timedelta(days=1)
    [dose] = window.session.store.intakes.between(date.min, date.max)
    assert dose.slot is not None and dose.slot.day == when.date()  # the backup's, readable
    window.close()


def test_declining_leaves_the_diary_and_says_why(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    with_an_unreadable_dose(diary_file, clock[0] - timedelta(days=1))
    before = diary_file.read_bytes()
    errors = dialog_answers.always(False).error_texts
    window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is None and runtime.locks == {}
    assert len(errors) == 1 and errors[0].startswith(
        "the diary is damaged: intakes row 1 holds a value that cannot be read")
    assert diary_file.read_bytes() == before


def test_read_only_never_restores(qtbot, diary_file: Path, clock: list[datetime],
                                  tmp_path: Path, dialog_answers) -> None:
    damaged_with_a_backup(diary_file, clock[0] - timedelta(days=1))
    before = diary_file.read_bytes()
    errors = dialog_answers.error_texts
    window, _ = start(qtbot, diary_file, clock, tmp_path, read_only=True)  # no question asked
    assert window is None and "not an SQLite database" in errors[0]
    assert diary_file.read_bytes() == before


def test_a_write_protected_diary_is_offered_read_only(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, dialog_answers) -> None:
    import os

    import diary.storage.store as store_module

    real_access = os.access
    monkeypatch.setattr(store_module.os, "access", lambda p, mode: False if Path(p) ==
                        diary_file and mode == os.W_OK else real_access(p, mode))
    asked = dialog_answers.always(True).texts
    before = diary_file.read_bytes()
    window, runtime = start(qtbot, diary_file, clock, tmp_path)
    assert window is not None and window.session.read_only
    assert "is write-protected" in asked[0] and "Open it read-only" in asked[0]
    assert runtime.locks == {}
    window.close()
    assert diary_file.read_bytes() == before


def another_persons_backup_beside(diary_file: Path, when: datetime) -> Path:
    """A backup of another diary of the same name (a caregiver's two diaries, one drive)."""
    from diary.domain.entities import Event
    from diary.domain.entities import EventKind
    from diary.storage import autobackup
    from diary.storage import backups
    from diary.storage.store import create_diary

    other = diary_file.parent / "other" / diary_file.name
    other.parent.mkdir()
    with create_diary(other) as store:
        for _ in range(3):
            store.events.add(Event(when - timedelta(hours=2), EventKind.OTHER, "theirs"))
        path = backups.new_backup_path(diary_file, when, identity=autobackup.identity(store))
        return store.backup_to(path).path


def test_a_damaged_diary_is_offered_its_own_backup_not_another_persons(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    from diary.storage import backups
    from diary.ui.backups.settings import remember_identity

    # What a window noted when it last showed this diary on this computer.
    remember_identity(settings(tmp_path), diary_file, backups.identity_in(diary_file))
    mine = damaged_with_a_backup(diary_file, clock[0] - timedelta(days=2))
    others = another_persons_backup_beside(diary_file, clock[0] - timedelta(days=1))  # newer
    asked = dialog_answers.always(True).texts
    window, _ = start(qtbot, diary_file, clock, tmp_path)
    assert len(asked) == 1 and "holds 0 doses, 0 ratings and 1 events" in asked[0]
    assert window is not None and window.session.store.counts()["events"] == 1
    assert others.exists() and mine.exists()
    window.close()


def test_a_damaged_diary_of_unknown_identity_is_offered_no_backup_that_may_be_another_persons(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path,
        dialog_answers) -> None:
    damaged_with_a_backup(diary_file, clock[0] - timedelta(days=2))
    another_persons_backup_beside(diary_file, clock[0] - timedelta(days=1))
    before = diary_file.read_bytes()
    answers = dialog_answers.always(True)
    asked, errors = answers.texts, answers.error_texts
    window, _ = start(qtbot, diary_file, clock, tmp_path)  # never opened on this computer
    assert window is None and asked == []
    assert "not an SQLite database" in errors[0]
    assert diary_file.read_bytes() == before


def test_a_diary_found_damaged_while_shown_is_told_once_never_a_traceback(
        dialog_answers) -> None:
    """A value that cannot be read, met by the History view fetching an older page (a Qt
    override, whose exception reaches sys.excepthook): told in a message box (issue 17)."""
    from diary.storage.errors import DamagedRowError
    from diary.ui.shell.launch import damage_reporter

    passed_on: list[type[BaseException]] = []
    hook = damage_reporter(lambda: None, lambda kind, exc, trace: passed_on.append(kind))
    damage = DamagedRowError("intakes", 4, "Invalid isoformat string: '2026-08- 7'")
    hook(DamagedRowError, damage, None)
    hook(DamagedRowError, damage, None)  # the next page asks again: said once
    hook(ValueError, ValueError("a bug"), None)
    assert dialog_answers.errors == [("The diary cannot be read", f"{damage}\n\nNothing was "
                                      "changed. File > Backups can restore a backup in its "
                                      "place.")]
    assert passed_on == [ValueError]


def test_a_demo_window_names_its_diary_nowhere_in_the_settings(
        qtbot, diary_file: Path, clock: list[datetime], tmp_path: Path) -> None:
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    remembered = settings(tmp_path)
    window = build_window(runtime, diary_file, read_only=False, settings=remembered, demo=True)
    assert window is not None
    qtbot.addWidget(window)
    window.close()
    assert remembered.value("diary/last") is None and remembered.value("diary/recent") is None
    assert [key for key in remembered.allKeys() if key.startswith("window/")] == []
