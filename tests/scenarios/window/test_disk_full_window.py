"""What a person sees in the window when the disk is full or the backup folder is read-only: a
message saying so, the diary holding every row it held, the form keeping what was typed, and
the status bar saying the backup failed and why.

Simulated as in tests/scenarios/files/test_disk_full_cli.py (its module docstring says how
each failure answers on a real full or read-only disk): the session's own connection gets
`PRAGMA max_page_count` once the diary is filled with rows of the very kind the form saves; the
backup folder refuses at os.open, in the backup API or in the checksum's write.
"""

from __future__ import annotations

import errno
import re
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import autobackup
from diary.storage import backups
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.ui import edits
from diary.ui.backups import manager as backup_manager
from diary.ui.backups.manager import BackupManager
from diary.ui.backups.status import BackupStatus
from diary.ui.shell.launch import WindowRuntime
from diary.ui.shell.launch import application_icon
from diary.ui.shell.launch import build_window
from diary.ui.shell.session import DiarySession
from tests.helpers import store_sql
from tests.helpers.clock import NOW
from tests.helpers.qt import click
from tests.scenarios.files.test_disk_full_cli import FOLDER_FAILURES
from tests.scenarios.files.test_disk_full_cli import as_a_writer_left_it
from tests.scenarios.files.test_disk_full_cli import fill_to_the_brim
from tests.scenarios.files.test_disk_full_cli import no_room_for_the_shm
from tests.scenarios.files.test_disk_full_cli import refuse_creating_in
from tests.ui.today.support import DAY
from tests.ui.today.support import at
from tests.ui.today.support import make_view

SQLITE_MAX_PAGES = 1_073_741_823  # SQLite's default max_page_count: the disk has room again
FULL = ("The diary file could not be written: the disk is full (database or disk is full). "
        "Nothing was changed, and everything already in the diary is kept; free some space on "
        "the disk, then try again.")


def earlier(n: int) -> datetime:
    """The n-th filler's time: five minutes apart, all of them days before the tests' now."""
    return NOW - timedelta(days=40) + timedelta(minutes=5 * n)


def snapshot(store: DiaryStore) -> dict[str, list[tuple[object, ...]]]:
    assert store.integrity() == "ok"
    return {table: [tuple(r) for r in store_sql.connection(store).execute(
                f"SELECT * FROM [{table}] ORDER BY rowid")]
            for table in ("intakes", "ratings", "events", "changes")}


def room_again(store: DiaryStore) -> None:
    store_sql.connection(store).execute(f"PRAGMA max_page_count = {SQLITE_MAX_PAGES}")


# --- (b) saving from the Today view -------------------------------------------------------------
def test_a_dose_on_a_full_disk_is_refused_in_words_and_the_form_keeps_it(
        qtbot, session: DiarySession, dialog_answers) -> None:
    errors = dialog_answers.error_texts
    store = session.store
    med = edits.add_medication(session, Medication(name="Ibuprofen", unit=Unit.MG))
    assert med.id is not None
    med_id = med.id
    fill_to_the_brim(store, lambda n: store.intakes.add(Intake(med_id, earlier(n), 400_000)))
    view = make_view(qtbot, session)
    view.dose.medication.setCurrentIndex(view.dose.medication.findData(med_id))
    view.dose.amount.clear()
    qtbot.keyClicks(view.dose.amount, "400")
    qtbot.keyClicks(view.dose.at, "20:45")
    before, steps = snapshot(store), session.undo_stack.count()
    click(qtbot, view.dose.log_button)
    assert errors == [FULL]
    assert view.notice.text() == f"Not recorded: {FULL}"
    assert snapshot(store) == before  # not a row more, not a row less, and intact
    assert session.undo_stack.count() == steps  # nothing to undo: nothing was done
    assert (view.dose.amount.text(), view.dose.at.text()) == ("400", "20:45")  # kept as typed
    # With room again the same click records the dose as typed.
    room_again(store)
    click(qtbot, view.dose.log_button)
    assert errors == [FULL]
    [saved] = store.intakes.between(DAY, DAY, med_id)
    assert (saved.at, saved.amount) == (at(20, 45), 400_000)
    assert snapshot(store)["intakes"][:-1] == before["intakes"]


def test_ratings_on_a_full_disk_are_refused_in_words_and_the_form_keeps_them(
        qtbot, session: DiarySession, dialog_answers) -> None:
    errors = dialog_answers.error_texts
    store = session.store
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    symptom_id = spasticity.id
    fill_to_the_brim(store, lambda n: store.ratings.add_all(
        [Rating(symptom_id, earlier(n), 4, "after physio")]))
    view = make_view(qtbot, session)
    scale = view.ratings.scales[symptom_id]
    click(qtbot, scale.buttons[4])
    qtbot.keyClicks(view.ratings.note, "after physio")
    before, steps = snapshot(store), session.undo_stack.count()
    click(qtbot, view.ratings.save_button)
    assert errors == [FULL]
    assert view.notice.text() == f"Ratings not saved: {FULL}"
    assert snapshot(store) == before
    assert session.undo_stack.count() == steps
    assert (scale.value(), view.ratings.note.text()) == (4, "after physio")
    assert view.ratings.unsaved_changes() == [  # closing the window would still warn
        "Symptom ratings set and not saved (Spasticity 4/10)",
        "A note for the ratings, not saved (“after physio”)"]
    room_again(store)
    click(qtbot, view.ratings.save_button)
    assert [(r.score, r.note) for r in store.ratings.between(DAY, DAY)] == [(4, "after physio")]


def test_an_undo_on_a_full_disk_says_so_and_leaves_the_entry(
        session: DiarySession, monkeypatch: pytest.MonkeyPatch) -> None:
    store = session.store
    kept = edits.add_event(session, Event(NOW - timedelta(hours=1), EventKind.OTHER, "walked"))
    assert kept.id is not None
    # Fill with exactly what the undo writes: the deletion of an event like it, and its audit
    # row, one filler event at a time (they are added beforehand, before the file may not grow).
    with store.write():
        fillers = [store.events.add(Event(earlier(n), EventKind.OTHER, "walked")).id
                   for n in range(3000)]

    def delete_one(n: int) -> None:
        with store.write():
            store.events.delete(fillers[n])

    fill_to_the_brim(store, delete_one)
    failed: list[str] = []
    session.failed.connect(failed.append)
    before = snapshot(store)
    assert not edits.undo_last(session)
    assert failed == [f"Could not undo “Add event: walked”. {FULL}\n\nThe diary is as it was, and "
                      "Edit > Undo still offers “Add event: walked”."]
    assert snapshot(store) == before and store.events.get(kept.id).deleted_at is None
    assert session.undo_stack.undoText() == "Add event: walked"


# --- (b) opening a diary on a full disk ---------------------------------------------------------
@pytest.fixture
def _private_runtime_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))


@pytest.mark.usefixtures("_private_runtime_dir")
def test_opening_a_diary_on_a_full_disk_offers_no_restore(
        qtbot, tmp_path: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch,
        dialog_answers) -> None:
    path = tmp_path / "kept.diary"
    with create_diary(path, clock=lambda: clock[0]) as store:
        store.events.add(Event(NOW - timedelta(hours=1), EventKind.OTHER, "walked"))
        store.backup_to(backups.new_backup_path(path, NOW - timedelta(days=1)))
    as_a_writer_left_it(path)
    before = path.read_bytes()
    answers = dialog_answers.always(False)
    asked, errors = answers.texts, answers.error_texts
    no_room_for_the_shm(monkeypatch, path)
    runtime = WindowRuntime(application_icon(), lambda: clock[0])
    window = build_window(runtime, path, read_only=False,
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert window is None
    assert asked == []  # an intact diary is never offered to be replaced
    assert len(errors) == 1 and "the disk is full" in errors[0] and "damag" not in errors[0]
    assert path.read_bytes() == before


# --- (c) the automatic backup -------------------------------------------------------------------
@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _no_backup_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_manager, "FIRST_CHECK_MS", 0)


def manager_with_status(qtbot, session: DiarySession,
                        settings: QSettings) -> tuple[BackupManager, BackupStatus]:
    manager = BackupManager(session, settings)
    status = BackupStatus()
    qtbot.addWidget(status)
    status.watch(manager)
    return manager, status


# What the window says where it differs from the command line, which adds the plain reason to a
# file error caused by the disk (app.with_disk_reason): the system's words are clear enough.
WINDOW_REASONS = {
    "full at the checksum (ENOSPC)": (r"the backup failed and no copy was kept .*(No space left "
                                      r"on device|the disk is full)"),
}
@pytest.mark.parametrize("failure", FOLDER_FAILURES)
def test_an_automatic_backup_into_a_folder_that_takes_nothing_says_why_in_the_status(
        qtbot, session: DiarySession, settings: QSettings, clock: list[datetime], failure: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = session.store
    folder = backups.backups_folder(store.path)
    manager, status = manager_with_status(qtbot, session, settings)
    first = manager.back_up()  # an earlier good backup, which a failure must not thin away
    assert first is not None
    clock[0] += timedelta(days=2)
    store.events.add(Event(clock[0] - timedelta(minutes=1), EventKind.OTHER, "since"))
    on_disk, diary = sorted(p.name for p in folder.iterdir()), snapshot(store)
    simulate, reason = FOLDER_FAILURES[failure]
    reason = WINDOW_REASONS.get(failure, reason)
    with monkeypatch.context() as disk:
        simulate(disk, folder)
        assert manager.back_up() is None
    target = backups.new_backup_path(store.path, clock[0], folder,
                                     identity=autobackup.identity(store))
    text = status.text()
    assert text.startswith(f"⚠ Backup failed: {target}: "), text
    assert re.search(reason, text), text
    assert status.warning and status.font().bold()
    assert sorted(p.name for p in folder.iterdir()) == on_disk  # nothing new, nothing thinned
    assert snapshot(store) == diary
    # The folder takes files again: the next backup succeeds and the warning goes.
    assert manager.back_up() is not None
    assert status.text() == "Last backup: today 21:00" and not status.warning


def test_the_backup_when_the_window_closes_on_a_read_only_folder_says_why(
        qtbot, session: DiarySession, settings: QSettings, clock: list[datetime],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = session.store
    folder = backups.backups_folder(store.path)
    manager, status = manager_with_status(qtbot, session, settings)
    assert manager.back_up() is not None
    clock[0] += timedelta(minutes=10)
    store.events.add(Event(clock[0] - timedelta(minutes=1), EventKind.OTHER, "since"))
    session.changed.emit()  # not due yet: the hour's interval has not passed
    assert manager.dirty
    refuse_creating_in(monkeypatch, folder, errno.EROFS)
    said = manager.on_close()
    assert said is not None
    assert re.fullmatch(r".*: cannot create the file \((Read-only file system|the disk is "
                        r"read-only)\)", said), said
    assert status.text() == f"⚠ Backup failed: {said}"


def test_a_backups_folder_that_cannot_be_made_on_a_read_only_disk(
        qtbot, session: DiarySession, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    default = backups.backups_folder(session.store.path)
    real = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        if self == default:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", mkdir)
    manager, status = manager_with_status(qtbot, session, settings)
    assert manager.back_up() is None
    assert re.fullmatch(rf"⚠ Backup failed: {re.escape(str(default))}: cannot create the "
                        r"backups folder \((Read-only file system|the disk is read-only)\)",
                        status.text()), status.text()
    assert not default.exists()


def test_error_text_names_a_full_or_read_only_disk_in_words() -> None:
    """Every view shows OSErrors through edits.error_text: the plain words, and the system's."""
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/report.pdf")
    assert edits.error_text(full) == ("A file could not be written (/media/usb/report.pdf): the "
                                     "disk is full (No space left on device).")
    read_only = OSError(errno.EROFS, "Read-only file system", "/media/usb/report.pdf")
    assert edits.error_text(read_only) == ("A file could not be written (/media/usb/report.pdf): "
                                          "the disk is read-only (Read-only file system).")
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/x")
    assert edits.error_text(denied) == "A file could not be written (/srv/x): Permission denied."


