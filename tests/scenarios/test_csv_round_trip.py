"""Export to CSV, then import into an empty diary: the same diary back, custom symptoms and
medications with their settings included, archived ones and two of one name kept apart, and undo
and redo of the import. How the files beside intakes.csv are read is tests/csv/test_settings.py."""

from __future__ import annotations

import contextlib
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.importing import CsvImportError
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.csv.support import build_two_of_one_name
from tests.csv.support import custom_export
from tests.csv.support import entries
from tests.csv.support import medications
from tests.csv.support import plan
from tests.csv.support import symptoms
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))
OWN_FILES = ("intakes.csv", "ratings.csv", "events.csv")


def test_round_trip_keeps_custom_symptoms_and_medication_settings(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        for name in OWN_FILES:
            csv_in.apply(new, plan(new, folder / name, create_medications=True,
                                   create_symptoms=True))

        assert entries(new) == entries(demo)
        assert medications(new) == medications(demo)
        assert symptoms(new) == symptoms(demo)
        assert ("Night drops", Unit.ML, "oral solution", 12_500, 360, True, "shake; keep cold",
                False) in medications(new)
        assert symptoms(new)[-3:] == [("Bladder urgency", 4, False), ("Never rated", 4, False),
                                      ("Cramps", 10, True)]


def test_symptoms_csv_alone_is_not_imported(store: DiaryStore, tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), pytest.raises(CsvImportError) as refused:
        plan(store, folder / "symptoms.csv", create_symptoms=True)
    assert refused.value.summary.startswith(
        "symptoms.csv is the program's symptoms.csv, which is not imported on its own: import "
        "ratings.csv beside it with --create-symptoms")


def test_undo_of_an_import_archives_the_symptoms_it_created_and_redo_brings_them_back(
        store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("time,symptom,score,scale_max\n2026-11-20 21:00,Fatigue,3,4\n")
    result = csv_in.apply(store, plan(store, path, create_symptoms=True))

    store.imports.withdraw(result)
    assert "Fatigue" not in [s.name for s in store.symptoms.all()]
    assert store.ratings.between(date.min, date.max) == []

    store.imports.restore(result)
    assert "Fatigue" in [s.name for s in store.symptoms.all()]
    assert [r.score for r in store.ratings.between(date.min, date.max)] == [3]


def test_an_archived_medication_stays_archived_through_undo_and_redo(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        result = csv_in.apply(new, plan(new, folder / "intakes.csv", create_medications=True))
        assert archived(new) == {"Baclofen": False, "Night drops": False, "Old spray": True,
                                 "Paracetamol": False}

        new.imports.withdraw(result)
        assert set(archived(new).values()) == {True}
        new.imports.restore(result)

        assert archived(new) == {"Baclofen": False, "Night drops": False, "Old spray": True,
                                 "Paracetamol": False}


def archived(store: DiaryStore) -> dict[str, bool]:
    return {m.name: m.archived_at is not None for m in store.medications.all(include_archived=True)}


def test_two_medications_of_one_name_and_one_without_doses_come_back(tmp_path: Path) -> None:
    with contextlib.closing(build_two_of_one_name(tmp_path / "old.diary")) as old, \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        csv_out.export_csv(old, tmp_path / "csv")
        for name in OWN_FILES:
            csv_in.apply(new, plan(new, tmp_path / "csv" / name, create_medications=True,
                                   create_symptoms=True))

        assert medications(new) == medications(old)
        assert entries(new) == entries(old)
        assert symptoms(new) == symptoms(old)
        units = {(m.unit, m.archived_at is None) for m in new.medications.all(include_archived=True)
                 if m.name == "Vitamin D"}
        assert units == {(Unit.IU, False), (Unit.MCG, True)}


def test_an_archived_medication_of_an_export_is_kept_apart_from_the_diarys_own(
        tmp_path: Path) -> None:
    with contextlib.closing(build_two_of_one_name(tmp_path / "old.diary")) as old, \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        csv_out.export_csv(old, tmp_path / "csv")
        mine = new.medications.add(Medication("Vitamin D", Unit.MCG, max_daily=100_000))

        found = plan(new, tmp_path / "csv" / "intakes.csv", create_medications=True)
        csv_in.apply(new, found)

        assert sorted(m.name for m in found.created) == ["Unused syrup", "Vitamin D"]
        assert new.medications.get(mine.id or 0).max_daily == 100_000  # kept its own settings
        by_unit = {m.unit: m for m in new.medications.all(include_archived=True)
                   if m.name == "Vitamin D"}
        assert by_unit[Unit.MCG].id == mine.id and by_unit[Unit.IU].archived_at is not None
        doses = {(i.medication_id, i.amount) for i in new.intakes.between(date.min, date.max)}
        assert doses == {(mine.id, 25_000), (by_unit[Unit.IU].id, 1_000_000)}


def test_an_export_imported_back_into_its_own_diary_adds_nothing(tmp_path: Path) -> None:
    """Both Vitamin Ds in mcg: only the export's medication numbers tell their doses apart."""
    with contextlib.closing(create_diary(tmp_path / "d.diary", clock=lambda: NOW)) as store:
        old = store.medications.add(Medication("Vitamin D", Unit.MCG, form="drops"))
        store.intakes.add(Intake(old.id or 0, datetime(2026, 11, 10, 8, tzinfo=CET), 25_000))
        store.medications.archive(old.id or 0)
        new = store.medications.add(Medication("Vitamin D", Unit.MCG))
        store.intakes.add(Intake(new.id or 0, datetime(2026, 11, 20, 8, tzinfo=CET), 25_000))
        csv_out.export_csv(store, tmp_path / "csv")
        before = entries(store)

        again = plan(store, tmp_path / "csv" / "intakes.csv")
        csv_in.apply(store, again)

        assert again.new_count == 0 and again.created == []
        assert entries(store) == before


def test_a_medication_archived_twice_comes_back_as_three_and_re_imports_as_none(
    tmp_path: Path,
) -> None:
    """Vitamin D added, archived, added again, archived (in the same second, alike in every
    field), added again: three medications of one name and unit, two doses each."""
    with (
        contextlib.closing(create_diary(tmp_path / "d.diary", clock=lambda: NOW)) as store,
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        for turn in range(3):
            med = store.medications.add(Medication("Vitamin D", Unit.MCG))
            for hour in (8, 20):
                store.intakes.add(
                    Intake(med.id or 0, datetime(2026, 11, 10 + turn, hour, tzinfo=CET), 25_000)
                )
            if turn < 2:
                store.medications.archive(med.id or 0)
        csv_out.export_csv(store, tmp_path / "csv")
        before = entries(store)
        per_medication = sorted(
            len([i for i in store.intakes.between(date.min, date.max) if i.medication_id == m.id])
            for m in store.medications.all(include_archived=True)
        )

        again = plan(store, tmp_path / "csv" / "intakes.csv", create_medications=True)
        csv_in.apply(store, again)
        csv_in.apply(new, plan(new, tmp_path / "csv" / "intakes.csv", create_medications=True))

        assert again.new_count == 0 and again.created == []
        assert entries(store) == before
        assert medications(new) == medications(store)
        assert (
            sorted(
                len([i for i in new.intakes.between(date.min, date.max) if i.medication_id == m.id])
                for m in new.medications.all(include_archived=True)
            )
            == per_medication
            == [2] * 3
        )


def test_a_fresh_diary_takes_the_exports_symptoms_renamed_archived_and_reordered(
    tmp_path: Path,
) -> None:
    with (
        contextlib.closing(create_diary(tmp_path / "d.diary", clock=lambda: NOW)) as store,
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        store.symptoms.rename(store.symptoms.named("Spasticity").id or 0, "Stiffness")
        store.symptoms.archive(store.symptoms.named("Nausea").id or 0)
        store.symptoms.reorder(
            [s.id or 0 for s in reversed(store.symptoms.all(include_archived=True))]
        )
        for name in ("Stiffness", "Headache"):
            symptom = store.symptoms.named(name)
            store.ratings.add(Rating(symptom.id or 0, datetime(2026, 11, 20, 21, tzinfo=CET), 3))
        csv_out.export_csv(store, tmp_path / "csv")

        found = plan(new, tmp_path / "csv" / "ratings.csv", create_symptoms=True)
        result = csv_in.apply(new, found)

        assert csv_in.settings_lines(found) == [
            "This diary has no ratings yet: its symptoms take the order and archived state of "
            "symptoms.csv, and those it does not list are archived: Spasticity."
        ]
        assert symptoms(new)[:4] == symptoms(store)
        assert symptoms(new)[4:] == [("Spasticity", 10, True)]
        assert entries(new) == entries(store)

        new.imports.withdraw(result)
        assert symptoms(new) == [
            (name, 10, False) for name in ("Spasticity", "Drowsiness", "Nausea", "Headache")
        ] + [("Stiffness", 10, True)]
        new.imports.restore(result)
        assert symptoms(new)[:4] == symptoms(store)


def test_a_diary_with_ratings_keeps_its_own_symptoms(store: DiaryStore, tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder):
        nausea = store.symptoms.named("Nausea")
        store.ratings.add(Rating(nausea.id or 0, datetime(2026, 11, 2, 9, tzinfo=CET), 1))
        store.symptoms.archive(store.symptoms.named("Headache").id or 0)
        before = symptoms(store)

        found = plan(store, folder / "ratings.csv", create_symptoms=True)
        csv_in.apply(store, found)

        assert found.arrangement == []
        assert symptoms(store)[:4] == before


def test_an_export_without_entries_still_brings_its_medications_and_symptoms(
    tmp_path: Path,
) -> None:
    with (
        contextlib.closing(create_diary(tmp_path / "d.diary", clock=lambda: NOW)) as store,
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        store.medications.add(Medication("Fish oil", Unit.CAPSULE))
        store.symptoms.add(Symptom("Tinnitus", scale_max=4))
        store.symptoms.archive(store.symptoms.named("Headache").id or 0)
        csv_out.export_csv(store, tmp_path / "csv")

        for name, option in (
            ("intakes.csv", "create_medications"),
            ("ratings.csv", "create_symptoms"),
        ):
            csv_in.apply(new, plan(new, tmp_path / "csv" / name, **{option: True}))

        assert medications(new) == medications(store)
        assert symptoms(new) == symptoms(store)
        with pytest.raises(CsvImportError, match="has a header but no rows"):
            plan(new, tmp_path / "csv" / "intakes.csv")  # nothing to create: nothing to do
