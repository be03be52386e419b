"""File > Import CSV…: the preview (how the file reads, what each column holds, what would be
added, or every problem), the options that plan it again, and Import as one undo step."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

from diary.csv import exporting as csv_out
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui import edits
from diary.ui.data.import_dialog import READ_ONLY_TEXT
from diary.ui.data.import_dialog import ImportDialog
from diary.ui.data.import_dialog import open_import_dialog
from diary.ui.data.import_wording import CREATE_LABEL
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.helpers.qt import click
from tests.ui.data.support import demo_csv
from tests.ui.data.support import digest
from tests.ui.data.support import doses
from tests.ui.data.support import previewed
from tests.ui.data.support import shown_errors
from tests.ui.data.support import wait_for_plan
from tests.ui.data.support import write


def test_the_programs_own_intakes_import_as_one_undo_step(
        qtbot, session: DiarySession, store: DiaryStore, tmp_path: Path,
        dialog_answers) -> None:
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    own_rating = store.ratings.add(Rating(spasticity.id, NOW - timedelta(hours=2), 4))
    own_event = store.events.add(Event(NOW - timedelta(hours=3), EventKind.OTHER, "mine"))
    with demo_csv(tmp_path) as (demo, folder):
        demo_doses = sorted((i.at, i.amount) for i in demo.intakes.between(date.min, date.max))
        demo_meds = sorted(m.name for m in demo.medications.all())
        units = {m.name: m.unit.value for m in demo.medications.all()}
        settings = [replace(m, id=None) for m in demo.medications.all()]
    with (folder / "intakes.csv").open(encoding="utf-8-sig", newline="") as handle:
        in_file_order = list(dict.fromkeys(row["medication"] for row in csv.DictReader(handle)))
    count = len(demo_doses)
    assert count > 100

    dialog = previewed(qtbot, session, folder / "intakes.csv", create=True)

    assert dialog.outcome.headline.text() == f"To import: {count} doses."
    assert dialog.import_button.isEnabled()
    assert dialog.encoding.text() == "UTF-8 with byte-order mark"
    assert dialog.lines.text() == f"{count} after the header"
    assert dialog.outcome.entries.rowCount() == 50  # the first entries, not all of them
    assert dialog.outcome.entries.item(0, 0).text() == "2"  # the first line after the header
    assert dialog.outcome.entries.item(0, 1).text() == "Dose"
    assert "New medications to create:" in dialog.outcome.summary.text()
    assert ("New medications take their settings (max per day, minimum interval, form, taper, "
            "notes) from medications.csv.") in dialog.outcome.summary.text()
    assert dict(dialog.columns.chosen())["medication"] == "medication"
    assert dict(dialog.columns.chosen())["id"] == "ignore"

    with qtbot.waitSignal(session.changed):
        click(qtbot, dialog.import_button)

    imported = doses(store)
    assert sorted((at, amount) for _, _, at, amount, _ in imported) == demo_doses
    assert sorted(m.name for m in store.medications.all()) == demo_meds
    assert [replace(m, id=None) for m in store.medications.all()] == settings
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == f"Import {count} doses"
    created = ", ".join(f"{name} ({units[name]})" for name in in_file_order)
    assert dialog_answers.notice_texts == [
        f"Imported {count} doses. Created medications: {created}. "
        "Edit > Undo takes the whole import back."]
    assert not dialog.isVisible() and dialog.result() == ImportDialog.DialogCode.Accepted

    assert edits.undo_last(session)
    assert doses(store) == []
    assert store.medications.all() == []  # the medications it created are archived again
    assert store.ratings.between(date.min, date.max) == [own_rating]
    assert store.events.between(date.min, date.max) == [own_event]

    assert edits.redo_next(session)
    assert doses(store) == imported  # the same rows, ids and all
    assert sorted(m.name for m in store.medications.all()) == demo_meds
    assert store.ratings.between(date.min, date.max) == [own_rating]


def test_the_delimiter_can_be_overridden(qtbot, session: DiarySession, baclofen: Medication,
                                         tmp_path: Path) -> None:
    path = write(tmp_path / "semicolons.csv",
                 "time;medication;amount\n"
                 "2026-11-20 08:00;Baclofen;7,5 mg\n")
    dialog = previewed(qtbot, session, path)
    assert dialog.delimiter.itemText(0) == "Detected: semicolon"
    assert dialog.outcome.headline.text() == "To import: 1 dose."
    assert dialog.outcome.entries.item(0, 4).text() == "7.5 mg"

    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(","))
    wait_for_plan(qtbot, dialog)
    assert dialog.columns.header == ("time;medication;amount",)
    assert "missing required columns" in shown_errors(dialog)
    assert not dialog.import_button.isEnabled()

    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(";"))
    wait_for_plan(qtbot, dialog)
    assert dialog.columns.header == ("time", "medication", "amount")
    assert dialog.import_button.isEnabled()


def test_the_date_order_reads_ambiguous_dates(qtbot, session: DiarySession,
                                              baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "slashes.csv", "date,time,medication,amount\n"
                                           "05/11/2026,08:00,Baclofen,5 mg\n")
    dialog = previewed(qtbot, session, path)
    text = shown_errors(dialog)
    assert "choose which in Dates" in text and "--date-order" not in text

    dialog.date_order.setCurrentIndex(1)  # day before month
    wait_for_plan(qtbot, dialog)
    assert dialog.outcome.entries.item(0, 2).text() == "Thu 05 Nov 2026 08:00"

    dialog.date_order.setCurrentIndex(2)  # month before day
    wait_for_plan(qtbot, dialog)
    assert dialog.outcome.entries.item(0, 2).text() == "Mon 11 May 2026 08:00"


def test_an_unknown_medication_asks_for_the_tick_which_makes_it_importable(
        qtbot, session: DiarySession, store: DiaryStore, tmp_path: Path,
        dialog_answers) -> None:
    path = write(tmp_path / "tiz.csv", "time,medication,amount\n"
                                       "2026-11-20 08:00,Tizanidine,2 mg\n"
                                       "2026-11-20 20:00,Tizanidine,2 mg\n")
    dialog = previewed(qtbot, session, path)
    text = shown_errors(dialog)
    assert "medications not in the diary: Tizanidine (2 lines, first on line 2)" in text
    assert f"Tick “{CREATE_LABEL}”" in text and "--create-medications" not in text
    assert not dialog.import_button.isEnabled()

    dialog.create_medications.setChecked(True)
    wait_for_plan(qtbot, dialog)
    assert dialog.outcome.headline.text() == "To import: 2 doses."
    assert dialog.outcome.entries.item(0, 3).text() == "Tizanidine (new)"
    assert dialog.outcome.summary.text() == "New medications to create: Tizanidine (mg)."

    dialog.import_now()
    assert [m.name for m in store.medications.all()] == ["Tizanidine"]
    assert dialog_answers.notice_texts == [
        "Imported 2 doses. Created medications: Tizanidine (mg). Edit > Undo "
        "takes the whole import back."]


def test_the_symptoms_tick_creates_unknown_symptoms_on_the_files_scale(
        qtbot, session: DiarySession, store: DiaryStore, tmp_path: Path,
        dialog_answers) -> None:
    path = write(tmp_path / "r.csv", "time,symptom,score,scale_max\n"
                                     "2026-11-20 21:00,Tingling,3,4\n"
                                     "2026-11-21 21:00,Tingling,2,4\n")
    dialog = previewed(qtbot, session, path)
    assert not dialog.import_button.isEnabled()

    dialog.create_symptoms.setChecked(True)
    wait_for_plan(qtbot, dialog)

    assert dialog.outcome.headline.text() == "To import: 2 ratings."
    assert dialog.outcome.entries.item(0, 3).text() == "Tingling (new)"
    assert dialog.outcome.entries.item(0, 4).text() == "3/4"
    assert dialog.outcome.summary.text() == "New symptoms to create: Tingling (0–4)."
    with qtbot.waitSignal(session.changed):
        dialog.import_now()
    assert [(s.name, s.scale_max) for s in store.symptoms.all()][-1] == ("Tingling", 4)
    assert dialog_answers.notice_texts == [
        "Imported 2 ratings. Created symptoms: Tingling (0–4). Edit > Undo "
        "takes the whole import back."]

    assert edits.undo_last(session)
    assert "Tingling" not in [s.name for s in store.symptoms.all()]
    assert edits.redo_next(session)
    assert [r.score for r in store.ratings.between(date.min, date.max)] == [3, 2]


def test_a_read_only_diary_previews_but_cannot_import(
        qtbot, store: DiaryStore, baclofen: Medication, tmp_path: Path, clock: list[datetime],
        dialog_answers) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    diary = store.path
    store.close()
    viewer = DiarySession(open_diary(diary, read_only=True), lambda: clock[0])
    try:
        before = digest(viewer.store)
        dialog = previewed(qtbot, viewer, path)
        assert dialog.outcome.headline.text() == "To import: 1 dose."
        assert not dialog.notice.isHidden() and READ_ONLY_TEXT in dialog.notice.text()
        assert not dialog.import_button.isEnabled()

        assert dialog.import_now() is None
        assert dialog_answers.error_texts == [READ_ONLY_TEXT]
        assert viewer.store.intakes.between(date.min, date.max) == []
        assert digest(viewer.store) == before
    finally:
        viewer.close()


def test_open_import_dialog_asks_for_a_csv_file_first(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path,
        dialog_answers) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    asked = dialog_answers.choose(None, path).chosen

    assert open_import_dialog(None, session) is None
    dialog = open_import_dialog(None, session)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.isModal()
    wait_for_plan(qtbot, dialog)
    assert dialog.file_label.text() == str(path)
    assert "*.csv" in asked[0].filters


def test_an_import_that_only_creates_a_symptom_is_one_undo_step(
        qtbot, session: DiarySession, store: DiaryStore, tmp_path: Path,
        dialog_answers) -> None:
    spasticity = store.symptoms.named("Spasticity")
    store.ratings.add(Rating(spasticity.id or 0, NOW - timedelta(hours=2), 4))
    csv_out.export_csv(store, tmp_path / "csv")
    with (tmp_path / "csv" / "symptoms.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerow(["99", "Tinnitus", "4", "9", ""])
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.create_symptoms.setChecked(True)
    dialog.load(tmp_path / "csv" / "ratings.csv")
    wait_for_plan(qtbot, dialog)

    assert dialog.import_button.isEnabled()
    assert "New symptoms to create: Tinnitus (0–4)." in dialog.outcome.summary.text()
    dialog.import_now()

    assert dialog_answers.notice_texts == [
        "No entry imported: every entry of the file was in the diary "
        "already. Created symptoms: Tinnitus (0–4). Edit > Undo takes the "
        "whole import back."]
    assert session.undo_stack.undoText() == "Import 1 symptom"
    assert edits.undo_last(session)
    assert "Tinnitus" not in [s.name for s in store.symptoms.all()]


