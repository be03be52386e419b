"""`import csv` on the command line: output, refusals, round trips through `export csv`, and a
diary left byte-identical by every import that fails or only previews."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diary.csv import source as csv_source
from tests.cli.test_export import rows
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "20").code == 0
    return path


@pytest.fixture
def empty(run: Run, tmp_path: Path) -> Path:
    """A new diary with Baclofen in it and no entries."""
    assert run("medication", "add", "Baclofen").code == 0  # creates the default diary
    return tmp_path / "data" / "diary.sqlite"


# --- round trips through export csv ---------------------------------------------------------------
def test_round_trip_on_the_command_line(run: Run, diary: Path, empty: Path,
                                       tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run("--diary", str(diary), "export", "csv", "-o", str(out)).code == 0

    result = run("import", "csv", str(out / "intakes.csv"), "--create-medications")

    assert result.code == 0, result.err
    count = rows(out / "intakes.csv")
    assert f"Imported {count} doses, 0 ratings and 0 events." in result.out
    named = {row["medication"] for row in without_ids(out / "intakes.csv")}
    assert named == {"Baclofen", "Paracetamol"}
    assert "Created medications: Paracetamol (mg)." in result.out  # Baclofen was there
    assert run("import", "csv", str(out / "ratings.csv")).code == 0
    assert run("import", "csv", str(out / "events.csv")).code == 0
    mine = tmp_path / "again"
    assert run("export", "csv", "-o", str(mine)).code == 0
    for name in ("intakes.csv", "ratings.csv", "events.csv"):
        assert without_ids(mine / name) == without_ids(out / name)

    before = digest(empty)
    again = run("import", "csv", str(out / "intakes.csv"))
    assert again.code == 0
    assert "Imported 0 doses, 0 ratings and 0 events." in again.out
    assert f"Skipped {count} already in the diary" in again.out
    assert digest(empty) == before


def test_round_trip_with_a_custom_symptom_and_medication(run: Run, diary: Path,
                                                        tmp_path: Path) -> None:
    mine = ("--diary", str(diary))
    for command in (("symptom", "add", "Bladder urgency", "--scale", "4"),
                    ("medication", "add", "Night drops", "--unit", "ml", "--form",
                     "oral solution", "--max-daily", "12.5", "--min-interval", "6h",
                     "--taper-required", "--note", "shake"),
                    ("log", "rating", "Bladder urgency", "3", "--at", "2026-11-20 21:00"),
                    ("log", "dose", "Night drops", "2.5", "--at", "2026-11-20 21:00")):
        assert run(*mine, *command).code == 0
    out, again = tmp_path / "export", tmp_path / "again"
    assert run(*mine, "export", "csv", "-o", str(out)).code == 0
    new: tuple[str, ...] = ()  # the default diary, created by the first command

    refused = run(*new, "import", "csv", str(out / "ratings.csv"))
    assert refused.code == 1 and "symptoms not in the diary: Bladder urgency" in refused.err
    assert "--create-symptoms" in refused.err
    doses = run(*new, "import", "csv", str(out / "intakes.csv"), "--create-medications")
    ratings = run(*new, "import", "csv", str(out / "ratings.csv"), "--create-symptoms")

    assert doses.code == 0 and ratings.code == 0, doses.err + ratings.err
    assert (f"New medications take their settings (max per day, minimum interval, form, taper, "
            f"notes) from {out / 'medications.csv'}.") in doses.out
    assert "Created symptoms: Bladder urgency (0–4)." in ratings.out
    assert run(*new, "export", "csv", "-o", str(again)).code == 0
    for name in ("intakes.csv", "ratings.csv", "medications.csv"):
        assert without_ids(again / name) == without_ids(out / name)
    listed = run(*new, "symptom", "list").out
    assert "Bladder urgency" in listed and "0–4" in listed


def without_ids(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: v for k, v in row.items() if k not in ("id", "medication_id", "symptom_id")}
                for row in csv.DictReader(handle)]


# --- another app's file, a dry run, refusals ------------------------------------------------------
def test_another_apps_file_with_map(run: Run, empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Datum;Uhrzeit;Medikament;Menge\n2026-11-20;08:00;Baclofen;10 mg\n"
                    "2026-11-20;14:00;Baclofen;7,5\n", encoding="utf-8")

    result = run("import", "csv", str(path), "--map", "Datum=date", "--map", "Uhrzeit=time",
                 "--map", "Medikament=medication", "--map", "Menge=amount")

    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        f"Read {path}: 2 lines, UTF-8, semicolon-separated.",
        "Columns used: Datum, Uhrzeit, Medikament, Menge.",
        "Imported 2 doses, 0 ratings and 0 events."]
    history = run("history", "--from", "2026-11-20", "--to", "2026-11-20")
    assert "Baclofen 10 mg" in history.out and "Baclofen 7.5 mg" in history.out


def test_dry_run_writes_nothing_and_works_read_only(run: Run, empty: Path,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose,notes\n" + "".join(
        f"2026-11-{day:02d}T08:00:00+01:00,Baclofen,5,day {day}\n" for day in range(1, 9)))
    before = digest(empty)

    result = run("--read-only", "import", "csv", str(path), "--dry-run")

    assert result.code == 0, result.err
    assert digest(empty) == before
    lines = result.out.splitlines()
    assert "Dry run: nothing was written." in lines
    assert "Would import 8 doses, 0 ratings and 0 events." in lines
    assert lines[lines.index("First entries:") + 1:] == [
        f"  line {day + 1}: dose 2026-11-{day:02d} 08:00 +01:00 Baclofen 5 mg taken (day {day})"
        for day in range(1, 6)]


def test_dry_run_names_the_lines_already_present(run: Run, empty: Path,
                                                 tmp_path: Path) -> None:
    assert run("log", "dose", "Baclofen", "5", "--at", "2026-11-20T08:00").code == 0
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 09:00,Baclofen,5\n2026-11-20 08:00,Baclofen,5\n")

    result = run("import", "csv", str(path), "--dry-run")

    assert "Would import 1 dose, 0 ratings and 0 events." in result.out
    assert "Skipped 1 already in the diary: line 3." in result.out


def test_import_is_refused_read_only(run: Run, empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 09:00,Baclofen,5\n")
    refused = run("--read-only", "import", "csv", str(path)).one_error_line()
    assert "'import csv' changes the diary, which is open read-only" in refused


def test_unknown_medications_are_refused_with_what_to_add(run: Run, empty: Path,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 09:00,Gabapentin,300 mg\n"
                    "2026-11-21 09:00,Gabapentin,300 mg\n2026-11-21 09:00,Baclofen,5\n")
    before = digest(empty)

    result = run("import", "csv", str(path))

    assert result.code == 1 and result.out == ""
    lines = result.err.splitlines()
    assert lines[0] == (f"medication-diary: error: {path}: medications not in the diary: "
                        "Gabapentin (2 lines, first on line 2); nothing was imported")
    assert "--create-medications" in lines[1] and "medication add" in lines[1]
    assert digest(empty) == before
    assert run("import", "csv", str(path), "--create-medications").code == 0


def test_days_over_the_maximum_are_told_not_refused(run: Run, empty: Path,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,drug,dose\n2026-11-20 08:00,Baclofen,50\n2026-11-20 20:00,Baclofen,40\n")

    result = run("import", "csv", str(path))

    assert result.code == 0, result.err
    assert ("Note: 1 day over the 80 mg max per day of Baclofen in the imported doses (imported "
            "as they were): 2026-11-20.") in result.out


# --- malformed files: a clear error, the diary unchanged ------------------------------------------
MALFORMED = {
    "invalid bytes": (b"\xef\xbb\xbftime,drug,dose\n2026-11-20 08:00,Baclofen,5\xff\n",
                      "in.csv:2: cannot be read: the file starts with a UTF-8 byte-order mark "
                      "but byte 0xFF is not valid UTF-8"),
    "missing columns": (b"when,what\n2026-11-20 08:00,Baclofen\n",
                        "in.csv: missing required columns: time; medication and amount (doses), "
                        "or symptom and score (ratings). Found columns: 'when', 'what'"),
    "an empty file": (b"", "in.csv is empty; there is nothing to import"),
    "blank lines": (b"\r\n\r\n  \n", "in.csv is empty; there is nothing to import"),
    "a header only": (b"time,drug,dose\r\n",
                      "in.csv has a header but no rows; there is nothing to import"),
    "binary": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "in.csv is a binary file, not CSV text"),
    "broken quoting": (b'time,drug,dose\n2026-11-20 08:00,"Baclofen"x,5\n',
                       "in.csv:2: not valid CSV"),
}


@pytest.mark.parametrize("dry_run", [False, True])
def test_utf_16_without_a_byte_order_mark_is_refused_with_what_to_choose(
        run: Run, empty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        dry_run: bool) -> None:
    """Before (issue 17): a traceback, with and without --dry-run."""
    (tmp_path / "in.csv").write_bytes("time,drug,dose\n2026-11-20 08:00,Baclofen,5\n"
                                      .encode("utf-16-le"))
    monkeypatch.chdir(tmp_path)
    before = digest(empty)
    refused = run("import", "csv", "in.csv", "--encoding", "utf-16",
                  *(["--dry-run"] if dry_run else [])).one_error_line()
    assert refused == ("medication-diary: error: in.csv: cannot be read as UTF-16 (byte-order "
                       "mark): the file does not start with a byte-order mark; choose utf-16-le "
                       "or utf-16-be instead")
    assert digest(empty) == before


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_file_is_refused_in_one_line(run: Run, empty: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 case: str) -> None:
    content, message = MALFORMED[case]
    (tmp_path / "in.csv").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    before = digest(empty)

    refused = run("import", "csv", "in.csv").one_error_line()

    assert refused.startswith(f"medication-diary: error: {message}"), refused
    assert digest(empty) == before


BAD_LINES = {
    "bad dates": ("2026-13-01 08:00,Baclofen,5",
                  "in.csv:2: column time: '2026-13-01' is not a date on the calendar"),
    "bad numbers": ("2026-11-20 08:00,Baclofen,five",
                    "in.csv:2: column dose: 'five' is not an amount"),
    "an ambiguous number": ('2026-11-20 08:00,Baclofen,"1,000"',
                            "in.csv:2: column dose: '1,000' is ambiguous"),
    "zero": ("2026-11-20 08:00,Baclofen,0",
             "in.csv:2: column dose: an amount must be more than zero"),
    "a contradicting unit": ("2026-11-20 08:00,Baclofen,5 ml",
                             "in.csv:2: column dose: '5 ml' is not in mg, the unit of this "
                             "medication"),
    "over the ceiling": ("2026-11-20 08:00,Baclofen,50000",
                         "in.csv:2: column dose: 50000 mg is more than the 5000 mg any single "
                         "entry can hold; check the decimal point"),
    "in the future": ("2026-11-27 08:00,Baclofen,5",
                      "in.csv:2: column time: 2026-11-27 08:00 is still ahead (it is 2026-11-26 "
                      "21:00 now on that clock)"),
    "a bad status": ("2026-11-20 08:00,Baclofen,5,missed",
                     "in.csv:2: column status: 'missed' is neither taken nor skipped"),
    # Before (issue 17): a traceback from Python's timezone.
    "an offset of a day": ("2026-11-20T08:00+24:00,Baclofen,5",
                           "in.csv:2: column time: '08:00+24:00': +24:00 is not a UTC offset; "
                           "offsets run from -18:00 to +18:00"),
    "an offset past 18 hours": ("2026-11-20T08:00-18:30,Baclofen,5",
                                "in.csv:2: column time: '08:00-18:30': -18:30 is not a UTC "
                                "offset"),
    "offset minutes past 59": ("2026-11-20T08:00+01:75,Baclofen,5",
                               "in.csv:2: column time: '08:00+01:75': +01:75 is not a UTC "
                               "offset"),
}


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_a_bad_line_is_named_with_its_column(run: Run, empty: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    line, detail = BAD_LINES[case]
    (tmp_path / "in.csv").write_text(f"time,drug,dose,status\n{line}\n2026-11-20 09:00,"
                                     "Baclofen,5,\n")
    monkeypatch.chdir(tmp_path)
    before = digest(empty)

    result = run("import", "csv", "in.csv")

    assert result.code == 1 and result.out == ""
    summary, *details = result.err.splitlines()
    assert summary.startswith("medication-diary: error: in.csv: 1 line with errors (column ")
    assert summary.endswith("; nothing was imported")
    assert len(details) == 1 and details[0].startswith(detail), details
    assert digest(empty) == before


def test_many_bad_lines_are_capped(run: Run, empty: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in.csv").write_text("time,drug,dose\n" + "".join(
        f"2026-11-20 08:{minute:02d},Baclofen,x\n" for minute in range(25)) +
        "2026-11-20 09:00,Baclofen,5\n2026-11-20 09:30,Baclofen,5\n" +
        "".join(f"2026-11-20 10:{minute:02d},Baclofen,5\n" for minute in range(60, 63)))
    monkeypatch.chdir(tmp_path)
    before = digest(empty)

    result = run("import", "csv", "in.csv")

    summary, *details = result.err.splitlines()
    assert summary == ("medication-diary: error: in.csv: 28 lines with errors (column dose: 25, "
                       "column time: 3); nothing was imported")
    assert [d.split(":")[1] for d in details[:20]] == [str(n) for n in range(2, 22)]
    assert details[20:] == ["... and 8 more"]
    assert digest(empty) == before


def dose_file(path: Path, size: int) -> Path:
    """A CSV file of valid dose lines, exactly `size` bytes long (the last note pads it)."""
    line = b"2026-11-20 08:00,Baclofen,5,\n"
    head = b"time,drug,dose,note\n"
    count = max((size - len(head)) // len(line) - 1, 0)
    padding = size - len(head) - count * len(line) - len(line)
    with open(path, "wb") as handle:
        handle.write(head)
        handle.write(line * count)
        handle.write(line[:-1] + b"x" * padding + b"\n")
    assert path.stat().st_size == size
    return path


@pytest.mark.parametrize("size", [csv_source.MAX_BYTES + 1, 50_300_000])
def test_a_file_over_the_limit_is_refused_before_reading(run: Run, empty: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         size: int) -> None:
    dose_file(tmp_path / "big.csv", size)
    monkeypatch.chdir(tmp_path)
    before = digest(empty)

    refused = run("import", "csv", "big.csv").one_error_line()

    assert refused == (f"medication-diary: error: big.csv is {size / 1e6:.1f} MB ({size:,} "
                       f"bytes); an import reads at most {csv_source.MAX_BYTES / 1e6:g} MB "
                       f"({csv_source.MAX_BYTES:,} bytes): split the file (by year, for "
                       "example)")
    assert digest(empty) == before


def test_a_file_at_the_limit_is_read(run: Run, empty: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_source, "MAX_BYTES", 4000)
    monkeypatch.chdir(tmp_path)
    dose_file(tmp_path / "at.csv", 4000)
    dose_file(tmp_path / "over.csv", 4001)

    assert run("import", "csv", "over.csv", "--dry-run").code == 1
    read = run("import", "csv", "at.csv", "--dry-run")

    assert read.code == 0, read.err
    doses = len((tmp_path / "at.csv").read_bytes().splitlines()) - 1
    assert f"Would import {doses} doses, 0 ratings and 0 events." in read.out


def test_a_missing_file_or_a_folder(run: Run, empty: Path, tmp_path: Path) -> None:
    missing = run("import", "csv", str(tmp_path / "nope.csv")).one_error_line()
    assert missing.endswith("nope.csv: there is no such file or folder")
    folder = run("import", "csv", str(tmp_path)).one_error_line()
    assert folder.endswith("is a folder; give the CSV file in it")


# --- options --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("argv", "message"), [
    (["--map", "Dose"], "argument --map: 'Dose' is not COLUMN=FIELD"),
    (["--map", "Dose=quantity"], "argument --map: 'quantity' is not a field"),
    (["--delimiter", "ab"], "argument --delimiter: 'ab' is not one delimiter character"),
    (["--date-order", "ymd"], "argument --date-order: invalid choice: 'ymd'"),
])
def test_option_errors_are_usage_errors(run: Run, tmp_path: Path, argv: list[str],
                                        message: str) -> None:
    result = run("import", "csv", str(tmp_path / "in.csv"), *argv)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1


def test_tab_as_the_delimiter_option(run: Run, empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.tsv"
    path.write_text("time\tdrug\tdose\n2026-11-20 08:00\tBaclofen\t5\n")
    result = run("import", "csv", str(path), "--delimiter", "tab")
    assert result.code == 0, result.err
    assert "tab-separated" in result.out.splitlines()[0]


def test_import_with_a_named_encoding(run: Run, empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("time,drug,dose,note\n2026-11-20 09:00,Baclofen,5,Thé\n".encode("mac-roman"))
    result = run("import", "csv", str(path), "--encoding", "mac-roman")
    assert result.code == 0, result.err
    assert "Mac OS Roman" in result.out
    refused = run("import", "csv", str(path), "--encoding", "klingon").one_error_line()
    assert refused == ("medication-diary: error: 'klingon' is not an encoding read here; use "
                       "one of utf-8, utf-8-sig, utf-16, utf-16-le, utf-16-be, cp1252, latin-1, "
                       "mac-roman")
