"""File > Export CSV… and Export FHIR… in the window: where the files go, what they hold, a file
already there, a read-only diary, and errors told in a message box."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from diary.ui.data.export import export_csv_to_folder
from diary.ui.data.export import export_fhir_to_file
from diary.ui.shell.session import DiarySession

CET = timezone(timedelta(hours=1))
# The diary below belongs to "Marie Dupont"; the tests' clock says 26 November 2026.
FOLDER_NAME = "medication-diary-marie-dupont-2026-11-26"
FILES = ("intakes.csv", "ratings.csv", "events.csv", "medications.csv", "symptoms.csv",
         "plan_steps.csv")


@pytest.fixture
def filled(store: DiaryStore) -> DiaryStore:
    store.update_info(replace(store.info(), name="Marie Dupont"))
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    spasticity = store.symptoms.named("Spasticity")
    assert med.id is not None and spasticity.id is not None
    for day in (23, 24, 25):
        store.intakes.add(Intake(med.id, datetime(2026, 11, day, 8, 0, tzinfo=CET), 5000))
        store.ratings.add(Rating(spasticity.id, datetime(2026, 11, day, 21, 0, tzinfo=CET), 6))
    deleted = store.intakes.add(Intake(med.id, datetime(2026, 11, 25, 14, 0, tzinfo=CET), 5000))
    assert deleted.id is not None
    store.intakes.delete(deleted.id)
    store.events.add(Event(datetime(2026, 11, 24, 10, 0, tzinfo=CET), EventKind.FALL, "stairs"))
    return store


def data_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.reader(handle))) - 1  # the header is not a row


def expected_rows(store: DiaryStore) -> dict[str, int]:
    return {"intakes.csv": len(store.intakes.between(date.min, date.max)),
            "ratings.csv": len(store.ratings.between(date.min, date.max)),
            "events.csv": len(store.events.between(date.min, date.max)),
            "medications.csv": len(store.medications.all(include_archived=True)),
            "symptoms.csv": len(store.symptoms.all(include_archived=True)),
            "plan_steps.csv": len(store.plans.steps())}


@contextlib.contextmanager
def read_only(store: DiaryStore, clock: list[datetime]) -> Iterator[DiarySession]:
    path = store.path
    store.close()
    viewer = DiarySession(open_diary(path, read_only=True), lambda: clock[0])
    try:
        yield viewer
    finally:
        viewer.close()


# --- CSV --------------------------------------------------------------------------------------
def test_csv_goes_into_a_new_folder_inside_the_one_chosen(
        filled: DiaryStore, session: DiarySession, tmp_path: Path, dialog_answers) -> None:
    chosen = tmp_path / "Documents"
    chosen.mkdir()
    (chosen / "letter.txt").write_text("a folder with files of its own is fine")
    asked = dialog_answers.choose(chosen).chosen

    assert export_csv_to_folder(None, session)

    folder = chosen / FOLDER_NAME
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    rows = expected_rows(filled)
    assert rows["intakes.csv"] == 3 and rows["events.csv"] == 1  # the deleted dose left out
    assert {name: data_rows(folder / name) for name in FILES} == rows
    assert all(stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600 for name in FILES)
    [(_, text)] = dialog_answers.notices
    assert str(folder) in text
    for name, count in rows.items():
        assert f"{name}: {count} row" in text
    assert [question.title for question in asked] == ["Export CSV into"]


def test_a_second_export_gets_its_own_folder(filled: DiaryStore, session: DiarySession,
                                              tmp_path: Path, dialog_answers) -> None:
    dialog_answers.choose(tmp_path, tmp_path, tmp_path)

    assert export_csv_to_folder(None, session)
    assert export_csv_to_folder(None, session)
    assert export_csv_to_folder(None, session)

    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("medication-")) == [
        FOLDER_NAME, f"{FOLDER_NAME}-2", f"{FOLDER_NAME}-3"]
    assert data_rows(tmp_path / f"{FOLDER_NAME}-3" / "ratings.csv") == 3
    assert str(tmp_path / f"{FOLDER_NAME}-2") in dialog_answers.notices[1][1]


def test_a_read_only_diary_exports_and_stays_as_it_was(
        filled: DiaryStore, tmp_path: Path, dialog_answers, clock: list[datetime]) -> None:
    rows = expected_rows(filled)
    path = filled.path
    dialog_answers.choose(tmp_path / "out")
    (tmp_path / "out").mkdir()
    with read_only(filled, clock) as viewer:
        before = path.read_bytes()
        assert export_csv_to_folder(None, viewer)
        assert path.read_bytes() == before
    assert data_rows(tmp_path / "out" / FOLDER_NAME / "intakes.csv") == rows["intakes.csv"]
    assert dialog_answers.errors == []


def test_a_folder_that_cannot_take_the_files_is_an_error_in_words(
        filled: DiaryStore, session: DiarySession, tmp_path: Path, dialog_answers) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("not a folder")
    dialog_answers.choose(not_a_folder)

    assert not export_csv_to_folder(None, session)

    [(title, text)] = dialog_answers.errors
    assert title == "CSV not exported"
    assert "Not a directory" in text and str(not_a_folder) in text
    assert dialog_answers.notices == []
    assert not_a_folder.read_text() == "not a folder"


def test_no_folder_chosen_writes_nothing(session: DiarySession, tmp_path: Path,
                                         dialog_answers) -> None:
    dialog_answers.choose(None)
    session.store.counts()  # read once: SQLite's -wal and -shm of the open diary are there
    before = sorted(tmp_path.rglob("*"))
    assert not export_csv_to_folder(None, session)
    assert sorted(tmp_path.rglob("*")) == before


# --- FHIR -------------------------------------------------------------------------------------
def test_fhir_bundle_is_written_with_json_added_to_the_name(
        filled: DiaryStore, session: DiarySession, tmp_path: Path, dialog_answers) -> None:
    asked = dialog_answers.choose(tmp_path / "for the clinic").chosen

    assert export_fhir_to_file(None, session)

    written = tmp_path / "for the clinic.json"
    bundle = json.loads(written.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds.count("MedicationAdministration") == 3  # the deleted dose left out
    assert kinds.count("Observation") == 3 and kinds.count("Patient") == 1
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    [question] = asked
    assert (question.title, question.suggested, question.filters) == (
        "Export FHIR bundle", f"{FOLDER_NAME}.json", "FHIR JSON (*.json)")
    [(_, text)] = dialog_answers.notices
    assert str(written) in text and "MedicationAdministration: 3" in text


def test_an_existing_file_is_replaced_only_when_the_person_says_so(
        filled: DiaryStore, session: DiarySession, tmp_path: Path, dialog_answers) -> None:
    target = tmp_path / "bundle.json"
    target.write_text("an older export")
    os.chmod(target, 0o644)
    dialog_answers.choose(target, target)
    questions = dialog_answers.queue(False, True).texts

    assert not export_fhir_to_file(None, session)
    assert target.read_text() == "an older export"
    assert dialog_answers.notices == [] and "bundle.json already exists" in questions[0]

    assert export_fhir_to_file(None, session)
    assert json.loads(target.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert len(questions) == 2


def test_fhir_from_a_read_only_diary(filled: DiaryStore, tmp_path: Path, dialog_answers,
                                      clock: list[datetime]) -> None:
    dialog_answers.choose(tmp_path / "ro.json")
    with read_only(filled, clock) as viewer:
        assert export_fhir_to_file(None, viewer)
    assert json.loads((tmp_path / "ro.json").read_text(encoding="utf-8"))["entry"]
    assert dialog_answers.errors == []


def test_fhir_into_a_missing_folder_is_an_error_in_words(
        session: DiarySession, tmp_path: Path, dialog_answers) -> None:
    dialog_answers.choose(tmp_path / "gone" / "bundle.json")

    assert not export_fhir_to_file(None, session)

    [(title, text)] = dialog_answers.errors
    assert title == "FHIR bundle not exported"
    assert "does not exist" in text and str(tmp_path / "gone") in text
    assert not (tmp_path / "gone").exists()
