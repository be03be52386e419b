"""Export to CSV, then import into an empty diary: the same diary back, custom symptoms and
medications with their settings included; and the files beside intakes.csv read with care."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.importing import CsvImportError, ImportOptions
from diary.demo import build_demo
from diary.domain.entities import Event, EventKind, Intake, Medication, Rating, Symptom
from diary.domain.units import Unit
from diary.storage.store import DiaryStore, create_diary, open_diary
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))
OWN_FILES = ("intakes.csv", "ratings.csv", "events.csv")


def plan(store: DiaryStore, path: Path, **options: bool) -> csv_in.ImportPlan:
    return csv_in.plan_import(path, path.name, store, ImportOptions(**options), NOW)


def medications(store: DiaryStore) -> list[tuple[object, ...]]:
    return sorted((m.name, m.unit, m.form, m.max_daily, m.min_interval_minutes, m.taper_required,
                   m.notes, m.archived_at is not None)
                  for m in store.medications.all(include_archived=True))


def symptoms(store: DiaryStore) -> list[tuple[str, int, bool]]:
    """In the diary's order."""
    return [(s.name, s.scale_max, s.archived_at is not None)
            for s in store.symptoms.all(include_archived=True)]


def entries(store: DiaryStore) -> tuple[list[tuple[object, ...]], ...]:
    meds = {m.id: m.name for m in store.medications.all(include_archived=True)}
    names = {s.id: s.name for s in store.symptoms.all(include_archived=True)}
    return (sorted((meds[i.medication_id], i.at, i.amount, i.status, i.slot, i.note)
                   for i in store.intakes.between(date.min, date.max)),
            sorted((names[r.symptom_id], r.at, r.score, r.note)
                   for r in store.ratings.between(date.min, date.max)),
            sorted((e.at, e.kind, e.text) for e in store.events.between(date.min, date.max)))


@contextlib.contextmanager
def custom_export(tmp_path: Path) -> Iterator[tuple[DiaryStore, Path]]:
    """The demo diary, with a symptom on a 0–4 scale, one never rated, one archived and rated
    before the others, a medication the label templates do not know (in ml, with every
    setting), and an archived one; exported."""
    build_demo(tmp_path / "demo.diary", days=30, now=NOW)
    with contextlib.closing(open_diary(tmp_path / "demo.diary", clock=lambda: NOW)) as demo:
        bladder = demo.symptoms.add(Symptom("Bladder urgency", scale_max=4))
        demo.symptoms.add(Symptom("Never rated", scale_max=4))
        cramps = demo.symptoms.add(Symptom("Cramps"))
        demo.ratings.add(Rating(cramps.id or 0, datetime(2026, 11, 1, 9, tzinfo=CET), 2))
        demo.symptoms.archive(cramps.id or 0)
        drops = demo.medications.add(Medication(
            "Night drops", Unit.ML, form="oral solution", max_daily=12_500,
            min_interval_minutes=360, taper_required=True, notes="shake; keep cold"))
        old = demo.medications.add(Medication("Old spray", Unit.PUFF, form=""))
        assert bladder.id is not None and drops.id is not None and old.id is not None
        for day in range(20, 25):
            at = datetime(2026, 11, day, 21, 30, tzinfo=CET)
            demo.ratings.add(Rating(bladder.id, at, day % 5, note="=night" if day == 20 else ""))
            demo.intakes.add(Intake(drops.id, at, 2_500))
        demo.intakes.add(Intake(old.id, datetime(2026, 11, 19, 8, 0, tzinfo=CET), 1_000))
        demo.medications.archive(old.id)
        csv_out.export_csv(demo, tmp_path / "csv")
        yield demo, tmp_path / "csv"


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


def test_settings_come_from_medications_csv_beside_only_for_new_medications(
        tmp_path: Path) -> None:
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        mine = new.medications.add(Medication("Night drops", Unit.ML, max_daily=20_000))

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == "medications.csv"
        assert "Night drops" not in [m.name for m in found.created]
        assert new.medications.get(mine.id or 0).max_daily == 20_000
        baclofen = next(m for m in found.created if m.name == "Baclofen")
        assert baclofen == replace(demo.medications.named("Baclofen"), id=None)


def test_without_the_file_beside_new_medications_get_the_files_unit_only(
        tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        (folder / "medications.csv").unlink()

        found = plan(new, folder / "intakes.csv", create_medications=True)

        drops = next(m for m in found.created if m.name == "Night drops")
        assert (drops.unit, drops.max_daily, drops.min_interval_minutes) == (Unit.ML, None, None)
        assert found.settings_from == ""


def test_a_bad_line_in_medications_csv_beside_refuses_the_import(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        text = (folder / "medications.csv").read_text(encoding="utf-8-sig")
        (folder / "medications.csv").write_text(
            text.replace('"12.5"', '"lots"').replace('"360"', '"6h"'), encoding="utf-8-sig")
        counts = new.counts()
        line = next(n for n, text in enumerate(text.splitlines(), start=1) if "Night" in text)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "intakes.csv", create_medications=True)

        assert refused.value.summary == ("medications.csv, which the import reads beside the "
                                         "file, has 1 bad line; nothing was imported")
        assert refused.value.details == [
            f"medications.csv:{line}: column max_daily: 'lots' is not an amount; type a number "
            "such as 5 or 7.5"]
        assert new.counts() == counts and new.medications.all(include_archived=True) == []


def test_medications_csv_resaved_by_a_spreadsheet_is_still_read(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        path = folder / "medications.csv"
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
        with path.open("w", encoding="cp1252", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(lines)

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == "medications.csv"
        assert next(m for m in found.created if m.name == "Night drops") == replace(
            demo.medications.named("Night drops"), id=None)


def test_a_bad_line_in_symptoms_csv_beside_refuses_the_import(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        path = folder / "symptoms.csv"
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        line = next(n for n, text in enumerate(lines, start=1) if "Never rated" in text)
        path.write_text("".join(lines).replace('"Never rated","4"', '"Never rated","5"'),
                        encoding="utf-8-sig")
        before = symptoms(new)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert refused.value.summary == ("symptoms.csv, which the import reads beside the "
                                         "file, has 1 bad line; nothing was imported")
        assert refused.value.details == [f"symptoms.csv:{line}: column scale_max: '5' is not a "
                                         "scale's maximum: 10 or 4"]
        assert symptoms(new) == before


def test_symptoms_csv_alone_is_not_imported(store: DiaryStore, tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), pytest.raises(CsvImportError) as refused:
        plan(store, folder / "symptoms.csv", create_symptoms=True)
    assert refused.value.summary.startswith(
        "symptoms.csv is the program's symptoms.csv, which is not imported on its own: import "
        "ratings.csv beside it with --create-symptoms")


def test_another_programs_medications_csv_beside_is_not_read(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        (folder / "medications.csv").write_text("Name,Strength\nNight drops,lots\n")

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == ""
        assert {m.name for m in found.created} >= {"Night drops", "Baclofen"}


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


@pytest.mark.parametrize(("rows", "detail"), [
    ("2026-11-20 21:00,Spasticity,3,4\n",
     "r.csv:2: column scale_max: says 0–4, but Spasticity is rated 0–10 in the diary; a score "
     "on one scale cannot be kept on another"),
    ("2026-11-20 21:00,Fatigue,3,4\n2026-11-21 21:00,Fatigue,7,10\n",
     "r.csv:3: column scale_max: says 0–10, but Fatigue is rated 0–4 from line 2; a score on "
     "one scale cannot be kept on another"),
    ("2026-11-20 21:00,Fatigue,3,7\n",
     "r.csv:2: column scale_max: '7' is not a scale's maximum: 10 or 4"),
    ("2026-11-20 21:00,Fatigue,6,4\n", "r.csv:2: column score: 6 is outside the scale 0–4"),
])
def test_scales_that_do_not_fit_are_refused_by_line(store: DiaryStore, tmp_path: Path,
                                                     rows: str, detail: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text("time,symptom,score,scale_max\n" + rows)
    before = symptoms(store)

    with pytest.raises(CsvImportError) as refused:
        plan(store, path, create_symptoms=True)

    assert refused.value.details == [detail]
    assert symptoms(store) == before


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


def build_two_of_one_name(path: Path) -> DiaryStore:
    """A diary where Vitamin D was archived and added again in another unit, as `medication
    edit` asks for a change of unit, with doses of both; a medication without doses; and two
    symptoms whose names differ only in a case SQLite tells apart."""
    store = create_diary(path, clock=lambda: NOW)
    old = store.medications.add(Medication("Vitamin D", Unit.IU, form="drops"))
    for day in (10, 11):
        store.intakes.add(Intake(old.id or 0, datetime(2026, 11, day, 8, tzinfo=CET), 1_000_000))
    store.medications.archive(old.id or 0)
    new = store.medications.add(Medication("Vitamin D", Unit.MCG, form="tablet"))
    for day in (20, 21):
        store.intakes.add(Intake(new.id or 0, datetime(2026, 11, day, 8, tzinfo=CET), 25_000))
    store.medications.add(Medication("Unused syrup", Unit.ML, form="syrup", max_daily=30_000))
    store.events.add(Event(datetime(2026, 11, 12, 9, tzinfo=CET), EventKind.DOSE_CHANGE,
                          "Vitamin D now as tablets"))
    for name, score in (("Übelkeit", 3), ("übelkeit", 5)):
        symptom = store.symptoms.add(Symptom(name))
        store.ratings.add(Rating(symptom.id or 0, datetime(2026, 11, 20, 21, tzinfo=CET), score))
    return store


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


def test_another_apps_scale_column_is_not_read_as_the_symptoms_scale(
    store: DiaryStore, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("Time,Symptom,Rating,Scale\n2026-11-20 21:00,Spasticity,4,1-10\n")

    found = plan(store, path)

    assert found.source.unused == ["Scale"]
    assert [r.score for r in found.ratings] == [4]


def rewrite(path: Path, change: dict[str, dict[str, str]]) -> None:
    """Rewrite a CSV file of the export, changing cells of the lines named by their name."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    for line in lines:
        line.update(change.get(line["name"], {}))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(lines)


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            {"Night drops": {"archived": "2099-01-01T00:00:00+00:00"}},
            "column archived: 2099-01-01T00:00:00+00:00 is in the future",
        ),
        (
            {"Old spray": {"name": "Night drops", "archived": ""}},
            "column name: Night drops is active on line",
        ),
    ],
)
def test_medications_csv_that_no_diary_could_hold_is_refused(
    tmp_path: Path, change: dict[str, dict[str, str]], detail: str
) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        rewrite(folder / "medications.csv", change)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "intakes.csv")

        assert detail in " ".join([refused.value.summary, *refused.value.details])
        assert new.medications.all(include_archived=True) == []


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


def test_a_side_file_that_cannot_be_used_is_named_as_such(tmp_path: Path) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        (folder / "symptoms.csv").write_text("")

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert refused.value.summary == (
            "symptoms.csv, which the import reads beside ratings.csv, cannot be used: it is "
            "empty; move it away to import without it, or export the diary again"
        )


def test_symptoms_csv_with_a_name_twice_is_refused(tmp_path: Path) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        rewrite(folder / "symptoms.csv", {"Never rated": {"name": "Bladder urgency"}})
        before = symptoms(new)

        with pytest.raises(CsvImportError, match="column name: Bladder urgency is on line"):
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert symptoms(new) == before
