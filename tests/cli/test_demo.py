"""The demo diary: deterministic, realistic, fast, and the `demo` sub-command's refusals."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import stat
import statistics
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest

from diary import demo
from diary.domain.daytime import local_day
from diary.domain.entities import EventKind
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.stats import SlotStatus
from diary.domain.stats import adherence
from diary.storage.store import DiaryStore
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every diary table (not sqlite-utils' record of when migrations ran, nor the
    seal, which is the identity of the file and never the same in two files)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\' AND name NOT LIKE 'sqlite%' AND name != 'seal' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}


@contextlib.contextmanager
def opened(path: Path, now: datetime) -> Iterator[DiaryStore]:
    store = open_diary(path, read_only=True, clock=lambda: now)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 120-day demo shared by the realism tests (they only read it)."""
    path = tmp_path_factory.mktemp("demo") / "story.diary"
    demo.build_demo(path, days=120, seed=1, now=STORY_NOW)
    return path


PARIS = timezone(timedelta(hours=1))
STORY_NOW = datetime(2026, 11, 26, 21, 0, tzinfo=PARIS)
TODAY = date(2026, 11, 26)
FIRST = TODAY - timedelta(days=119)


# --- determinism -------------------------------------------------------------------------------
def test_same_seed_gives_the_same_diary(tmp_path: Path, clock: list[datetime]) -> None:
    demo.build_demo(tmp_path / "a.diary", days=60, seed=7, now=clock[0])
    demo.build_demo(tmp_path / "b.diary", days=60, seed=7, now=clock[0])
    first, second = dump(tmp_path / "a.diary"), dump(tmp_path / "b.diary")
    assert len(first["intakes"]) > 100
    assert first == second
    assert seal(tmp_path / "a.diary") != seal(tmp_path / "b.diary"), "two files, two identities"


def seal(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return str(conn.execute("SELECT diary FROM seal").fetchone()[0])


def test_another_seed_gives_another_diary(tmp_path: Path, clock: list[datetime]) -> None:
    demo.build_demo(tmp_path / "a.diary", days=60, seed=7, now=clock[0])
    demo.build_demo(tmp_path / "b.diary", days=60, seed=8, now=clock[0])
    first, second = dump(tmp_path / "a.diary"), dump(tmp_path / "b.diary")
    assert first["ratings"] != second["ratings"]
    assert first["intakes"] != second["intakes"]
    assert first["plan_steps"] == second["plan_steps"]  # the prescriber's plan is the story's


def test_the_demo_file_is_private(story: Path) -> None:
    assert stat.S_IMODE(story.stat().st_mode) == 0o600


# --- realism -----------------------------------------------------------------------------------
def test_a_titration_from_5_to_20_mg_three_times_a_day(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        baclofen = store.medications.named("Baclofen")
        steps = store.plans.steps(baclofen.id)
    assert [s.amount for s in steps] == [5000, 10000, 15000, 20000]
    assert all(s.times == (time(8), time(14), time(20)) for s in steps)
    assert [(b.start - a.start).days for a, b in itertools.pairwise(steps)] == [3, 3, 3]
    assert steps[-1].end is None  # then a stable dose
    assert baclofen.taper_required and baclofen.max_daily == 80_000


def test_spasticity_falls_as_the_dose_rises(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        spasticity = store.symptoms.named("Spasticity").id
        first_week = [
            r.score for r in store.ratings.between(FIRST, FIRST + timedelta(days=6), spasticity)
        ]
        last_two = [
            r.score for r in store.ratings.between(TODAY - timedelta(days=13), TODAY, spasticity)
        ]
    assert len(first_week) >= 5 and len(last_two) >= 10
    assert statistics.mean(last_two) <= 0.7 * statistics.mean(first_week)  # a responder


def test_drowsiness_is_worse_in_the_hours_after_a_dose(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        baclofen = store.medications.named("Baclofen").id
        drowsiness = store.symptoms.named("Drowsiness").id
        doses = [
            i.at
            for i in store.intakes.between(FIRST, TODAY, baclofen)
            if i.status is IntakeStatus.TAKEN
        ]
        ratings = store.ratings.between(FIRST + timedelta(days=30), TODAY, drowsiness)
    soon: list[int] = []
    later: list[int] = []
    for rating in ratings:
        before = [d for d in doses if d <= rating.at]
        hours = (rating.at - max(before)).total_seconds() / 3600
        (soon if hours <= 2 else later if hours >= 4 else []).append(rating.score)
    assert len(soon) > 20 and len(later) > 5
    assert statistics.mean(soon) > statistics.mean(later) + 1


def test_doses_are_mostly_on_time_with_some_late_missed_and_skipped(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        info = store.info()
        baclofen = store.medications.named("Baclofen").id
        outcomes = adherence(
            store.plans.steps(baclofen),
            store.intakes.between(FIRST, TODAY, baclofen),
            FIRST,
            TODAY,
            STORY_NOW,
            info.day_starts_at,
            PARIS,
            timedelta(minutes=info.on_time_window_minutes),
        )
    counts: dict[SlotStatus, int] = defaultdict(int)
    for outcome in outcomes:
        counts[outcome.status] += 1
    assert counts[SlotStatus.ON_TIME] > 0.8 * len(outcomes)
    assert counts[SlotStatus.LATE] >= 3
    assert counts[SlotStatus.MISSED] >= 2
    assert counts[SlotStatus.SKIPPED] >= 1


def test_never_over_the_max_daily_amount_and_as_needed_doses_exist(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        meds = {m.id: m for m in store.medications.all()}
        totals = store.intakes.daily_totals(FIRST, TODAY)
        paracetamol = store.medications.named("Paracetamol")
        as_needed = store.intakes.between(FIRST, TODAY, paracetamol.id)
    assert totals and all(t.total <= (meds[t.medication_id].max_daily or 0) for t in totals)
    assert 2 <= len(as_needed) <= 40
    assert all(i.slot is None for i in as_needed)
    assert max(t.total for t in totals if t.medication_id != paracetamol.id) == 60_000


def test_every_seeded_symptom_is_rated_most_evenings(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        symptoms = store.symptoms.all()
        ratings = store.ratings.between(FIRST, TODAY)
    for symptom in symptoms:
        days = {local_day(r.at) for r in ratings if r.symptom_id == symptom.id}
        assert len(days) >= 100, symptom.name
    assert all(0 <= r.score <= 10 for r in ratings)


def test_a_few_events_tell_the_story(story: Path) -> None:
    with opened(story, STORY_NOW) as store:
        events = store.events.between(FIRST, TODAY)
    kinds = [e.kind for e in events]
    assert {EventKind.APPOINTMENT, EventKind.DOSE_CHANGE, EventKind.ILLNESS} <= set(kinds)
    assert 3 <= len(events) <= 8


def test_nothing_after_now_a_morning_demo_ends_in_the_morning(tmp_path: Path) -> None:
    morning = datetime.fromisoformat("2026-11-26T09:00:00+01:00")
    path = tmp_path / "morning.diary"
    demo.build_demo(path, days=20, seed=2, now=morning)
    with opened(path, morning) as store:
        today = store.intakes.between(TODAY, TODAY)
        ratings = store.ratings.between(TODAY - timedelta(days=19), TODAY)
    assert [i.slot for i in today if i.slot] in ([Slot(TODAY, time(8))], [])
    assert all(r.at <= morning for r in ratings)


def test_a_ten_year_demo_holds_ten_years_of_doses(tmp_path: Path, clock: list[datetime]) -> None:
    # How long it takes is measured by the benchmarks (bench/), never asserted here.
    demo.build_demo(tmp_path / "long.diary", days=3650, seed=1, now=clock[0])
    rows = dump(tmp_path / "long.diary")
    assert len(rows["intakes"]) > 3 * 3500


def test_a_failed_build_leaves_no_file(
    tmp_path: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValidationError("target", "broken on purpose")

    monkeypatch.setattr(demo, "titration_template", broken)
    path = tmp_path / "half.diary"
    with pytest.raises(ValidationError):
        demo.build_demo(path, days=30, now=clock[0])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("days", [0, -3, demo.MAX_DAYS + 1])
def test_build_demo_refuses_impossible_lengths(tmp_path: Path, days: int) -> None:
    with pytest.raises(ValidationError, match="days"):
        demo.build_demo(tmp_path / "x.diary", days=days)
    assert not (tmp_path / "x.diary").exists()


# --- the demo sub-command ------------------------------------------------------------------------
def test_demo_command_writes_the_same_diary_as_build_demo(
    run: Run, tmp_path: Path, clock: list[datetime]
) -> None:
    result = run("demo", "--out", str(tmp_path / "cli.diary"), "--days", "30", "--seed", "3")
    assert result.code == 0, result.err
    assert result.out.strip() == f"Wrote a 30-day demo diary (seed 3) to {tmp_path / 'cli.diary'}"
    demo.build_demo(tmp_path / "direct.diary", days=30, seed=3, now=clock[0])
    assert dump(tmp_path / "cli.diary") == dump(tmp_path / "direct.diary")
    assert stat.S_IMODE((tmp_path / "cli.diary").stat().st_mode) == 0o600


def test_demo_command_never_overwrites(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "precious.diary"
    target.write_bytes(b"somebody's real diary")
    before = digest(target)
    result = run("demo", "--out", str(target))
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("medication-diary: error: ")
    assert "already exists" in result.err
    assert digest(target) == before


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["demo", "--out", "{tmp}/a.diary", "--days", "0"], 1, "--days: 0 is not a number"),
        (["demo", "--out", "{tmp}/a.diary", "--days", "99999"], 1, "--days: 99999"),
        (["demo", "--out", "{tmp}/missing/a.diary"], 1, "does not exist"),
        (
            ["demo", "--out", "{tmp}/a.diary", "--days", "many"],
            2,
            "argument --days: 'many' is not a whole number",
        ),
        (
            ["demo", "--out", "{tmp}/a.diary", "--seed", "1.5"],
            2,
            "argument --seed: '1.5' is not a whole number",
        ),
        (["demo"], 2, "the following arguments are required: --out"),
    ],
)
def test_demo_command_bad_arguments(
    run: Run, tmp_path: Path, argv: list[str], code: int, message: str
) -> None:
    result = run(*(a.format(tmp=tmp_path) for a in argv))
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "a.diary").exists()
    assert list(tmp_path.iterdir()) == []
