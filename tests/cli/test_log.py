"""`log dose / rating / event` on a diary file, and a diary open read-only.

Each is called in-process through `main([...])` with a fixed clock (Thursday 26 November 2026,
21:00 in Paris). Every refusal is checked for its exit status, its one line on stderr and a diary
file left byte for byte as it was. The diary here (`logged_diary`) is also the one `today`,
`history` and `check` read in their tests.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.templates import medication_from_template
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest

PARIS = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)
TIMES = (time(8), time(14), time(20))


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def logged_diary(path: Path, clock: list[datetime]) -> Path:
    """Baclofen 20 mg at 08:00, 14:00, 20:00 for three weeks; today 08:05 (linked to its slot)
    and 14:40 (not linked) taken: 40 mg so far. Tizanidine taken at 17:00 (6 h minimum interval).
    A rating this evening, another 40 days ago, an event this morning."""
    store = create_diary(path, clock=lambda: clock[0])
    baclofen = store.medications.add(medication_from_template("baclofen"))
    tizanidine = store.medications.add(medication_from_template("tizanidine"))
    assert baclofen.id is not None and tizanidine.id is not None
    store.plans.add(PlanStep(baclofen.id, TODAY - timedelta(days=20), 20_000, TIMES))
    store.intakes.add(Intake(baclofen.id, at(8, 5), 20_000, slot=Slot(TODAY, time(8))))
    store.intakes.add(Intake(baclofen.id, at(14, 40), 20_000))
    store.intakes.add(Intake(tizanidine.id, at(17), 4_000))
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    store.ratings.add(Rating(spasticity, at(20, 30), 4, "stiff legs"))
    store.ratings.add(Rating(spasticity, at(20, 30, TODAY - timedelta(days=40)), 8))
    store.close()
    return path


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return logged_diary(tmp_path / "person.diary", clock)


@contextlib.contextmanager
def opened(path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    store = open_diary(path, read_only=True, clock=lambda: clock[0])
    try:
        yield store
    finally:
        store.close()


def baclofen_today(path: Path, clock: list[datetime]) -> list[Intake]:
    with opened(path, clock) as store:
        return store.intakes.between(TODAY, TODAY, store.medications.named("baclofen").id)


# --- log dose ----------------------------------------------------------------------------------
def test_log_dose_links_the_scheduled_slot_it_answers(run: Run, diary: Path,
                                                      clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "log", "dose", "Baclofen", "20 mg", "--at", "20:10",
                 "--note", "with dinner")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Logged Baclofen 20 mg taken at 2026-11-26 20:10 +01:00 (the 20:00 dose).")
    saved = baclofen_today(diary, clock)[-1]
    assert (saved.at, saved.amount, saved.status) == (at(20, 10), 20_000, IntakeStatus.TAKEN)
    assert saved.slot == Slot(TODAY, time(20))
    assert saved.note == "with dinner"


def test_log_dose_defaults_to_now_and_case_insensitive_names(run: Run, diary: Path,
                                                             clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "log", "dose", "BACLOFEN", "20")
    assert result.code == 0, result.err
    assert baclofen_today(diary, clock)[-1].at == clock[0]


def test_an_extra_dose_answers_no_slot(run: Run, diary: Path, clock: list[datetime]) -> None:
    assert run("--diary", str(diary), "log", "dose", "baclofen", "20", "--at", "20:00").code == 0
    result = run("--diary", str(diary), "log", "dose", "baclofen", "5", "--at", "20:40")
    assert result.code == 0, result.err
    assert "(no scheduled dose)" in result.out
    assert baclofen_today(diary, clock)[-1].slot is None


def test_a_dose_that_differs_from_the_plan_is_recorded_with_a_note(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "log", "dose", "baclofen", "10", "--at", "20:00")
    assert result.code == 0, result.err
    assert "note: Baclofen: 10 mg differs from the planned 20 mg per dose." in result.out


def test_a_skipped_dose_is_recorded_as_skipped_on_its_slot(run: Run, diary: Path,
                                                           clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "log", "dose", "baclofen", "20", "--skipped",
                 "--at", "20:05")
    assert result.code == 0, result.err
    assert "20 mg skipped at" in result.out
    saved = baclofen_today(diary, clock)[-1]
    assert (saved.status, saved.slot) == (IntakeStatus.SKIPPED, Slot(TODAY, time(20)))


def test_a_dose_over_the_max_daily_amount_is_refused(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", "baclofen", "45")
    line = result.one_error_line("medication-diary: refused: ")
    assert "would take today to 85 mg, 5 mg over the 80 mg maximum per day" in line
    assert "--force" in line
    assert result.out == ""
    assert digest(diary) == before


def test_force_records_a_dose_over_the_max_with_a_warning(run: Run, diary: Path,
                                                          clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "log", "dose", "baclofen", "45", "--force")
    assert result.code == 0, result.err
    assert "warning (recorded with --force): Baclofen: this dose would take today to 85 mg" \
        in result.out
    with opened(diary, clock) as store:
        baclofen = store.medications.named("baclofen").id
        totals = [t.total for t in store.intakes.daily_totals(TODAY, TODAY)
                  if t.medication_id == baclofen]
    assert totals == [85_000]


def test_a_dose_inside_the_minimum_interval_is_refused(run: Run, diary: Path) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", "tizanidine", "4", "--at", "21:00")
    line = result.one_error_line("medication-diary: refused: ")
    assert "only 4 h from the dose at 17:00; the minimum interval is 6 h (2 h short)" in line
    assert digest(diary) == before


def test_the_interval_is_measured_across_the_diary_day_boundary(run: Run, diary: Path) -> None:
    # A dose at 04:30 belongs to today's diary day; one back-dated to 03:30 belongs to yesterday's.
    # They are an hour apart all the same.
    assert run("--diary", str(diary), "log", "dose", "tizanidine", "4", "--at", "04:30").code == 0
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", "tizanidine", "4", "--at", "03:30")
    line = result.one_error_line("medication-diary: refused: ")
    assert "only 1 h from the dose at 04:30; the minimum interval is 6 h (5 h short)" in line
    assert digest(diary) == before


def test_an_earlier_dose_is_checked_against_the_one_after_it(run: Run, diary: Path) -> None:
    # Back-dating a dose to 12:00 when one was logged at 17:00: 5 h apart, inside 6 h.
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", "tizanidine", "4", "--at", "12:00")
    line = result.one_error_line("medication-diary: refused: ")
    assert "the minimum interval is 6 h (1 h short)" in line
    assert digest(diary) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["aspirin", "20"], "no medication named 'aspirin' (known: Baclofen, Tizanidine)"),
        (["baclofen", "abc"], "amount: 'abc' is not an amount"),
        (["baclofen", "5 ml"], "amount: '5 ml' is not in mg, the unit of this medication"),
        (["baclofen", "0"], "amount: an amount must be more than zero"),
        (["baclofen", "-5"], "amount:"),
        (["baclofen", "1/2"], "only for tablets and capsules"),
        (["baclofen", "5000.5"], "more than the 5000 mg any single entry can hold"),
        (["baclofen", "20", "--at", "2026-11-26T23:30"], "is still ahead"),
        (["baclofen", "20", "--at", "yesterday"], "--at: 'yesterday' is not a time"),
        (["baclofen", "20", "--at", "25:00"], "--at: '25:00' is not a time"),
        (["baclofen", "20", "--note", "bad\x07bell"], "note: contains a control character"),
        (["baclofen", "20", "--note", "x" * 2001], "note: is 2001 characters long"),
    ],
)
def test_log_dose_bad_values_are_refused_and_nothing_is_written(
    run: Run, diary: Path, argv: list[str], message: str
) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "log", "dose", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "dose", "baclofen"],
        ["log", "dose"],
        ["log"],
        ["log", "pill", "x"],
        ["log", "dose", "baclofen", "20", "--colour", "red"],
    ],
)
def test_log_usage_errors_exit_2(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), *argv)
    assert result.code == 2
    assert "error:" in result.err and "Traceback" not in result.err
    assert result.err.count("\n") == 1
    assert digest(diary) == before


# --- log rating and log event --------------------------------------------------------------------
def test_log_rating(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run(
        "--diary",
        str(diary),
        "log",
        "rating",
        "drowsiness",
        "6",
        "--at",
        "2026-11-26T15:30",
        "--note",
        "after lunch",
    )
    assert result.code == 0, result.err
    assert result.out.strip() == "Logged Drowsiness 6/10 at 2026-11-26 15:30 +01:00."
    with opened(diary, clock) as store:
        saved = store.ratings.between(TODAY, TODAY, store.symptoms.named("Drowsiness").id)
    assert [(r.at, r.score, r.note) for r in saved] == [(at(15, 30), 6, "after lunch")]


def test_hh_mm_after_midnight_means_last_night(
    run: Run, diary: Path, clock: list[datetime]
) -> None:
    clock[0] = at(1, 30, TODAY + timedelta(days=1))
    result = run("--diary", str(diary), "log", "rating", "nausea", "2", "--at", "23:00")
    assert result.code == 0, result.err
    assert result.out.strip() == "Logged Nausea 2/10 at 2026-11-26 23:00 +01:00."


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["pain", "3"], "no symptom named 'pain' (known: Spasticity, Drowsiness, Nausea"),
        (["spasticity", "11"], "score: 11 is outside the scale 0–10"),
        (["spasticity", "-1"], "score: -1 is outside the scale 0–10"),
        (["spasticity", "4", "--at", "2026-11-27T08:00"], "is still ahead"),
        (["spasticity", "4", "--at", "1850-01-01T08:00"], "is before 1900"),
    ],
)
def test_log_rating_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "log", "rating", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_an_archived_symptom_cannot_be_rated(run: Run, diary: Path, clock: list[datetime]) -> None:
    store = open_diary(diary, clock=lambda: clock[0])
    store.symptoms.archive(store.symptoms.named("Headache").id or 0)
    store.close()
    before = digest(diary)
    result = run("--diary", str(diary), "log", "rating", "headache", "2")
    assert "the symptom 'Headache' is archived" in result.one_error_line()
    assert digest(diary) == before


def test_log_event(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run(
        "--diary",
        str(diary),
        "log",
        "event",
        "dose change",
        "Dr Rivera: 25 mg TID",
        "--at",
        "11:00",
    )
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "Logged dose change by clinician at 2026-11-26 11:00 +01:00: Dr Rivera: 25 mg TID"
    )
    with opened(diary, clock) as store:
        events = store.events.between(TODAY, TODAY)
    assert [(e.kind.value, e.text, e.at) for e in events] == [
        ("dose_change", "Dr Rivera: 25 mg TID", at(11))
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["party", "fun"], "kind: 'party' is not one of appointment, dose_change, fall"),
        (["fall", "   "], "text: must not be empty"),
        (["fall", "slipped", "--at", "2026-11-26T22:00+01:00"], "is still ahead"),
    ],
)
def test_log_event_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "log", "event", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


# --- read-only -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["log", "dose", "baclofen", "5"],
        ["log", "rating", "nausea", "1"],
        ["log", "event", "other", "x"],
    ],
)
def test_read_only_refuses_every_write(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "--read-only", *argv)
    line = result.one_error_line()
    assert f"'{' '.join(argv[:2])}' changes the diary, which is open read-only" in line
    assert digest(diary) == before


@pytest.mark.parametrize("argv", [["today", "--json"], ["history"], ["check"]])
def test_read_only_still_reads(run: Run, diary: Path, argv: list[str]) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "--read-only", *argv)
    assert result.code == 0, result.err
    assert result.out
    assert digest(diary) == before
