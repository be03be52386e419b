"""`history` on a diary file: the entries of a date range, oldest first, as text and as JSON.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_log.py's (`logged_diary`): its plan, backdated to 6 November, expects baclofen
three times a day, and nothing was recorded before today, so the 60 doses of 6 to 25 November
are listed as missed (test_history_missed.py says more of them).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_log import logged_diary
from tests.helpers.cli import Run


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return logged_diary(tmp_path / "person.diary", clock)


def test_history_as_text_covers_the_last_30_days_in_order(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "history")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("History 2026-10-28 to 2026-11-26: 3 doses, 60 missed doses, 1 rating, "
                        "0 events")
    assert len(lines) == 1 + 60 + 4
    assert lines[1:4] == [
        "2026-11-06 08:00 +01:00  dose    Baclofen 20 mg missed (08:00 dose)",
        "2026-11-06 14:00 +01:00  dose    Baclofen 20 mg missed (14:00 dose)",
        "2026-11-06 20:00 +01:00  dose    Baclofen 20 mg missed (20:00 dose)",
    ]
    assert lines[-5] == "2026-11-25 20:00 +01:00  dose    Baclofen 20 mg missed (20:00 dose)"
    assert lines[-4:] == [
        "2026-11-26 08:05 +01:00  dose    Baclofen 20 mg taken (08:00 dose)",
        "2026-11-26 14:40 +01:00  dose    Baclofen 20 mg taken",
        "2026-11-26 17:00 +01:00  dose    Tizanidine 4 mg taken",
        "2026-11-26 20:30 +01:00  rating  Spasticity 4/10  (stiff legs)",
    ]


def test_history_as_json_with_a_range(run: Run, diary: Path) -> None:
    assert (
        run(
            "--diary",
            str(diary),
            "log",
            "event",
            "appointment",
            "Neurology",
            "--at",
            "2026-11-26T09:00",
        ).code
        == 0
    )
    result = run(
        "--diary", str(diary), "history", "--from", "2026-10-01", "--to", "2026-11-26", "--json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["from"], data["to"]) == ("2026-10-01", "2026-11-26")
    entries = data["entries"]
    stored = [e for e in entries if e["id"] is not None]
    assert [e["type"] for e in stored] == ["rating", "dose", "event", "dose", "dose", "rating"]
    assert [e["status"] for e in entries if e["id"] is None] == ["missed"] * 60
    entries = stored
    assert entries[0] == {
        "type": "rating",
        "id": 2,
        "at": "2026-10-17T20:30:00+01:00",
        "symptom_id": 1,
        "symptom": "Spasticity",
        "score": 8,
        "scale_max": 10,
        "note": "",
    }
    assert entries[1]["amount"] == {"thousandths": 20_000, "display": "20 mg"}
    assert entries[2] == {
        "type": "event",
        "id": 1,
        "at": "2026-11-26T09:00:00+01:00",
        "kind": "appointment",
        "label": "Appointment",
        "text": "Neurology",
    }
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)


def test_history_of_a_range_without_entries(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "history", "--from", "2026-01-01", "--to", "2026-01-31")
    assert result.code == 0
    assert result.out.strip() == "History 2026-01-01 to 2026-01-31: 0 doses, 0 ratings, 0 events"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-11-27", "--to", "2026-11-26"], "--from: 2026-11-27 is after --to"),
    ],
)
def test_history_bad_dates(run: Run, diary: Path, argv: list[str], message: str) -> None:
    result = run("--diary", str(diary), "history", *argv)
    assert message in result.one_error_line()
    assert result.out == ""
