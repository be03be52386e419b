"""What the CSV tests share: an import planned with options, the diary's medications, symptoms and
entries as comparable values, and diaries exported to CSV to import again (custom settings, two
medications of one name)."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.importing import ImportOptions
from diary.demo import build_demo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))


def plan(store: DiaryStore, path: Path, now: datetime = NOW,
         **options: object) -> csv_in.ImportPlan:
    """The import of `path` planned (read and checked, nothing written), named by its name."""
    return csv_in.plan_import(path, path.name, store, ImportOptions(**options),  # type: ignore[arg-type]
                              now)


def amounts(found: csv_in.ImportPlan) -> list[tuple[str, int, str]]:
    """Each dose planned: its time as written, its amount, its note."""
    return [(i.intake.at.isoformat(), i.intake.amount, i.intake.note) for i in found.intakes]


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


def run_import(store: DiaryStore, path: Path, **options: object) -> csv_in.ImportPlan:
    plan = csv_in.plan_import(path, path.name, store, ImportOptions(**options),  # type: ignore[arg-type]
                              NOW)
    csv_in.apply(store, plan)
    return plan


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def doses(store: DiaryStore) -> list[tuple[object, ...]]:
    names = {m.id: m.name for m in store.medications.all(include_archived=True)}
    return sorted((names[i.medication_id], i.at.isoformat(), i.amount, i.status.value, i.note,
                   i.slot) for i in store.intakes.between(date.min, date.max))


def ratings(store: DiaryStore) -> list[tuple[object, ...]]:
    names = {s.id: s.name for s in store.symptoms.all(include_archived=True)}
    return sorted((names[r.symptom_id], r.at.isoformat(), r.score, r.note)
                  for r in store.ratings.between(date.min, date.max))


def events(store: DiaryStore) -> list[tuple[object, ...]]:
    return sorted((e.at.isoformat(), e.kind.value, e.text)
                  for e in store.events.between(date.min, date.max))
