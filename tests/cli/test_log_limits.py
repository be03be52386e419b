"""The max per day and the plan on the command line: `today` flags a day over the max and the
doses that would take it there, `log dose` notes a dose beyond the plan, names the day a
back-dated refusal is about, refuses an archived medication by saying so, and checks and saves a
dose in one transaction.

In-process through `main([...])`; the clock is Thursday 26 November 2026 in Paris, moved per test.
"""

from __future__ import annotations

import json
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.storage import dosing
from diary.storage.file import uselock
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

PARIS = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    """Baclofen (max 80 mg/day), planned 20 mg at 08:00, 14:00 and 20:00 for three weeks; no
    dose logged yet."""
    path = tmp_path / "limits.diary"
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    assert baclofen.id is not None
    store.plans.add(PlanStep(baclofen.id, TODAY - timedelta(days=20), 20_000, TIMES))
    store.close()
    return path


def taken(path: Path, clock: list[datetime], *doses: tuple[datetime, int]) -> None:
    """Doses stored as they were (no safety check), as --force or an import would."""
    store = open_diary(path, clock=lambda: clock[0])
    try:
        for moment, amount in doses:
            store.intakes.add(Intake(1, moment, amount))
    finally:
        store.close()


def total_today(path: Path, clock: list[datetime]) -> int:
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        return sum(i.amount for i in store.intakes.between(TODAY, TODAY, 1))
    finally:
        store.close()


# --- today ---------------------------------------------------------------------------------------
def test_today_flags_a_day_over_the_max_in_words_and_in_json(run: Run, diary: Path,
                                                             clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 80_000), (at(14, 5), 45_000))
    clock[0] = at(15)
    lines = run("--diary", str(diary), "today").out.splitlines()
    assert "Baclofen: 125 / 80 mg taken today — 45 mg OVER the maximum" in lines
    assert "  20:00  20 mg  to take — would exceed the 80 mg maximum" in lines
    data = json.loads(run("--diary", str(diary), "today", "--json").out)
    baclofen = data["medications"][0]
    assert baclofen["over_max"] == {"thousandths": 45_000, "display": "45 mg"}
    assert [s["would_exceed_max"] for s in baclofen["slots"]] == [False, False, True]


def test_at_the_max_the_doses_still_to_take_say_they_would_exceed_it(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 40_000), (at(13, 55), 40_000))
    clock[0] = at(15)
    result = run("--diary", str(diary), "today")
    lines = result.out.splitlines()
    assert "Baclofen: 80 / 80 mg taken today" in lines  # exactly the max is allowed
    assert "OVER" not in result.out
    assert "  20:00  20 mg  to take — would exceed the 80 mg maximum" in lines
    data = json.loads(run("--diary", str(diary), "today", "--json").out)
    assert data["medications"][0]["over_max"] is None


def test_only_the_doses_that_would_go_over_are_flagged(run: Run, diary: Path,
                                                       clock: list[datetime]) -> None:
    """45 mg taken: the 14:00 dose makes 65 mg, the 20:00 one would make 85 mg."""
    taken(diary, clock, (at(8, 5), 45_000))
    clock[0] = at(12)
    lines = run("--diary", str(diary), "today").out.splitlines()
    assert "  14:00  20 mg  to take" in lines
    assert "  20:00  20 mg  to take — would exceed the 80 mg maximum" in lines


def test_a_day_within_the_plan_has_no_marker(run: Run, diary: Path,
                                             clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 20_000))
    clock[0] = at(12)
    result = run("--diary", str(diary), "today")
    assert "would exceed" not in result.out and "OVER" not in result.out
    assert "  20:00  20 mg  to take" in result.out.splitlines()


# --- log dose: beyond the plan --------------------------------------------------------------------
def test_a_dose_more_than_the_plans_count_is_noted(run: Run, diary: Path,
                                                   clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 20_000), (at(14, 5), 20_000), (at(20, 5), 20_000))
    result = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "20:45")
    assert result.code == 0, result.err
    assert ("note: Baclofen: beyond the plan: 4 doses taken today, and the plan has 3 a day; "
            "80 mg taken today, above the planned 60 mg/day.") in result.out.splitlines()


def test_a_day_total_above_the_plan_is_noted(run: Run, diary: Path,
                                             clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 25_000), (at(14, 5), 25_000))
    result = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "20:05")
    assert result.code == 0, result.err
    assert ("note: Baclofen: beyond the plan: 70 mg taken today, above the planned 60 mg/day."
            ) in result.out.splitlines()


def test_a_dose_within_the_plan_has_no_beyond_note(run: Run, diary: Path,
                                                   clock: list[datetime]) -> None:
    taken(diary, clock, (at(8, 5), 20_000))
    result = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "14:05")
    assert result.code == 0, result.err
    assert "beyond the plan" not in result.out
    skipped = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "20:05",
                  "--skipped")
    assert "beyond the plan" not in skipped.out


# --- log dose: the day a refusal is about -------------------------------------------------------
def test_a_back_dated_dose_over_the_max_names_its_day(run: Run, diary: Path,
                                                      clock: list[datetime]) -> None:
    before = digest(diary)
    refused = run("--diary", str(diary), "log", "dose", "baclofen", "85",
                  "--at", "2026-11-20T10:00")
    line = refused.one_error_line("medication-diary: refused: ")
    assert ("Baclofen: this dose would take Fri 20 Nov 2026 to 85 mg, 5 mg over the 80 mg "
            "maximum per day.") in line
    assert "today" not in line
    assert digest(diary) == before
    forced = run("--diary", str(diary), "log", "dose", "baclofen", "85",
                 "--at", "2026-11-20T10:00", "--force")
    assert ("warning (recorded with --force): Baclofen: this dose would take Fri 20 Nov 2026 "
            "to 85 mg, 5 mg over the 80 mg maximum per day.") in forced.out.splitlines()


def test_a_dose_over_the_max_today_still_says_today(run: Run, diary: Path) -> None:
    refused = run("--diary", str(diary), "log", "dose", "baclofen", "85", "--at", "10:00")
    assert ("Baclofen: this dose would take today to 85 mg"
            in refused.one_error_line("medication-diary: refused: "))


# --- log dose: an archived medication -------------------------------------------------------------
def test_a_dose_of_an_archived_medication_says_it_is_archived(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "medication", "archive", "baclofen",
               "--lower-dose").code == 0
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", "baclofen", "5")
    assert result.one_error_line() == (
        "medication-diary: error: the medication 'baclofen' is archived; bring it back with "
        "'medication unarchive baclofen' first")
    assert digest(diary) == before


# --- log dose: one transaction --------------------------------------------------------------------
def test_a_dose_written_by_another_program_during_the_check_is_not_overrun(
        run: Run, diary: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    """40 mg taken; while `log dose 20` checks its dose (60 mg, within the max), another program
    saves 40 mg (its own check passed at 80 mg). Both together would be 100 mg: the second save
    must not happen on a check that no longer holds."""
    taken(diary, clock, (at(8, 5), 40_000))
    real_check = vars(dosing)["check_dose"]

    def check_while_another_writes(*args: object, **kwargs: object) -> object:
        # A program that does not take the one-writer lock (another platform, an old version):
        # SQLite's own locking must still keep the check and the save together.
        with monkeypatch.context() as m:
            m.setattr(uselock, "hold_writer", lambda path: None)
            other = open_diary(diary, clock=lambda: clock[0])
        try:
            other.intakes.add(Intake(1, at(14, 10), 40_000))
        finally:
            other.close()
        return real_check(*args, **kwargs)

    monkeypatch.setattr(dosing, "check_dose", check_while_another_writes)
    result = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "14:05")
    assert "another program wrote to the diary" in result.one_error_line()
    assert total_today(diary, clock) == 80_000
