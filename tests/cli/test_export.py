"""`export csv` and `export fhir` on the command line: the files written and their rows, private
whatever the umask, and never over an existing file."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli import Run
from tests.helpers.cli import digest

FILES = ["intakes.csv", "ratings.csv", "events.csv", "medications.csv", "symptoms.csv",
         "plan_steps.csv"]


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "20").code == 0
    return path


def rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.DictReader(handle)))


# --- export csv -----------------------------------------------------------------------------------
def test_export_prints_each_file_with_its_rows(run: Run, diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"

    result = run("--diary", str(diary), "--read-only", "export", "csv", "-o", str(out))

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(out / name) for name in FILES]
    for line, name in zip(lines, FILES, strict=True):
        count = rows(out / name)
        assert line == f"{out / name}: {count} row" + ("" if count == 1 else "s")
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
    assert rows(out / "intakes.csv") > 10


def test_export_never_overwrites(run: Run, diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run("--diary", str(diary), "export", "csv", "--out", str(out)).code == 0
    before = {name: digest(out / name) for name in FILES}

    refused = run("--diary", str(diary), "export", "csv", "-o", str(out)).one_error_line()

    assert "already holds intakes.csv" in refused and "never replaced" in refused
    assert {name: digest(out / name) for name in FILES} == before


def test_export_needs_a_folder(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "export", "csv")
    assert result.code == 2 and "-o/--out" in result.err


def test_export_files_are_private_whatever_the_umask(run: Run, diary: Path,
                                                     tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        assert run("--diary", str(diary), "export", "csv", "-o", str(tmp_path / "x")).code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == 0o700
    assert all(stat.S_IMODE((tmp_path / "x" / n).stat().st_mode) == 0o600 for n in FILES)


# --- export fhir ----------------------------------------------------------------------------------
def test_export_fhir_writes_a_private_bundle_and_never_overwrites(run: Run, tmp_path: Path) -> None:
    diary = tmp_path / "fhir.diary"
    assert run("demo", "--out", str(diary), "--days", "10").code == 0
    out = tmp_path / "bundle.json"
    result = run("--diary", str(diary), "--read-only", "export", "fhir", "-o", str(out))
    assert result.code == 0, result.err
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    administrations = [e for e in bundle["entry"]
                       if e["resource"]["resourceType"] == "MedicationAdministration"]
    assert f"MedicationAdministration {len(administrations)}" in result.out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    again = run("--diary", str(diary), "export", "fhir", "-o", str(out)).one_error_line()
    assert "already exists" in again and str(out) in again
    assert out.read_bytes() == before
