"""`history` and the doses of the plan: missed ones listed at their scheduled time, every dose's
status and slot in JSON, `--status` to list one kind of dose, and `--help` saying so.

The diary is test_log.py's (`logged_diary`): baclofen 20 mg at 08:00, 14:00 and 20:00 from
6 November, backdated on purpose (it expects every dose from its start); today 08:05 taken for
the 08:00 slot and 14:40 taken unlinked. The clock is Thursday 26 November 2026, 21:00 in Paris:
today's 20:00 dose is still inside its on-time window (±60 min), so not yet missed.
"""

from __future__ import annotations

import json
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.storage.store import open_diary
from tests.cli.test_log import TODAY
from tests.cli.test_log import at
from tests.cli.test_log import logged_diary
from tests.helpers.cli import Run

YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    """The logged diary, with yesterday's 08:00 dose taken late (09:30) and its 14:00 skipped."""
    path = logged_diary(tmp_path / "person.diary", clock)
    store = open_diary(path, clock=lambda: clock[0])
    try:
        baclofen = store.medications.named("baclofen").id
        assert baclofen is not None
        store.intakes.add(Intake(baclofen, at(9, 30, YESTERDAY), 20_000,
                                 slot=Slot(YESTERDAY, time(8))))
        store.intakes.add(Intake(baclofen, at(14, 0, YESTERDAY), 20_000,
                                 status=IntakeStatus.SKIPPED, slot=Slot(YESTERDAY, time(14))))
    finally:
        store.close()
    return path


def entries(run: Run, diary: Path, *argv: str) -> list[dict[str, object]]:
    result = run("--diary", str(diary), "history", "--from", "2026-11-25", "--json", *argv)
    assert result.code == 0, result.err
    found: list[dict[str, object]] = json.loads(result.out)["entries"]
    return found


def test_a_missed_dose_in_json_carries_its_status_and_scheduled_time(run: Run,
                                                                      diary: Path) -> None:
    found = entries(run, diary)
    missed = [e for e in found if e.get("status") == "missed"]
    # Yesterday's 08:00 was taken late and its 14:00 skipped: its 20:00 alone was missed; today's
    # 20:00 is still inside its window at 21:00, not missed.
    assert missed == [
        {"type": "dose", "id": None, "at": "2026-11-25T20:00:00+01:00", "medication_id": 1,
         "medication": "Baclofen", "amount": {"thousandths": 20_000, "display": "20 mg"},
         "status": "missed", "slot": {"day": "2026-11-25", "time": "20:00"}, "note": "",
         "scheduled": "2026-11-25T20:00:00+01:00", "delay_minutes": None},
    ]


def test_each_dose_in_json_says_when_its_slot_was_due_and_how_late_it_came(
        run: Run, diary: Path) -> None:
    doses = {e["at"]: e for e in entries(run, diary)
             if e["type"] == "dose" and e["id"] is not None}
    late = doses["2026-11-25T09:30:00+01:00"]
    assert (late["status"], late["scheduled"], late["delay_minutes"]) == (
        "taken", "2026-11-25T08:00:00+01:00", 90)
    skipped = doses["2026-11-25T14:00:00+01:00"]
    assert (skipped["status"], skipped["scheduled"], skipped["delay_minutes"]) == (
        "skipped", "2026-11-25T14:00:00+01:00", None)
    unlinked = doses["2026-11-26T14:40:00+01:00"]  # logged without a slot: answers 14:00
    assert (unlinked["slot"], unlinked["scheduled"], unlinked["delay_minutes"]) == (
        None, "2026-11-26T14:00:00+01:00", 40)
    tizanidine = doses["2026-11-26T17:00:00+01:00"]  # no plan: answers no slot
    assert (tizanidine["scheduled"], tizanidine["delay_minutes"]) == (None, None)


@pytest.mark.parametrize(("status", "expected"), [
    ("taken", ["2026-11-25T09:30:00+01:00", "2026-11-26T08:05:00+01:00",
               "2026-11-26T14:40:00+01:00", "2026-11-26T17:00:00+01:00"]),
    ("skipped", ["2026-11-25T14:00:00+01:00"]),
    ("missed", ["2026-11-25T20:00:00+01:00"]),
])
def test_status_lists_one_kind_of_dose_alone(run: Run, diary: Path, status: str,
                                             expected: list[str]) -> None:
    found = entries(run, diary, "--status", status)
    assert [e["at"] for e in found] == expected
    assert {e["status"] for e in found} == {status}


def test_status_in_text_counts_what_it_lists(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "history", "--status", "missed")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    # 6 to 24 November whole (57 doses), and 25 November's 20:00.
    assert lines[0] == ("History 2026-10-28 to 2026-11-26: 0 doses, 58 missed doses, "
                        "0 ratings, 0 events")
    assert lines[-1] == "2026-11-25 20:00 +01:00  dose    Baclofen 20 mg missed (20:00 dose)"
    assert len(lines) == 1 + 58


def test_a_range_before_the_plan_has_no_missed_dose(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "history", "--from", "2026-10-01", "--to",
                 str(date(2026, 11, 5)))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == ("History 2026-10-01 to 2026-11-05: 0 doses, "
                                          "1 rating, 0 events")


def test_help_documents_missed_doses_and_the_status_filter(run: Run) -> None:
    result = run("history", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "listed as missed, at its scheduled time" in text
    assert "--status {taken,skipped,missed}" in text
    assert "scheduled" in text and "delay_minutes" in text


def test_an_unknown_status_is_a_usage_error(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "history", "--status", "late")
    assert result.code == 2
    assert "argument --status: invalid choice: 'late'" in result.err
    assert result.err.count("\n") == 1 and result.out == ""
