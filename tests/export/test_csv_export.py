"""`export csv` at the export layer: the files, their columns and values, formula neutralising,
never overwriting, and nothing left behind by a failure."""

from __future__ import annotations

import csv
import stat
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.entities import (
    Event,
    EventKind,
    Intake,
    IntakeStatus,
    Medication,
    PlanStep,
    Rating,
    Slot,
)
from diary.domain.units import Unit
from diary.export import csv_out
from diary.export.csv_cells import neutralise, restore
from diary.storage.store import DiaryStore

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
FILES = ["intakes.csv", "ratings.csv", "events.csv", "medications.csv", "plan_steps.csv"]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def fill(store: DiaryStore) -> tuple[Medication, Medication]:
    baclofen = store.add_medication(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                               taper_required=True))
    drops = store.add_medication(Medication("=cmd|' /C calc'!A0", Unit.DROP, form=""))
    assert baclofen.id is not None and drops.id is not None
    store.add_intake(Intake(baclofen.id, datetime(2026, 11, 26, 8, 0, tzinfo=CET), 7500,
                            slot=Slot(date(2026, 11, 26), time(8, 0)), note="with breakfast"))
    # 01:30 belongs to the diary day before (the day starts at 04:00).
    store.add_intake(Intake(baclofen.id, datetime(2026, 11, 26, 1, 30, tzinfo=CET), 5000,
                            IntakeStatus.SKIPPED, note="=HYPERLINK(\"http://x\")"))
    store.add_intake(Intake(drops.id, datetime(2026, 7, 1, 9, 15, 30, tzinfo=CEST), 2000))
    gone = store.add_intake(Intake(baclofen.id, datetime(2026, 11, 25, 8, 0, tzinfo=CET), 5000))
    assert gone.id is not None
    store.delete_intake(gone.id)
    spasticity = store.symptom_by_name("Spasticity")
    assert spasticity.id is not None
    store.add_rating(Rating(spasticity.id, datetime(2026, 11, 26, 20, 0, tzinfo=CET), 6,
                            note="+ worse after walking"))
    store.add_event(Event(datetime(2026, 11, 20, 10, 0, tzinfo=CET), EventKind.APPOINTMENT,
                          "@clinic visit"))
    store.add_plan_step(PlanStep(baclofen.id, date(2026, 11, 1), 5000,
                                 (time(8), time(14), time(20)), end=date(2026, 11, 3),
                                 note="-first step"))
    store.add_plan_step(PlanStep(drops.id, date(2026, 11, 1), 2000))
    return baclofen, drops


def test_the_five_files_with_their_rows(store: DiaryStore, tmp_path: Path) -> None:
    baclofen, drops = fill(store)
    folder = tmp_path / "new" / "export"

    written = csv_out.export_csv(store, folder)

    assert [(w.path.name, w.rows) for w in written] == [
        ("intakes.csv", 3), ("ratings.csv", 1), ("events.csv", 1), ("medications.csv", 2),
        ("plan_steps.csv", 2)]
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)  # no temporary file left
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in FILES:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
        assert b"\r\n" in raw
    intakes = read(folder / "intakes.csv")
    assert list(intakes[0]) == list(csv_out.INTAKE_COLUMNS)
    assert intakes == [
        {"id": "3", "time": "2026-07-01T09:15:30+02:00", "day": "2026-07-01",
         "medication_id": str(drops.id), "medication": "'=cmd|' /C calc'!A0", "amount": "2",
         "unit": "drop", "status": "taken", "slot_day": "", "slot_time": "", "note": ""},
        {"id": "2", "time": "2026-11-26T01:30:00+01:00", "day": "2026-11-25",
         "medication_id": str(baclofen.id), "medication": "Baclofen", "amount": "5",
         "unit": "mg", "status": "skipped", "slot_day": "", "slot_time": "",
         "note": "'=HYPERLINK(\"http://x\")"},
        {"id": "1", "time": "2026-11-26T08:00:00+01:00", "day": "2026-11-26",
         "medication_id": str(baclofen.id), "medication": "Baclofen", "amount": "7.5",
         "unit": "mg", "status": "taken", "slot_day": "2026-11-26", "slot_time": "08:00",
         "note": "with breakfast"},
    ]
    assert read(folder / "ratings.csv") == [
        {"id": "1", "time": "2026-11-26T20:00:00+01:00", "day": "2026-11-26", "symptom_id": "1",
         "symptom": "Spasticity", "score": "6", "scale_max": "10",
         "note": "'+ worse after walking"}]
    assert read(folder / "events.csv") == [
        {"id": "1", "time": "2026-11-20T10:00:00+01:00", "day": "2026-11-20",
         "kind": "appointment", "text": "'@clinic visit"}]
    meds = read(folder / "medications.csv")
    assert [(m["name"], m["unit"], m["max_daily"], m["taper_required"], m["archived"])
            for m in meds] == [("'=cmd|' /C calc'!A0", "drop", "", "no", ""),
                               ("Baclofen", "mg", "80", "yes", "")]
    steps = read(folder / "plan_steps.csv")
    assert [(s["medication"], s["start"], s["end"], s["amount"], s["as_needed"], s["times"],
             s["note"]) for s in steps] == [
        ("Baclofen", "2026-11-01", "2026-11-03", "5", "no", "08:00 14:00 20:00", "'-first step"),
        ("'=cmd|' /C calc'!A0", "2026-11-01", "", "2", "yes", "", "")]


def test_an_archived_medication_is_exported_with_its_time(store: DiaryStore,
                                                          tmp_path: Path) -> None:
    med = store.add_medication(Medication("Tizanidine", Unit.MG))
    assert med.id is not None
    store.archive_medication(med.id)

    csv_out.export_csv(store, tmp_path / "out")

    [row] = read(tmp_path / "out" / "medications.csv")
    assert row["archived"] == "2026-11-26T20:00:00+00:00"  # the test clock's instant, in UTC


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_trigger_is_neutralised(trigger: str) -> None:
    text = f"{trigger}1+1"
    assert neutralise(text) == f"'{text}"
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["with breakfast", "5 mg", "", "'quoted", "a=b", "1-2"])
def test_ordinary_cells_are_unchanged(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_a_cell_already_quoted_before_a_trigger_keeps_its_quote() -> None:
    assert neutralise("'=x") == "''=x"
    assert restore("''=x") == "'=x"


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_folder_holding_one_of_the_files_is_refused_untouched(store: DiaryStore,
                                                                 tmp_path: Path) -> None:
    fill(store)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "ratings.csv").write_text("mine")

    with pytest.raises(csv_out.ExportRefused, match=r"already holds ratings\.csv"):
        csv_out.export_csv(store, folder)

    assert [p.name for p in folder.iterdir()] == ["ratings.csv"]
    assert (folder / "ratings.csv").read_text() == "mine"


def test_a_file_where_the_folder_should_be_is_refused(store: DiaryStore, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(csv_out.ExportRefused, match="is a file, not a folder"):
        csv_out.export_csv(store, tmp_path / "out")


def test_a_failure_half_way_leaves_nothing(store: DiaryStore, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fill(store)
    placed: list[Path] = []
    real_place = csv_out.place_new

    def failing_place(temporary: Path, target: Path, taken: Callable[[], Exception]) -> None:
        if len(placed) == 3:
            raise OSError(28, "No space left on device")
        real_place(temporary, target, taken)
        placed.append(target)

    monkeypatch.setattr(csv_out, "place_new", failing_place)
    folder = tmp_path / "out"

    with pytest.raises(OSError):
        csv_out.export_csv(store, folder)

    assert len(placed) == 3
    assert not folder.exists()  # made by the export, and empty again: removed


def test_an_existing_folder_is_kept_when_the_export_fails(store: DiaryStore, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    def failing_write(*args: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_out, "_write_temporary", failing_write)
    with pytest.raises(OSError):
        csv_out.export_csv(store, folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_file_system_without_hard_links_still_gets_the_files(
        store: DiaryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(store)

    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(csv_out.os, "link", no_links)
    written = csv_out.export_csv(store, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)
    assert len(read(written[0].path)) == 3
