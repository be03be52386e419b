"""`today` on a diary file, as text and as JSON: the plan's doses and their status, the totals
against each max, today's ratings and the warnings.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_log.py's (`logged_diary`).
"""

from __future__ import annotations

import json
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.storage.store import create_diary
from tests.cli.test_log import TIMES
from tests.cli.test_log import TODAY
from tests.cli.test_log import at
from tests.cli.test_log import logged_diary
from tests.helpers.cli import Run


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return logged_diary(tmp_path / "person.diary", clock)


def test_today_as_text(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "today")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Today, Thu 26 Nov 2026 (now 21:00; the diary day starts at 04:00)"
    assert "Baclofen: 40 / 80 mg taken today" in lines
    assert "  08:00  20 mg  on time (taken 08:05)" in lines
    assert "  14:00  20 mg  on time (taken 14:40)" in lines
    assert "  20:00  20 mg  to take" in lines  # its on-time window closes at 21:00
    assert "Tizanidine: 4 / 36 mg taken today" in lines
    assert "  extra  4 mg taken at 17:00" in lines
    assert "  20:30  Spasticity 4/10" in lines


def test_today_marks_a_slot_missed_once_its_window_has_closed(
    run: Run, diary: Path, clock: list[datetime]
) -> None:
    clock[0] = at(21, 30)
    result = run("--diary", str(diary), "today")
    assert "  20:00  20 mg  missed" in result.out.splitlines()


def test_today_as_json(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "log", "dose", "baclofen", "15", "--at", "20:20").code == 0
    result = run("--diary", str(diary), "today", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["day", "now", "day_starts_at", "medications", "ratings", "warnings"]
    assert (data["day"], data["now"]) == ("2026-11-26", "2026-11-26T21:00:00+01:00")
    baclofen = data["medications"][0]
    assert baclofen["name"] == "Baclofen"
    assert baclofen["taken"] == {"thousandths": 55_000, "display": "55 mg"}
    assert baclofen["max_daily"] == {"thousandths": 80_000, "display": "80 mg"}
    assert baclofen["planned"] == {"thousandths": 60_000, "display": "60 mg"}
    assert baclofen["total_display"] == "55 / 80 mg"
    assert [s["status"] for s in baclofen["slots"]] == ["on_time", "on_time", "on_time"]
    last = baclofen["slots"][2]
    assert last["due"] == "2026-11-26T20:00:00+01:00"
    assert last["delay_minutes"] == 20
    assert last["intake"]["at"] == "2026-11-26T20:20:00+01:00"
    assert last["intake"]["amount"] == {"thousandths": 15_000, "display": "15 mg"}
    assert last["intake"]["slot"] == {"day": "2026-11-26", "time": "20:00"}
    assert data["medications"][1]["other_intakes"][0]["medication"] == "Tizanidine"
    assert [(r["symptom"], r["score"], r["scale_max"], r["at"]) for r in data["ratings"]] == [
        ("Spasticity", 4, 10, "2026-11-26T20:30:00+01:00")
    ]
    assert data["warnings"] == []


def test_today_warns_when_scheduled_doses_go_unlogged(
    run: Run, tmp_path: Path, clock: list[datetime]
) -> None:
    path = tmp_path / "gap.diary"
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    store.plans.add(PlanStep(baclofen.id or 0, TODAY - timedelta(days=5), 10_000, TIMES))
    store.intakes.add(Intake(baclofen.id or 0, at(8, 0, TODAY - timedelta(days=3)), 10_000))
    store.close()
    data = json.loads(run("--diary", str(path), "today", "--json").out)
    assert [w["kind"] for w in data["warnings"]] == ["doses_unlogged"]
    assert "Hallucinations and seizures" in data["warnings"][0]["message"]
    text = run("--diary", str(path), "today").out
    assert "\nWarnings\n  ! Baclofen: no dose has been recorded as taken" in text


def test_today_on_an_empty_diary(run: Run, tmp_path: Path, clock: list[datetime]) -> None:
    create_diary(tmp_path / "new.diary", clock=lambda: clock[0]).close()
    result = run("--diary", str(tmp_path / "new.diary"), "today")
    assert result.code == 0
    assert "No medications yet." in result.out and "No ratings yet today." in result.out
