"""Malformed CSV files against `import csv`, with and without --dry-run: whatever the file holds
(another encoding, NUL bytes, a huge field, a broken quote, an offset of a day, a number where a
date belongs, a date where a number belongs), the command ends with exit status 0 or with one
refusal that names the file, never a traceback, and a refused import leaves the diary
byte-identical. This is what found the offsets and the UTF-16 file without its mark (issue 17).

Seeded and quick by default; MEDICATION_DIARY_CSV_CASES=2000 (and MEDICATION_DIARY_SEED) for a
long run."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.helpers.cli import Run
from tests.helpers.cli import digest

CASES = int(os.environ.get("MEDICATION_DIARY_CSV_CASES", "60"))
SEED = int(os.environ.get("MEDICATION_DIARY_SEED", "20261126"))

HEADERS = ["time,medication,amount", "time,medication,amount,status,note",
           "time,symptom,score", "time,symptom,score,scale_max", "when;what;how much",
           "Reminded;Name;Dosage;Taken", "time\tmedication\tamount", ""]
TIMES = ["2026-11-20 08:00", "2026-11-20T08:00+01:00", "2026-11-20T08:00+24:00",
         "2026-11-20T08:00-18:30", "2026-11-20T08:00+01:75", "20/11/2026 8:00 PM", "08:00",
         "2026-13-40 25:61", "0000-01-01 00:00", "9999-12-31 23:59", "2026-11-20T08:00Z",
         "1e9", "", " ", "2026-11-20 08:00:00.123456+05:45", "2026-02-29 08:00"]
VALUES = ["Baclofen", "10 mg", "10", "0", "-5", "1e308", "nan", "inf", "5000000", "1,000",
          "½", "10 tablets", "Spasticity", "11", "4", "taken", "skipped", "missed", "=cmd|x",
          "\x00", "é" * 3, "x" * 70_000, '"', '""', "a\nb", "\u202e", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]


def random_file(rng: random.Random) -> tuple[bytes, list[str]]:
    """The bytes of a CSV file, and the options to import it with."""
    delimiter = rng.choice([",", ";", "\t", "|"])
    lines = [rng.choice(HEADERS).replace(",", delimiter)]
    for _ in range(rng.randint(0, 6)):
        cells = [rng.choice(TIMES)] + [rng.choice(VALUES) for _ in range(rng.randint(0, 5))]
        lines.append(delimiter.join(cells))
    text = rng.choice(["\n", "\r\n", "\r"]).join(lines) + rng.choice(["", "\n"])
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors="replace")
    if rng.random() < 0.2:  # damage: cut short, or a stray byte
        at = rng.randint(0, len(data))
        data = data[:at] + (bytes([rng.randint(0, 255)]) if rng.random() < 0.5 else b"")
    options = []
    if rng.random() < 0.4:
        options += ["--encoding", rng.choice([*ENCODINGS, "utf16", "macroman", "ebcdic"])]
    if rng.random() < 0.3:
        options += ["--delimiter", rng.choice([",", ";", "tab", "pipe", "xx"])]
    if rng.random() < 0.3:
        options += ["--date-order", rng.choice(["dmy", "mdy"])]
    if rng.random() < 0.3:
        options += ["--map", rng.choice(["when=time", "what=medication", "how much=amount",
                                         "Taken=time", "nothing=time", "=="])]
    if rng.random() < 0.3:
        options.append(rng.choice(["--create-medications", "--create-symptoms"]))
    return data, options


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "10").code == 0
    return path


@pytest.mark.parametrize("batch", range(4))
def test_no_csv_file_ends_in_a_traceback_or_changes_a_refusing_diary(
        run: Run, diary: Path, tmp_path: Path, batch: int) -> None:
    rng = random.Random(SEED * 4 + batch)
    for case in range(CASES // 4):
        data, options = random_file(rng)
        source = tmp_path / f"in-{batch}-{case}.csv"
        source.write_bytes(data)
        dry = rng.random() < 0.5
        before = digest(diary)
        result = run("--diary", str(diary), "import", "csv", str(source), *options,
                     *(["--dry-run"] if dry else []))
        where = f"case {batch}/{case}: {options} {data[:200]!r}"
        assert "Traceback" not in result.err, where
        assert result.code in (0, 1, 2), where
        if result.code:  # 1: refused; 2: the command line's own words were off
            start = {1: "medication-diary: error: ", 2: "medication-diary import csv: error: "}
            assert result.err.startswith(start[result.code]), where
            assert digest(diary) == before, where
        if dry:
            assert digest(diary) == before, where
