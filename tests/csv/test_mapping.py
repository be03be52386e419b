"""What an imported file's columns mean (diary/csv/mapping.py): the fields found by their names
and synonyms, or named by --map, and a column that could be two fields, a mapped column the file
lacks, or a needed one missing refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.csv.importing import CsvImportError
from diary.csv.mapping import parse_map
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.storage.store import DiaryStore
from tests.csv.support import amounts
from tests.csv.support import doses
from tests.csv.support import plan
from tests.csv.support import ratings
from tests.csv.support import run_import
from tests.csv.support import write


@pytest.mark.parametrize("header", [
    "Timestamp,Medicine,Dosage,Comments",
    "DATE_TIME,drug,DOSE,notes",
    "datetime,Medication,Amount,Note",
])
def test_synonyms_of_the_column_names(store: DiaryStore, baclofen: Medication, tmp_path: Path,
                                      header: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(f"{header}\n2026-11-20 08:00,Baclofen,5,n\n")
    assert amounts(plan(store, path)) == [("2026-11-20T08:00:00+01:00", 5000, "n")]


def test_two_columns_for_one_field_are_refused(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose,notes,comment\n2026-11-20 08:00,Baclofen,5,a,b\n")
    with pytest.raises(CsvImportError, match="'notes' and 'comment' could both be note"):
        plan(store, path)


def test_a_mapped_column_the_file_lacks_is_named(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 08:00,Baclofen,5\n")
    with pytest.raises(CsvImportError, match="'Menge', which the file does not have; its "
                       "columns: 'time', 'drug', 'dose'"):
        plan(store, path, mapping=(("Menge", "amount"),))


@pytest.mark.parametrize(("text", "message"), [
    ("Dose", "is not COLUMN=FIELD"),
    ("=amount", "is not COLUMN=FIELD"),
    ("Dose=quantity", "'quantity' is not a field"),
])
def test_map_option_errors(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_map(text)


def test_map_option_keeps_an_equals_sign_in_the_column_name() -> None:
    assert parse_map("a=b=Amount") == ("a=b", "amount")


def test_a_date_column_alone_is_a_missing_column(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,drug,dose\n2026-11-20,Baclofen,5\n")
    with pytest.raises(CsvImportError, match="missing required columns: time \\(a date column "
                       "alone gives no time of day\\)"):
        plan(store, path)


def test_columns_named_by_map(store: DiaryStore, tmp_path: Path) -> None:
    path = write(tmp_path / "other.csv", "When|Pill|How much|Symptom|Pain score|Notes\n"
                 "2026-11-20 08:00|Baclofen|5|Headache|3|not for the diary\n")

    run_import(store, path, create_medications=True,
               mapping=(("when", "time"), ("PILL", "medication"), ("How much", "amount"),
                        ("Pain score", "score"), ("notes", "ignore")))

    assert doses(store) == [("Baclofen", "2026-11-20T08:00:00+01:00", 5000, "taken", "", None)]
    assert ratings(store) == [("Headache", "2026-11-20T08:00:00+01:00", 3, "")]


def test_another_apps_scale_column_is_not_read_as_the_symptoms_scale(
    store: DiaryStore, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("Time,Symptom,Rating,Scale\n2026-11-20 21:00,Spasticity,4,1-10\n")

    found = plan(store, path)

    assert found.source.unused == ["Scale"]
    assert [r.score for r in found.ratings] == [4]
