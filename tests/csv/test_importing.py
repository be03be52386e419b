"""`import csv` at the export and storage layers: the round trip through the program's own files,
entries already present, the audit trail, other apps' files, days over the maximum."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.importing import CsvImportError
from diary.csv.importing import ImportOptions
from diary.demo import build_demo
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage import IntakeImport
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.csv.support import doses
from tests.csv.support import events
from tests.csv.support import ratings
from tests.csv.support import run_import
from tests.csv.support import write
from tests.helpers import store_sql
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))


@contextlib.contextmanager
def demo_export(tmp_path: Path) -> Iterator[tuple[DiaryStore, Path]]:
    build_demo(tmp_path / "demo.diary", days=60, now=NOW)
    with contextlib.closing(open_diary(tmp_path / "demo.diary", clock=lambda: NOW)) as demo:
        csv_out.export_csv(demo, tmp_path / "csv")
        yield demo, tmp_path / "csv"


def test_round_trip_through_the_programs_own_files(tmp_path: Path) -> None:
    with demo_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        assert len(doses(demo)) > 100 and len(ratings(demo)) > 100 and events(demo)

        run_import(new, folder / "intakes.csv", create_medications=True)
        run_import(new, folder / "ratings.csv")
        run_import(new, folder / "events.csv")

        assert doses(new) == doses(demo)
        assert ratings(new) == ratings(demo)
        assert events(new) == events(demo)
        assert [(m.name, m.unit) for m in new.medications.all()] == [
            (m.name, m.unit) for m in demo.medications.all()]
        # Baclofen is a known drug: the label's figures come with it, as with 'medication add'.
        assert new.medications.named("Baclofen").max_daily == 80_000


def test_importing_the_same_files_twice_adds_nothing(tmp_path: Path) -> None:
    with demo_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        for name in ("intakes.csv", "ratings.csv", "events.csv"):
            run_import(new, folder / name, create_medications=True)
        counts = new.counts()
        changes = store_sql.query(new, "SELECT count(*) AS n FROM changes")[0]["n"]

        again = [run_import(new, folder / name) for name in ("intakes.csv", "ratings.csv",
                                                              "events.csv")]

        assert new.counts() == counts
        assert store_sql.query(new, "SELECT count(*) AS n FROM changes")[0]["n"] == changes
        assert [p.new_count for p in again] == [0, 0, 0]
        assert len(again[0].presence.intakes) == len(again[0].intakes) > 0


def test_every_added_row_has_its_audit_row(store: DiaryStore, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", "time,medication,amount,note\n"
                 "2026-11-20T08:00:00+01:00,Baclofen,5,first\n"
                 "2026-11-20T14:00:00+01:00,Baclofen,10 mg,second\n")

    run_import(store, path, create_medications=True)

    trail = store_sql.query(store, "SELECT table_name, action, row_id FROM changes "
                        "WHERE table_name IN ('medications', 'intakes') ORDER BY id")
    intakes = store.intakes.between(date.min, date.max)
    med = store.medications.named("Baclofen")
    assert [(t["table_name"], t["action"], t["row_id"]) for t in trail] == [
        ("medications", "insert", med.id),
        ("intakes", "insert", intakes[0].id), ("intakes", "insert", intakes[1].id)]
    assert [(i.amount, i.note) for i in intakes] == [(5000, "first"), (10_000, "second")]


def test_a_row_present_in_the_diary_is_skipped_and_never_edited(store: DiaryStore,
                                                                tmp_path: Path) -> None:
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    assert med.id is not None
    kept = store.intakes.add(Intake(med.id, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000,
                                   note="mine"))
    deleted = store.intakes.add(Intake(med.id, datetime(2026, 11, 21, 8, 0, tzinfo=CET), 5000))
    assert deleted.id is not None
    store.intakes.delete(deleted.id)
    # The same instant written in UTC is the same dose; a different amount or status is not.
    path = write(tmp_path / "in.csv", "time,medication,amount,status,note\n"
                 "2026-11-20T07:00:00Z,baclofen,5,taken,another note\n"
                 "2026-11-21T08:00:00+01:00,Baclofen,5,,\n"
                 "2026-11-20T08:00:00+01:00,Baclofen,7.5,taken,\n"
                 "2026-11-20T08:00:00+01:00,Baclofen,5,skipped,\n")

    plan = run_import(store, path)

    assert plan.presence.intakes == frozenset({0, 1})
    live = store.intakes.between(date.min, date.max)
    assert [(i.amount, i.status.value, i.note) for i in live] == [
        (5000, "taken", "mine"), (7500, "taken", ""), (5000, "skipped", "")]
    assert store.intakes.get(kept.id or 0).note == "mine"
    assert store.intakes.get(deleted.id).deleted_at is not None  # never brought back


def test_the_same_entry_twice_in_a_file_is_two_entries(store: DiaryStore,
                                                        tmp_path: Path) -> None:
    """Two tablets logged at one minute are two doses: each row the diary holds answers one line
    of the file, so the second import adds nothing and the first added both."""
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    spasticity = store.symptoms.named("Spasticity")
    path = write(tmp_path / "in.csv", "time,medication,amount,symptom,score,note\n"
                 "2026-11-20 08:00,Baclofen,5,,,first tablet\n"
                 "2026-11-20 08:00,Baclofen,5,,,second tablet\n"
                 "2026-11-20 09:00,,,Spasticity,4,\n"
                 "2026-11-20 09:00,,,Spasticity,4,\n")
    store.intakes.add(Intake(med.id or 0, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000))

    first = run_import(store, path)
    again = run_import(store, path)

    assert first.presence.intakes == frozenset({0}) and first.presence.ratings == frozenset()
    assert again.new_count == 0
    assert len(store.intakes.between(date.min, date.max)) == 2
    assert [r.symptom_id for r in store.ratings.between(date.min, date.max)] == [spasticity.id] * 2


def test_a_rating_present_is_skipped(store: DiaryStore, tmp_path: Path) -> None:
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    store.ratings.add(Rating(spasticity.id, datetime(2026, 11, 20, 21, 0, tzinfo=CET), 6))
    path = write(tmp_path / "in.csv", "time,symptom,score\n"
                 "2026-11-20 21:00,SPASTICITY,6\n2026-11-20 21:00,Spasticity,5\n")

    plan = run_import(store, path)

    assert plan.presence.ratings == frozenset({0})
    assert sorted(r.score for r in store.ratings.between(date.min, date.max)) == [5, 6]


def test_another_apps_export_with_semicolons_and_a_date_and_time_pair(store: DiaryStore,
                                                                     tmp_path: Path) -> None:
    store.medications.add(Medication("Baclofen", Unit.MG))
    path = write(tmp_path / "other.csv",
                 "Date;Time;Drug;Dose;Comment;Taken\n"
                 "2026-11-20;08:00;Baclofen;10 mg;=1+2;yes\n"
                 "20.11.2026;14:00;Lioresal;7,5;;yes\n"
                 "11/21/2026;8:00 PM;baclofen;5 mg;\"with food; late\";no\n",
                 "cp1252")

    plan = run_import(store, path)

    assert plan.source.delimiter == ";"
    assert plan.source.used == ["Date", "Time", "Drug", "Dose", "Comment"]
    assert plan.source.unused == ["Taken"]
    assert plan.other_names == [("Lioresal", "Baclofen")]
    assert doses(store) == [
        ("Baclofen", "2026-11-20T08:00:00+01:00", 10_000, "taken", "=1+2", None),
        ("Baclofen", "2026-11-20T14:00:00+01:00", 7500, "taken", "", None),
        ("Baclofen", "2026-11-21T20:00:00+01:00", 5000, "taken", "with food; late", None),
    ]


def test_unknown_symptoms_are_refused_with_what_to_do(store: DiaryStore, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", "time,symptom,score\n2026-11-20 21:00,Pain,4\n"
                 "2026-11-21 21:00,Pain,5\n")
    with pytest.raises(CsvImportError) as refused:
        csv_in.plan_import(path, "in.csv", store, ImportOptions(), NOW)
    assert refused.value.summary == ("in.csv: symptoms not in the diary: Pain (2 lines, first on "
                                     "line 2); nothing was imported")
    assert "symptom add" in refused.value.details[0]


def test_days_over_the_maximum_are_counted_not_refused(store: DiaryStore,
                                                       tmp_path: Path) -> None:
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    store.intakes.add(Intake(med.id, datetime(2026, 11, 21, 8, 0, tzinfo=CET), 40_000))
    # 20 Nov: 60 + 20 = 80 mg (the max itself is allowed); 21 Nov: 40 held + 45 = 85 mg;
    # 22 Nov: 90 mg, of which 10 mg skipped.
    path = write(tmp_path / "in.csv", "time,medication,amount,status\n"
                 "2026-11-20 08:00,Baclofen,60,\n2026-11-20 20:00,Baclofen,20,\n"
                 "2026-11-21 20:00,Baclofen,45,\n"
                 "2026-11-22 08:00,Baclofen,90,\n2026-11-22 20:00,Baclofen,10,skipped\n")

    plan = run_import(store, path)

    assert [(o.medication.name, o.days) for o in plan.over_max] == [
        ("Baclofen", (date(2026, 11, 21), date(2026, 11, 22)))]
    assert len(store.intakes.between(date.min, date.max)) == 6


def test_days_over_the_maximum_of_a_new_medication(store: DiaryStore) -> None:
    new = Medication("Baclofen", Unit.MG, max_daily=80_000)
    other = Medication("Tizanidine", Unit.MG, max_daily=36_000)
    items = [IntakeImport(m, Intake(0, datetime(2026, 11, 20, h, 0, tzinfo=CET), amount))
             for m, h, amount in ((new, 8, 50_000), (other, 8, 20_000), (new, 20, 40_000),
                                  (other, 20, 20_000), (new, 21, 10_000))]

    assert [(o.medication.name, o.days) for o in store.imports.days_over_max(items)] == [
        ("Baclofen", (date(2026, 11, 20),)), ("Tizanidine", (date(2026, 11, 20),))]
    assert store.imports.days_over_max(items, skip={0, 1}) == []


def test_one_invalid_entry_and_the_storage_layer_adds_nothing(store: DiaryStore) -> None:
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    good = IntakeImport(med, Intake(0, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000))
    future = replace(good, intake=replace(good.intake, at=NOW + timedelta(hours=1)))
    counts = store.counts()

    with pytest.raises(ValueError, match="is still ahead"):
        store.imports.add([good, future], [])
    with pytest.raises(ValueError, match="outside the scale"):
        store.imports.add([good], [Rating(spasticity.id, NOW, 11)])

    assert store.counts() == counts


def test_the_storage_layer_adds_a_new_medication_once(store: DiaryStore) -> None:
    new = Medication("Baclofen", Unit.MG, max_daily=80_000)
    items = [IntakeImport(replace(new, name=name), Intake(0, datetime(2026, 11, 20, h, 0,
                                                                      tzinfo=CET), 5000))
             for name, h in (("Baclofen", 8), ("baclofen", 14))]

    result = store.imports.add(items, [])

    assert result.intakes == 2 and [m.name for m in result.created] == ["Baclofen"]
    [med] = store.medications.all()
    assert {i.medication_id for i in store.intakes.between(date.min, date.max)} == {med.id}
    assert all(i.status is IntakeStatus.TAKEN for i in store.intakes.between(date.min, date.max))


def test_neutralised_cells_come_back_as_they_were(store: DiaryStore, tmp_path: Path) -> None:
    med = store.medications.add(Medication("=cmd|' /C calc'!A0", Unit.DROP, form=""))
    spasticity = store.symptoms.named("Spasticity")
    assert med.id is not None and spasticity.id is not None
    for hour, note in enumerate(("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)",
                                 "'=already quoted", "plain"), start=8):
        store.intakes.add(Intake(med.id, datetime(2026, 11, 20, hour, 0, tzinfo=CET), 1000,
                                note=note))
    store.ratings.add(Rating(spasticity.id, datetime(2026, 11, 20, 21, 0, tzinfo=CET), 4,
                            note="-worse"))
    csv_out.export_csv(store, tmp_path / "csv")

    with contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        run_import(new, tmp_path / "csv" / "intakes.csv", create_medications=True)
        run_import(new, tmp_path / "csv" / "ratings.csv")

        assert doses(new) == doses(store)
        assert ratings(new) == ratings(store)
        assert [m.name for m in new.medications.all()] == ["=cmd|' /C calc'!A0"]


def test_unknown_names_say_on_which_line_they_first_appear(store: DiaryStore,
                                                           tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", "time,drug,dose\n2026-11-20 08:00,Gabapentin,300 mg\n"
                 "2026-11-20 09:00,Tizanidine,2 mg\n2026-11-20 10:00,Gabapentin,300 mg\n"
                 "2026-11-20 21:00,Tizanidine,2 mg\n2026-11-20 22:00,Pregabalin,75 mg\n")
    with pytest.raises(CsvImportError) as refused:
        csv_in.plan_import(path, "in.csv", store, ImportOptions(), NOW)
    assert refused.value.summary == (
        "in.csv: medications not in the diary: Gabapentin (2 lines, first on line 2), "
        "Tizanidine (2 lines, first on line 3), Pregabalin (line 6); nothing was imported")


def test_an_entry_corrected_since_the_export_does_not_come_back(store: DiaryStore,
                                                                tmp_path: Path) -> None:
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    dose = store.intakes.add(Intake(med.id or 0, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 20_000))
    spasticity = store.symptoms.named("Spasticity")
    rating = store.ratings.add(Rating(spasticity.id or 0, datetime(2026, 11, 20, 9, tzinfo=CET), 4))
    csv_out.export_csv(store, tmp_path / "csv")
    store.intakes.edit(replace(dose, amount=30_000))
    store.ratings.edit(replace(rating, score=6))
    before = (doses(store), ratings(store))

    found = [run_import(store, tmp_path / "csv" / name) for name in ("intakes.csv",
                                                                     "ratings.csv")]

    assert [p.new_count for p in found] == [0, 0]
    assert (doses(store), ratings(store)) == before
