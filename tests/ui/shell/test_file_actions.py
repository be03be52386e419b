"""The File menu's actions on the diary's data: exports, the CSV import (closed with its diary),
the report (Ctrl+P), a backup now and a restore that fails, told either way."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.store import create_diary
from diary.ui import edits
from diary.ui.backups.settings import set_backup_folder
from diary.ui.shell.main_window import MainWindow
from tests.helpers.dialogs import OPEN


def menu_action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def test_the_file_menu_exports_and_imports(window: MainWindow, tmp_path: Path,
                                           dialog_answers) -> None:
    import json

    out = tmp_path / "out"
    out.mkdir()
    bundle = tmp_path / "bundle.json"
    chosen = dialog_answers.choose(out, bundle, None).chosen  # the import cancelled
    shown = dialog_answers.notices
    menu_action(window, "Export CSV…").trigger()
    assert sorted(p.name for p in next(out.iterdir()).iterdir()) == [
        "events.csv", "intakes.csv", "medications.csv", "plan_steps.csv", "ratings.csv",
        "symptoms.csv"]
    menu_action(window, "Export FHIR bundle…").trigger()
    assert json.loads(bundle.read_text())["resourceType"] == "Bundle"
    import_action = menu_action(window, "Import CSV…")
    assert import_action.shortcut().toString() == "Ctrl+I"
    import_action.trigger()
    asked = [question.title for question in chosen if question.chooser == OPEN]
    assert len(asked) == 1  # a file was asked for; cancelled, nothing opened
    assert len(shown) == 2


def test_an_import_dialog_closes_with_its_diary(window: MainWindow, tmp_path: Path,
                                                dialog_answers, clock: list[datetime]) -> None:
    source = tmp_path / "doses.csv"
    source.write_text("time,medication,amount\n2026-11-26T08:00:00+01:00,Baclofen,5\n",
                      encoding="utf-8")
    dialog_answers.choose(source)
    dialog = window.file_actions.import_csv()
    assert dialog is not None and dialog.isVisible()
    other = tmp_path / "other.sqlite"
    create_diary(other).close()
    assert window.switch_to(other, read_only=False)
    assert not dialog.isVisible()


def test_ctrl_p_opens_the_report_dialog(window: MainWindow, qtbot) -> None:
    from diary.ui.report.dialog import ReportDialog

    action = menu_action(window, "Export report…")
    assert action.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Print)) \
        == QKeySequence.SequenceMatch.ExactMatch
    action.trigger()
    shown = [d for d in window.findChildren(ReportDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].session is window.session
    shown[0].close()


def test_back_up_now_that_fails_says_why(window: MainWindow, settings: QSettings, tmp_path: Path,
                                         dialog_answers) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drive should be")
    set_backup_folder(settings, window.session.store.path, blocked)
    window.file_actions.back_up_now()
    [(title, text)] = dialog_answers.errors
    assert title == "Backup failed" and "not-a-folder" in text


def test_a_restore_that_fails_leaves_the_diary_as_it_was_and_says_so(
        window: MainWindow, tmp_path: Path, clock: list[datetime], dialog_answers) -> None:
    edits.add_event(window.session, Event(clock[0] - timedelta(hours=1), EventKind.OTHER,
                                          "kept"))
    path = window.session.store.path
    junk = tmp_path / "not-a-backup.sqlite"
    junk.write_text("not a diary")
    assert not window.file_actions.restore_backup(junk)
    [(title, text)] = dialog_answers.errors
    assert title == "Not restored" and text.endswith("\n\nThe diary is as it was.")
    assert window.session.store.path == path and not window.session.read_only
    assert [e.text for e in window.session.store.events.between(date.min, date.max)] == ["kept"]
    assert dialog_answers.notices == []
