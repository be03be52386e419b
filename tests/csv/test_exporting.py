"""`export csv` at the export layer: the files, their columns and values, formula neutralising
(checked on the raw bytes, and read back by the import), never overwriting, and nothing left
behind by a failure."""

from __future__ import annotations

import contextlib
import csv
import io
import stat
from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv import importing as csv_in
from diary.csv.cells import FORMULA_TRIGGERS
from diary.csv.cells import neutralise
from diary.csv.mapping import build_mapping
from diary.csv.source import open_source
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.helpers.clock import NOW

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
FILES = ["intakes.csv", "ratings.csv", "events.csv", "medications.csv", "symptoms.csv",
         "plan_steps.csv"]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def fill(store: DiaryStore) -> tuple[Medication, Medication]:
    baclofen = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                               taper_required=True))
    drops = store.medications.add(Medication("=cmd|' /C calc'!A0", Unit.DROP, form=""))
    assert baclofen.id is not None and drops.id is not None
    store.intakes.add(Intake(baclofen.id, datetime(2026, 11, 26, 8, 0, tzinfo=CET), 7500,
                            slot=Slot(date(2026, 11, 26), time(8, 0)), note="with breakfast"))
    # 01:30 belongs to the diary day before (the day starts at 04:00).
    store.intakes.add(Intake(baclofen.id, datetime(2026, 11, 26, 1, 30, tzinfo=CET), 5000,
                            IntakeStatus.SKIPPED, note="=HYPERLINK(\"http://x\")"))
    store.intakes.add(Intake(drops.id, datetime(2026, 7, 1, 9, 15, 30, tzinfo=CEST), 2000))
    gone = store.intakes.add(Intake(baclofen.id, datetime(2026, 11, 25, 8, 0, tzinfo=CET), 5000))
    assert gone.id is not None
    store.intakes.delete(gone.id)
    spasticity = store.symptoms.named("Spasticity")
    assert spasticity.id is not None
    store.ratings.add(Rating(spasticity.id, datetime(2026, 11, 26, 20, 0, tzinfo=CET), 6,
                            note="+ worse after walking"))
    store.events.add(Event(datetime(2026, 11, 20, 10, 0, tzinfo=CET), EventKind.APPOINTMENT,
                          "@clinic visit"))
    store.plans.add(PlanStep(baclofen.id, date(2026, 11, 1), 5000,
                                 (time(8), time(14), time(20)), end=date(2026, 11, 3),
                                 note="-first step"))
    store.plans.add(PlanStep(drops.id, date(2026, 11, 1), 2000))
    return baclofen, drops


def test_the_six_files_with_their_rows(store: DiaryStore, tmp_path: Path) -> None:
    baclofen, drops = fill(store)
    folder = tmp_path / "new" / "export"

    written = csv_out.export_csv(store, folder)

    assert [(w.path.name, w.rows) for w in written] == [
        ("intakes.csv", 3), ("ratings.csv", 1), ("events.csv", 1), ("medications.csv", 2),
        ("symptoms.csv", len(store.symptoms.all(include_archived=True))), ("plan_steps.csv", 2)]
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
    symptoms = read(folder / "symptoms.csv")
    assert list(symptoms[0]) == list(csv_out.SYMPTOM_COLUMNS)
    assert [(s["id"], s["name"], s["scale_max"], s["position"], s["archived"])
            for s in symptoms] == [(str(s.id), s.name, str(s.scale_max), str(s.position), "")
                                   for s in store.symptoms.all()]
    steps = read(folder / "plan_steps.csv")
    assert list(steps[0]) == list(csv_out.PLAN_STEP_COLUMNS)
    assert [(s["medication"], s["start"], s["end"], s["amount"], s["as_needed"], s["times"],
             s["note"], s["recorded"]) for s in steps] == [
        ("Baclofen", "2026-11-01", "2026-11-03", "5", "no", "08:00 14:00 20:00", "'-first step",
         ""),
        ("'=cmd|' /C calc'!A0", "2026-11-01", "", "2", "yes", "", "", "")]


def test_plan_steps_say_when_they_were_recorded(store: DiaryStore, tmp_path: Path) -> None:
    """A step entered at 22:00 expects no dose due before then, and its row says when it was
    entered, in the offset it was entered in; a step backdated on purpose (recorded_at None)
    expects every dose from its start, and its `recorded` is empty."""
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    times = (time(8), time(14), time(20))
    store.plans.add(PlanStep(med.id, date(2026, 11, 1), 5000, times, end=date(2026, 11, 25)))
    store.plans.add(PlanStep(med.id, date(2026, 11, 26), 10_000, times,
                                 recorded_at=datetime(2026, 11, 26, 22, 0, tzinfo=CET)))
    store.plans.add(PlanStep(med.id, date(2026, 7, 1), 5000, times, end=date(2026, 7, 2),
                                 recorded_at=datetime(2026, 7, 1, 21, 15, 30, tzinfo=CEST)))

    csv_out.export_csv(store, tmp_path / "out")

    steps = read(tmp_path / "out" / "plan_steps.csv")
    assert list(steps[0])[-1] == "recorded"
    assert [(s["start"], s["amount"], s["recorded"]) for s in steps] == [
        ("2026-07-01", "5", "2026-07-01T21:15:30+02:00"),
        ("2026-11-01", "5", ""),
        ("2026-11-26", "10", "2026-11-26T22:00:00+01:00"),
    ]


def test_the_exported_plan_file_is_refused_on_import(store: DiaryStore, tmp_path: Path) -> None:
    """plan_steps.csv is for reading: the file as exported, `recorded` column and all, is named
    and refused, not read as doses."""
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    assert med.id is not None
    store.plans.add(PlanStep(med.id, date(2026, 11, 26), 5000, (time(8),),
                                 recorded_at=datetime(2026, 11, 26, 22, 0, tzinfo=CET)))
    csv_out.export_csv(store, tmp_path / "out")
    path = tmp_path / "out" / "plan_steps.csv"

    with pytest.raises(csv_in.CsvImportError, match=r"plan_steps\.csv, which is not imported"):
        csv_in.plan_import(path, "plan_steps.csv", store,
                           csv_in.ImportOptions(create_medications=True), NOW)


def test_an_archived_medication_is_exported_with_its_time(store: DiaryStore,
                                                          tmp_path: Path) -> None:
    med = store.medications.add(Medication("Tizanidine", Unit.MG))
    assert med.id is not None
    store.medications.archive(med.id)

    csv_out.export_csv(store, tmp_path / "out")

    [row] = read(tmp_path / "out" / "medications.csv")
    assert row["archived"] == "2026-11-26T20:00:00+00:00"  # the test clock's instant, in UTC


def test_a_medications_chosen_look_is_exported_and_an_automatic_one_left_empty(
        store: DiaryStore, tmp_path: Path) -> None:
    store.medications.add(Medication("Tizanidine", Unit.MG, colour=Colour.VERMILION,
                                     shape=Shape.DIAMOND))
    store.medications.add(Medication("Baclofen", Unit.MG, shape=Shape.CAPSULE))

    csv_out.export_csv(store, tmp_path / "out")

    rows = read(tmp_path / "out" / "medications.csv")
    assert list(rows[0]) == list(csv_out.MEDICATION_COLUMNS)
    assert list(csv_out.MEDICATION_COLUMNS[-2:]) == ["colour", "shape"]
    assert [(r["name"], r["colour"], r["shape"]) for r in rows] == [
        ("Baclofen", "", "capsule"), ("Tizanidine", "vermilion", "diamond")]


# --- the raw files ------------------------------------------------------------------------------
INJECTIONS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "a;=1+1", "a,=1+1", "'=1+1",
              "x,=HYPERLINK(\"http://x\")", "a;\"b\";=1", "x\n=1+1", "\uff1d1+1", " =1+1",
              "''@x"]


def pieces_outside_quotes(text: str, separator: str) -> list[str]:
    """The raw text cut at every separator and line end that is not between double quotes: the
    cells a spreadsheet splitting on `separator` would make (a doubled quote toggles twice)."""
    pieces, piece, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if not quoted and char in (separator, "\r", "\n"):
            pieces.append(piece)
            piece = ""
        else:
            piece += char
    return [*pieces, piece]


def assert_safe_raw(path: Path) -> list[list[str]]:
    """The file's raw bytes: every field in double quotes, no cell that could start a formula
    however the lines are split, and no trigger at the start of a field's text. Its rows."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    again = io.StringIO(newline="")
    csv.writer(again, quoting=csv.QUOTE_ALL).writerows(rows)
    assert again.getvalue() == text  # every field quoted (empty ones too), quotes doubled
    for separator in (";", ",", "\t", "|"):
        for piece in pieces_outside_quotes(text, separator):
            assert piece == "" or piece.startswith('"'), (separator, piece)
            assert not piece.lstrip().startswith(FORMULA_TRIGGERS), (separator, piece)
    for row in rows:
        for cell in row:
            assert not cell.lstrip().startswith(FORMULA_TRIGGERS), cell
    return rows


@pytest.mark.parametrize("text", INJECTIONS)
def test_an_injection_is_inert_in_the_raw_files_and_comes_back(store: DiaryStore, tmp_path: Path,
                                                               text: str) -> None:
    med = store.medications.add(Medication("Baclofen", Unit.MG))
    spasticity = store.symptoms.named("Spasticity")
    assert med.id is not None and spasticity.id is not None
    store.intakes.add(Intake(med.id, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000, note=text))
    store.ratings.add(Rating(spasticity.id, datetime(2026, 11, 20, 9, 0, tzinfo=CET), 4,
                            note=text))
    store.events.add(Event(datetime(2026, 11, 20, 10, 0, tzinfo=CET), EventKind.OTHER, text))
    store.plans.add(PlanStep(med.id, date(2026, 11, 1), 5000, (time(8),), note=text))
    [stored] = store.intakes.between(date.min, date.max)  # as the diary keeps it (trimmed)
    folder = tmp_path / "csv"

    csv_out.export_csv(store, folder)

    for name in FILES:
        assert_safe_raw(folder / name)
    [_, intake] = assert_safe_raw(folder / "intakes.csv")
    assert intake[-1] == neutralise(stored.note)
    if ";" in stored.note:
        quoted = '"' + neutralise(stored.note).replace('"', '""') + '"'
        assert quoted.encode() in (folder / "intakes.csv").read_bytes()
    with contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        for name in ("intakes.csv", "ratings.csv", "events.csv"):
            path = folder / name
            plan = csv_in.plan_import(path, name, new,
                                      csv_in.ImportOptions(create_medications=True), NOW)
            csv_in.apply(new, plan)
        assert [i.note for i in new.intakes.between(date.min, date.max)] == [stored.note]
        assert [r.note for r in new.ratings.between(date.min, date.max)] == [stored.note]
        assert [e.text for e in new.events.between(date.min, date.max)] == [stored.note]


@pytest.mark.parametrize("text", [*INJECTIONS, "\r=1", "\n=1", "\u3000\uff1d1"])
def test_a_cell_is_read_back_exactly_as_written(tmp_path: Path, text: str) -> None:
    """Below the diary's own trimming of notes: a guarded cell comes back from the import's
    reading of the file exactly, the whitespace before its trigger included."""
    row = ["1", "2026-11-20T08:00:00+01:00", "2026-11-20", "1", text, "5", "mg", "taken", "", "",
           text]
    path = csv_out._write_temporary(tmp_path, "intakes.csv", csv_out.INTAKE_COLUMNS, [row])

    assert_safe_raw(path)
    with open_source(path, "intakes.csv") as source:
        assert source.delimiter == ","
        mapping = build_mapping(source.header, [], "intakes.csv")
        [(_, cells)] = list(source.records())
    assert mapping.cell(cells, "medication") == text
    assert mapping.cell(cells, "note") == text


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
