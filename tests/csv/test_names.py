"""The medications and symptoms an imported file names (diary/csv/names.py): found in the diary
by name or as the same drug by the label templates, or created when asked, with the file's unit
or scale and a known drug's label values."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.importing import CsvImportError
from diary.csv.importing import ImportOptions
from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.csv.support import build_two_of_one_name
from tests.csv.support import plan
from tests.csv.support import run_import
from tests.csv.support import symptoms
from tests.csv.support import write
from tests.helpers.clock import NOW


def test_unknown_symptoms_are_created_on_the_files_scale(store: DiaryStore,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("time,symptom,score,scale_max\n2026-11-20 21:00,Fatigue,3,4\n"
                    "2026-11-21 21:00,Pins and needles,7,\n2026-11-22 21:00,fatigue,4,4\n")
    before = symptoms(store)

    found = plan(store, path, create_symptoms=True)
    result = csv_in.apply(store, found)

    assert [(s.name, s.scale_max) for s in found.new_symptoms] == [("Fatigue", 4),
                                                                    ("Pins and needles", 10)]
    assert symptoms(store) == [*before, ("Fatigue", 4, False), ("Pins and needles", 10, False)]
    fatigue = store.symptoms.named("Fatigue")
    assert [r.score for r in store.ratings.between(date.min, date.max)
            if r.symptom_id == fatigue.id] == [3, 4]
    assert fatigue.position == max(s.position for s in store.symptoms.all()) - 1
    assert [s.name for s in result.created_symptoms] == ["Fatigue", "Pins and needles"]


def test_two_names_of_one_drug_in_a_file_make_one_medication(store: DiaryStore,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 08:00,Lioresal,5 mg\n"
                    "2026-11-20 14:00,Baclofen,5 mg\n")

    found = plan(store, path, create_medications=True)
    csv_in.apply(store, found)

    assert [m.name for m in found.created] == ["Lioresal"]
    assert found.other_names == [("Baclofen", "Lioresal")]
    [med] = store.medications.all()
    assert len(store.intakes.between(date.min, date.max, med.id)) == 2


def test_an_active_medication_is_added_beside_an_archived_one_in_another_unit(
    tmp_path: Path,
) -> None:
    with (
        contextlib.closing(build_two_of_one_name(tmp_path / "old.diary")) as old,
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        csv_out.export_csv(old, tmp_path / "csv")
        mine = new.medications.add(Medication("Vitamin D", Unit.IU))
        new.medications.archive(mine.id or 0)

        found = plan(new, tmp_path / "csv" / "intakes.csv", create_medications=True)

        assert [
            (m.name, m.unit, m.archived_at is None) for m in found.created if m.name == "Vitamin D"
        ] == [("Vitamin D", Unit.MCG, True)]


def test_a_new_medication_needs_a_unit(store: DiaryStore, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", "time,drug,dose\n2026-11-20 08:00,Gabapentin,300\n")
    with pytest.raises(CsvImportError, match="no unit for new medications: Gabapentin"):
        csv_in.plan_import(path, "in.csv", store, ImportOptions(create_medications=True), NOW)

    path = write(tmp_path / "in.csv", "time,drug,dose\n2026-11-20 08:00,Gabapentin,300 mg\n"
                 "2026-11-21 08:00,Gabapentin,2 ml\n")
    with pytest.raises(CsvImportError) as refused:
        csv_in.plan_import(path, "in.csv", store, ImportOptions(create_medications=True), NOW)
    assert refused.value.details == ["in.csv:3: column dose: '2 ml' is not in mg, the unit of "
                                     "this medication"]
    assert store.medications.all() == []


def test_another_apps_known_drugs_take_their_labels_values(store: DiaryStore,
                                                           tmp_path: Path) -> None:
    """Without the program's medications.csv, a new medication named like a label template takes
    the label's values by the domain's rule, as `medication add` and the window do."""
    path = write(tmp_path / "other.csv", "time,drug,dose\n"
                 "2026-11-20 08:00,Lioresal,5 mg\n2026-11-20 09:00,zanaflex,2 mg\n"
                 "2026-11-20 10:00,Diazepam oral solution,2 ml\n"
                 "2026-11-20 11:00,Gabapentin,300 mg\n")

    run_import(store, path, create_medications=True)

    made = {m.name: (m.unit, m.max_daily, m.min_interval_minutes, m.taper_required)
            for m in store.medications.all()}
    assert made == {
        "Lioresal": (Unit.MG, 80_000, None, True),
        "zanaflex": (Unit.MG, 36_000, 360, True),
        # The label's max is in mg: it says nothing about ml, so it is left out.
        "Diazepam oral solution": (Unit.ML, None, None, True),
        "Gabapentin": (Unit.MG, None, None, False),
    }
