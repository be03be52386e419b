"""How an imported CSV file is read: encodings, delimiters, column names, dates and times."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from diary.csv import importing as csv_in
from diary.csv.importing import CsvImportError, ImportOptions
from diary.csv.mapping import parse_map
from diary.csv.source import detect_delimiter
from diary.csv.values import DateOrder, moment, parse_clock, parse_day
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from tests.helpers.clock import NOW

PARIS = ZoneInfo("Europe/Paris")
CET = timezone(timedelta(hours=1))


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(Medication("Baclofen", Unit.MG))


def plan(store: DiaryStore, path: Path, now: datetime = NOW,
         **options: object) -> csv_in.ImportPlan:
    return csv_in.plan_import(path, path.name, store, ImportOptions(**options),  # type: ignore[arg-type]
                              now)


def amounts(found: csv_in.ImportPlan) -> list[tuple[str, int, str]]:
    return [(i.intake.at.isoformat(), i.intake.amount, i.intake.note) for i in found.intakes]


# --- encodings ------------------------------------------------------------------------------------
TEXT = "time,medication,amount,note\n2026-11-20 08:00,Baclofen,5,café ½ ☕\n"


@pytest.mark.parametrize(("encoding", "label"), [
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 with byte-order mark"),
    ("utf-16", "UTF-16 (byte-order mark)"),
    ("utf-16-le", "UTF-16 little-endian (no byte-order mark)"),
    ("utf-16-be", "UTF-16 big-endian (no byte-order mark)"),
])
def test_unicode_encodings(store: DiaryStore, baclofen: Medication, tmp_path: Path,
                           encoding: str, label: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(TEXT.encode(encoding))

    found = plan(store, path)

    assert found.source.encoding == label
    assert amounts(found) == [("2026-11-20T08:00:00+01:00", 5000, "café ½ ☕")]


def test_windows_1252_only_when_the_file_is_not_utf8(store: DiaryStore, baclofen: Medication,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("time,medication,amount,note\n2026-11-20 08:00,Baclofen,5,café – ok\n"
                     .encode("cp1252"))

    found = plan(store, path)

    assert found.source.encoding == "Windows-1252 (the file is not valid UTF-8)"
    assert amounts(found)[0][2] == "café – ok"


@pytest.mark.parametrize(("written", "named", "label"), [
    ("cp1252", "latin-1", "ISO-8859-1 (Latin-1)"),  # what detection cannot tell: the person can
    ("mac-roman", "MacRoman", "Mac OS Roman"),
    ("utf-16-le", "UTF_16_LE", "UTF-16 little-endian (no byte-order mark)"),
])
def test_an_encoding_the_person_names_wins(store: DiaryStore, baclofen: Medication,
                                           tmp_path: Path, written: str, named: str,
                                           label: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("time,medication,amount,note\n2026-11-20 08:00,Baclofen,5,été\n"
                     .encode(written))
    found = plan(store, path, encoding=named)
    assert found.source.encoding == label
    assert amounts(found)[0][2] == "été"


def test_an_unknown_or_wrong_encoding_is_named(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"time,medication,amount\n2026-11-20 08:00,Baclofen,5\n")
    with pytest.raises(CsvImportError, match="'ebcdic' is not an encoding read here; use one "
                       "of utf-8, utf-8-sig"):
        plan(store, path, encoding="ebcdic")
    path.write_bytes(b"time,medication,amount\n2026-11-20 08:00,Baclofen,5 \xff\n")
    with pytest.raises(CsvImportError, match=r"in.csv:2: cannot be read: read as UTF-8, byte "
                       r"0xFF is not valid UTF-8"):
        plan(store, path, encoding="utf8")


def test_nul_bytes_that_are_not_utf16_still_mean_binary(store: DiaryStore,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"time,medication\0\0\0,amount,more text here\n")
    with pytest.raises(CsvImportError, match="binary file, not CSV text"):
        plan(store, path)


def test_utf32_is_refused_by_name(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(TEXT.encode("utf-32"))
    with pytest.raises(CsvImportError, match="in UTF-32"):
        plan(store, path)


def test_a_control_character_means_binary(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"time,medication\x07,amount\n")
    with pytest.raises(CsvImportError, match=r"binary file.*U\+0007"):
        plan(store, path)


# --- delimiters -----------------------------------------------------------------------------------
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(store: DiaryStore, baclofen: Medication, tmp_path: Path,
                                    delimiter: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(delimiter.join(["time", "medication", "amount", "note"]) + "\n"
                    + delimiter.join(["2026-11-20 08:00", "Baclofen", "5", "a note"]) + "\n")

    found = plan(store, path)

    assert found.source.delimiter == delimiter
    assert amounts(found) == [("2026-11-20T08:00:00+01:00", 5000, "a note")]


def test_decimal_commas_do_not_fool_the_detection() -> None:
    # One comma on every line, the header's included: csv.Sniffer alone prefers the comma.
    sample = "Date;Time;Drug;Dose, mg\n" + "2026-11-20;08:00;Baclofen;7,5\n" * 3
    assert csv.Sniffer().sniff(sample, delimiters=",;").delimiter == ","
    assert detect_delimiter(sample) == ";"


def test_the_delimiter_option_wins(store: DiaryStore, baclofen: Medication,
                                   tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time;medication;amount;note\n2026-11-20 08:00;Baclofen;5;x,y,z\n")

    with pytest.raises(CsvImportError, match="missing required columns"):
        plan(store, path, delimiter=",")
    assert amounts(plan(store, path, delimiter=";"))[0][2] == "x,y,z"


# --- lines ----------------------------------------------------------------------------------------
def test_a_note_over_several_lines_and_line_numbers_after_it(store: DiaryStore,
                                                             baclofen: Medication,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('time,medication,amount,note\n2026-11-20 08:00,Baclofen,5,"one\ntwo"\n\n'
                    "2026-11-20 14:00,Baclofen,five,\n")

    with pytest.raises(CsvImportError) as refused:
        plan(store, path)

    assert refused.value.details == [
        "in.csv:5: column amount: 'five' is not an amount; type a number such as 5 or 7.5"]


def test_a_line_with_more_cells_than_the_header(store: DiaryStore, baclofen: Medication,
                                                tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount\n2026-11-20 08:00,Baclofen,7,5\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details == ["in.csv:2: has 4 cells but the header names 3 columns; "
                                     "check the delimiter"]


def test_a_line_ending_early_leaves_its_last_cells_empty(store: DiaryStore,
                                                         baclofen: Medication,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount,note\n2026-11-20 08:00,Baclofen,5\n")
    assert amounts(plan(store, path)) == [("2026-11-20T08:00:00+01:00", 5000, "")]


# --- columns --------------------------------------------------------------------------------------
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


def test_the_programs_plan_file_is_not_imported(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "plan_steps.csv"
    path.write_text("id,medication_id,medication,start,end,amount,unit,as_needed,times,note\n"
                    "1,1,Baclofen,2026-11-01,,5,mg,no,08:00,\n")
    with pytest.raises(CsvImportError, match=r"plan_steps\.csv, which is not imported"):
        plan(store, path)


# --- dates and times ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "order", "expected"), [
    ("2026-11-05", None, date(2026, 11, 5)),
    ("2026/11/05", None, date(2026, 11, 5)),
    ("05.11.2026", None, date(2026, 11, 5)),
    ("25/11/2026", None, date(2026, 11, 25)),
    ("11/25/2026", None, date(2026, 11, 25)),
    ("05/11/2026", DateOrder.DMY, date(2026, 11, 5)),
    ("05/11/2026", DateOrder.MDY, date(2026, 5, 11)),
])
def test_dates(text: str, order: DateOrder | None, expected: date) -> None:
    assert parse_day(text, order) == expected


@pytest.mark.parametrize(("text", "order", "message"), [
    ("05/11/2026", None, "could be day/month/year or month/day/year"),
    ("25/11/2026", DateOrder.MDY, "not a date on the calendar"),
    ("2026-02-30", None, "not a date on the calendar"),
    ("1850-01-01", None, "outside 1900-2200"),
    ("Nov 5 2026", None, "is not a date"),
])
def test_bad_dates(text: str, order: DateOrder | None, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_day(text, order)


@pytest.mark.parametrize(("text", "hour", "minute", "second"), [
    ("08:00", 8, 0, 0), ("8:05", 8, 5, 0), ("20.30", 20, 30, 0), ("08:00:45", 8, 0, 45),
    ("12:15 AM", 0, 15, 0), ("12:15 pm", 12, 15, 0), ("8:00 p.m.", 20, 0, 0),
])
def test_times_of_day(text: str, hour: int, minute: int, second: int) -> None:
    clock, offset = parse_clock(text)
    assert (clock.hour, clock.minute, clock.second, offset) == (hour, minute, second, None)


@pytest.mark.parametrize("text", ["24:00", "13:00 PM", "8", "08:60", "noon"])
def test_bad_times_of_day(text: str) -> None:
    with pytest.raises(ValidationError, match="time"):
        parse_clock(text)


def test_a_moment_with_its_own_offset_keeps_it() -> None:
    at = moment(None, "2026-07-01T08:00:00-04:00", NOW, None)
    assert at.isoformat() == "2026-07-01T08:00:00-04:00"
    assert moment(None, "2026-07-01 06:00Z", NOW, None).isoformat() == "2026-07-01T06:00:00+00:00"


def test_a_moment_without_an_offset_is_local_time_with_the_seasons_offset() -> None:
    now = NOW.astimezone(PARIS)
    assert moment(None, "2026-07-01 08:00", now, None).isoformat() == "2026-07-01T08:00:00+02:00"
    assert moment("2026-01-10", "08:00", now, None).isoformat() == "2026-01-10T08:00:00+01:00"


def test_a_time_the_clocks_skipped_is_refused(store: DiaryStore, baclofen: Medication,
                                              tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,time,drug,dose\n2026-03-29,02:30,Baclofen,5\n"
                    "2026-03-29,03:30,Baclofen,5\n")

    with pytest.raises(CsvImportError) as refused:
        plan(store, path, now=NOW.astimezone(PARIS))

    assert refused.value.details == ["in.csv:2: column time: 2026-03-29 02:30 does not exist "
                                     "here: the clocks went forward then"]


def test_a_date_without_a_time_is_refused(store: DiaryStore, baclofen: Medication,
                                          tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20,Baclofen,5\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details[0].startswith("in.csv:2: column time: '2026-11-20' has no time "
                                               "of day; map the column holding it")


def test_a_date_column_alone_is_a_missing_column(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,drug,dose\n2026-11-20,Baclofen,5\n")
    with pytest.raises(CsvImportError, match="missing required columns: time \\(a date column "
                       "alone gives no time of day\\)"):
        plan(store, path)


def test_slash_dates_in_a_file_need_the_order_when_ambiguous(store: DiaryStore,
                                                             baclofen: Medication,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,time,drug,dose\n05/11/2026,08:00,Baclofen,5\n")

    with pytest.raises(CsvImportError, match="column date: 1"):
        plan(store, path)
    # The test's zone is a fixed +01:00 (the zone of the clock's "now").
    found = plan(store, path, date_order=DateOrder.MDY)
    assert amounts(found)[0][0] == "2026-05-11T08:00:00+01:00"
