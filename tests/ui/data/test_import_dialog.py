"""File > Import CSV…: the preview (how the file reads, what each column holds, what would be
added, or every problem), the options that plan it again, and Import as one undo step."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diary.csv import exporting as csv_out
from diary.csv import source as csv_source
from diary.demo import build_demo
from diary.domain.entities import Event, EventKind, Medication, Rating
from diary.domain.units import Unit
from diary.storage.store import DiaryStore, open_diary
from diary.ui import edits
from diary.ui.data.import_dialog import READ_ONLY_TEXT, ImportDialog, open_import_dialog
from diary.ui.data.import_wording import CREATE_LABEL, CREATE_SYMPTOMS_LABEL, counts_text
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from tests.helpers.clock import NOW
from tests.helpers.qt import activate

CET = timezone(timedelta(hours=1))


def wait_for_plan(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.planning and dialog.preview is not None, timeout=20000)


def previewed(qtbot, session: DiarySession, path: Path, *, create: bool = False) -> ImportDialog:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.create_medications.setChecked(create)
    dialog.load(path)
    wait_for_plan(qtbot, dialog)
    return dialog


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def digest(store: DiaryStore) -> str:
    """The diary file and its write-ahead log: any write changes one of them."""
    found = hashlib.sha256()
    for part in (store.path, store.path.with_name(store.path.name + "-wal")):
        if part.exists():
            found.update(part.read_bytes())
    return found.hexdigest()


def shown_errors(dialog: ImportDialog) -> str:
    assert dialog.outcome.stack.currentWidget() is dialog.outcome.errors
    return dialog.outcome.errors.toPlainText()


def doses(store: DiaryStore) -> list[tuple[object, ...]]:
    names = {m.id: m.name for m in store.medications.all(include_archived=True)}
    return sorted((i.id, names[i.medication_id], i.at, i.amount, i.note)
                  for i in store.intakes.between(date.min, date.max))


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))


@contextlib.contextmanager
def demo_csv(tmp_path: Path) -> Iterator[tuple[DiaryStore, Path]]:
    build_demo(tmp_path / "demo.diary", days=60, now=NOW)
    with contextlib.closing(open_diary(tmp_path / "demo.diary", clock=lambda: NOW)) as demo:
        csv_out.export_csv(demo, tmp_path / "csv")
        yield demo, tmp_path / "csv"


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
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

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


def test_bad_lines_are_all_listed_and_nothing_can_be_imported(
        qtbot, session: DiarySession, store: DiaryStore, baclofen: Medication,
        tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv",
                 "Date,Time,Drug,Dose,Comment\n"
                 "2026-11-20,08:00,Baclofen,5 mg,\n"
                 "2026-11-20,14:00,Baclofen,five,forgot the number\n"
                 "2026-11-20,20:00,Baclofen,5 mg,\n"
                 "2026-13-21,14:00,Baclofen,5 mg,bad month\n"
                 "2026-11-21,25:00,Baclofen,5 mg,bad hour\n")
    before = digest(store)

    dialog = previewed(qtbot, session, path)

    text = shown_errors(dialog)
    assert text.startswith("bad.csv: 3 lines with errors")
    problems = [line for line in text.splitlines() if line.startswith("bad.csv:")][1:]
    assert [p.split(": ", 2)[:2] for p in problems] == [
        ["bad.csv:3", "column Dose"], ["bad.csv:5", "column Date"], ["bad.csv:6", "column Time"]]
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is None
    assert digest(store) == before
    assert session.undo_stack.count() == 0


def test_choosing_a_columns_field_plans_again(qtbot, session: DiarySession, store: DiaryStore,
                                              baclofen: Medication, tmp_path: Path,
                                              dialog_answers) -> None:
    path = write(tmp_path / "other-app.csv",
                 "time,drug,Quantity\n"
                 "2026-11-20 08:00,Baclofen,5\n"
                 "2026-11-20 14:00,Baclofen,5\n"
                 "2026-11-20 20:00,Baclofen,10\n")
    dialog = previewed(qtbot, session, path)
    text = shown_errors(dialog)
    assert "missing required columns: amount (beside medication)" in text
    assert "Choose in Columns what each column holds" in text and "--map" not in text
    assert dialog.columns.chosen() == (("time", "time"), ("drug", "medication"),
                                       ("Quantity", "ignore"))

    quantity = dialog.columns.combos[2]
    quantity.setCurrentIndex(quantity.findData("amount"))
    wait_for_plan(qtbot, dialog)

    assert dialog.outcome.headline.text() == "To import: 3 doses."
    assert [dialog.outcome.entries.item(r, 4).text() for r in range(3)] == ["5 mg", "5 mg", "10 mg"]
    assert dialog.import_button.isEnabled()
    dialog.import_now()
    assert [(i.at, i.amount) for i in store.intakes.between(date.min, date.max)] == [
        (datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000),
        (datetime(2026, 11, 20, 14, 0, tzinfo=CET), 5000),
        (datetime(2026, 11, 20, 20, 0, tzinfo=CET), 10000)]


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


def test_an_unknown_symptom_says_where_to_add_it(qtbot, session: DiarySession,
                                                 tmp_path: Path) -> None:
    path = write(tmp_path / "pain.csv", "time,symptom,score\n2026-11-20 21:00,Tingling,3\n")
    text = shown_errors(previewed(qtbot, session, path))
    assert "symptoms not in the diary: Tingling (line 2)" in text
    assert "add them under Symptoms in the Medications tab first" in text
    assert f"Tick “{CREATE_SYMPTOMS_LABEL}”" in text
    assert "symptom add" not in text


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


def test_a_file_imported_already_has_nothing_new(qtbot, session: DiarySession,
                                                 baclofen: Medication, tmp_path: Path,
                                                 dialog_answers) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n"
                                         "2026-11-20 08:00,Baclofen,5\n"
                                         "2026-11-20 14:00,Baclofen,5\n")
    previewed(qtbot, session, path).import_now()

    again = previewed(qtbot, session, path)
    assert again.outcome.headline.text() == ("Nothing to import: every entry of the file is in the "
                                     "diary already.")
    assert "Skipped, already in the diary: 2 entries, lines 2, 3." \
        in again.outcome.summary.text()
    assert not again.import_button.isEnabled()


def test_the_last_options_win_when_they_change_during_a_plan(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(path)
    dialog.date_order.setCurrentIndex(1)
    dialog.create_medications.setChecked(True)
    dialog.date_order.setCurrentIndex(2)
    wait_for_plan(qtbot, dialog)
    assert dialog.preview is not None
    assert dialog.preview.request.options == dialog.options()


def test_open_import_dialog_asks_for_a_csv_file_first(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    asked: list[str] = []
    answers: list[Path | None] = [None, path]

    def choose(parent: object, title: str, folder: Path, filters: str) -> Path | None:
        asked.append(filters)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "choose_open_path", choose)

    assert open_import_dialog(None, session) is None
    dialog = open_import_dialog(None, session)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.isModal()
    wait_for_plan(qtbot, dialog)
    assert dialog.file_label.text() == str(path)
    assert "*.csv" in asked[0]


def test_every_control_has_a_name_a_reader_can_say(qtbot, session: DiarySession,
                                                   baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "When,Drug,Dose\n2026-11-20 08:00,Baclofen,5\n")
    dialog = previewed(qtbot, session, path)
    assert [c.accessibleName() for c in dialog.columns.combos] == [
        "What the column When holds", "What the column Drug holds", "What the column Dose holds"]
    for control in (dialog.delimiter, dialog.date_order, dialog.create_medications,
                    dialog.outcome.entries, dialog.outcome.errors, dialog.columns):
        assert control.accessibleName()
    assert dialog.columns.label.buddy() is dialog.columns.combos[0]


@pytest.mark.parametrize(("counts", "text"), [
    ((42, 10, 0), "42 doses and 10 ratings"),
    ((1, 0, 2), "1 dose and 2 events"),
    ((3, 4, 5), "3 doses, 4 ratings and 5 events"),
    ((0, 1, 0), "1 rating"),
    ((0, 0, 0), "nothing"),
])
def test_counts_in_words(counts: tuple[int, int, int], text: str) -> None:
    assert counts_text(*counts) == text


def test_tab_goes_through_the_columns_fields_in_order_then_on(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "When,Drug,Dose\n2026-11-20 08:00,Baclofen,5\n")
    dialog = previewed(qtbot, session, path)
    activate(qtbot, dialog)
    dialog.create_medications.setFocus()
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        reached.append(widget.accessibleName() or widget.text())
    # "When" is not a name the import knows: no time column, so Import is disabled.
    assert not dialog.import_button.isEnabled()
    assert reached == [CREATE_SYMPTOMS_LABEL, "What the column When holds",
                       "What the column Drug holds", "What the column Dose holds",
                       "Why the file cannot be imported", "Cancel"]


def test_a_file_that_is_not_text_says_so(qtbot, session: DiarySession, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = previewed(qtbot, session, path)
    assert "photo.csv is a binary file, not CSV text" in shown_errors(dialog)
    assert dialog.columns.header == () and dialog.columns.combos == []
    assert not dialog.import_button.isEnabled()


def test_a_file_over_the_limit_says_so_and_imports_nothing(
        qtbot, session: DiarySession, store: DiaryStore, baclofen: Medication,
        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = b"2026-11-20 08:00,Baclofen,5\n"
    path.write_bytes(b"time,drug,dose\n" + line * (csv_source.MAX_BYTES // len(line) + 1))
    before = digest(store)

    dialog = previewed(qtbot, session, path)

    size = path.stat().st_size
    assert shown_errors(dialog).startswith(f"big.csv is {size / 1e6:.1f} MB ({size:,} bytes); "
                                           "an import reads at most 10 MB (10,000,000 bytes): "
                                           "split the file")
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is None
    assert digest(store) == before and doses(store) == []


def test_closing_during_a_plan_leaves_no_thread_behind(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "time,medication,amount\n" + "".join(
        f"2026-11-{day:02d} 08:00,Baclofen,5\n" for day in range(1, 26)))
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.planning
    dialog.reject()

    assert not dialog.planning
    qtbot.waitUntil(lambda: not any(thread.name.startswith("import-plan")
                                    for thread in threading.enumerate()), timeout=20000)
    assert dialog.preview is None  # the plan that finished after was not shown


def test_the_programs_symptoms_csv_says_how_to_use_it(qtbot, session: DiarySession,
                                                      tmp_path: Path) -> None:
    with demo_csv(tmp_path) as (_, folder):
        pass
    text = shown_errors(previewed(qtbot, session, folder / "symptoms.csv"))
    assert f"import ratings.csv beside it with “{CREATE_SYMPTOMS_LABEL}” ticked" in text
    assert "--create-symptoms" not in text and "symptom add" not in text


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


def test_created_lists_say_which_are_archived() -> None:
    from diary.csv import medication_list, symptom_list
    from diary.domain.entities import Symptom

    meds = [Medication("Vitamin D", Unit.IU, archived_at=NOW), Medication("Vitamin D", Unit.MCG)]
    assert medication_list(meds) == "Vitamin D (IU, archived), Vitamin D (mcg)"
    assert symptom_list([Symptom("Cramps", archived_at=NOW)]) == "Cramps (0–10, archived)"
