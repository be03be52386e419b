"""How an imported CSV file is read (diary/csv/source.py): encodings, binary files refused,
delimiters, lines and their numbers, and the program's plan file refused. Its columns, cells and
values are tests/csv/test_mapping.py, test_rows.py and test_values.py."""

from __future__ import annotations

import csv
from datetime import timedelta
from datetime import timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from diary.csv.importing import CsvImportError
from diary.csv.source import detect_delimiter
from diary.domain.entities import Medication
from diary.storage.store import DiaryStore
from tests.csv.support import amounts
from tests.csv.support import plan

PARIS = ZoneInfo("Europe/Paris")
CET = timezone(timedelta(hours=1))


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


# --- columns --------------------------------------------------------------------------------------
def test_the_programs_plan_file_is_not_imported(store: DiaryStore, tmp_path: Path) -> None:
    path = tmp_path / "plan_steps.csv"
    path.write_text("id,medication_id,medication,start,end,amount,unit,as_needed,times,note\n"
                    "1,1,Baclofen,2026-11-01,,5,mg,no,08:00,\n")
    with pytest.raises(CsvImportError, match=r"plan_steps\.csv, which is not imported"):
        plan(store, path)


# --- dates and times ------------------------------------------------------------------------------
