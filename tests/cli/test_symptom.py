"""`symptom add / list / rename / archive / unarchive` from the command line, and a symptom of
one's own rated like the seeded ones.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_medication.py's (`regimen_diary`); every refusal is one line on stderr, exit
status 1, and a diary file left byte for byte as it was.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from diary.domain.entities import Symptom
from diary.storage.store import create_diary
from tests.cli.test_medication import TODAY
from tests.cli.test_medication import regimen_diary
from tests.cli.test_medication import stored
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def empty(tmp_path: Path, clock: list[datetime]) -> Path:
    """A new diary: the four seeded symptoms, no medication."""
    path = tmp_path / "new.diary"
    create_diary(path, clock=lambda: clock[0]).close()
    return path


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return regimen_diary(tmp_path / "person.diary", clock)


def test_symptom_add_on_either_scale(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "symptom", "add", "Leg pain")
    assert result.out == "Added symptom Leg pain, rated 0–10 (0 = none, 10 = worst imaginable).\n"
    result = run("--diary", str(diary), "symptom", "add", "Bladder urgency", "--scale", "4")
    assert result.out == "Added symptom Bladder urgency, rated 0–4 (0 = none, 4 = severe).\n"
    with stored(diary, clock) as store:
        added = [(s.name, s.scale_max, s.position) for s in store.symptoms.all()][4:]
    assert added == [("Leg pain", 10, 4), ("Bladder urgency", 4, 5)]
    assert run("--diary", str(diary), "log", "rating", "bladder urgency", "3").code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Pain", "--scale", "7"], "--scale: a scale is 0–10 or 0–4, not 0–7"),
        (["spasticity"], "name: a symptom named 'spasticity' already exists"),
        ([""], "name: must not be empty"),
        (["tab\there"], "name: contains a control character"),
    ],
)
def test_symptom_add_bad_values(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "symptom", "add", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_symptom_list_text_and_json(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "symptom", "archive", "nausea").code == 0
    lines = run("--diary", str(diary), "symptom", "list").out.splitlines()
    assert lines == ["Spasticity: 0–10 (0 = none, 10 = worst imaginable)",
                     "Drowsiness: 0–10 (0 = none, 10 = worst imaginable)",
                     "Headache: 0–10 (0 = none, 10 = worst imaginable)"]
    every = run("--diary", str(diary), "symptom", "list", "--all").out.splitlines()
    assert every[2] == "Nausea: 0–10 (0 = none, 10 = worst imaginable) (archived 2026-11-26)"
    data = json.loads(run("--diary", str(diary), "symptom", "list", "--all", "--json").out)
    assert list(data) == ["symptoms"]
    assert data["symptoms"][2] == {"id": 3, "name": "Nausea", "scale_max": 10, "position": 2,
                                   "archived_at": "2026-11-26T20:00:00+00:00"}


def test_symptom_rename_keeps_the_ratings(run: Run, diary: Path, clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "symptom", "rename", "spasticity", "Stiffness")
    assert result.out == "Renamed Spasticity to Stiffness; its ratings keep their history.\n"
    with stored(diary, clock) as store:
        stiffness = store.symptoms.named("stiffness")
        assert [r.score for r in store.ratings.between(TODAY, TODAY, stiffness.id)] == [5]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rename", "pain", "Ache"], "no symptom named 'pain' (known: Spasticity, Drowsiness"),
        (["rename", "nausea", "HEADACHE"], "name: a symptom named 'HEADACHE' already exists"),
        (["rename", "nausea", " "], "name: must not be empty"),
        (["archive", "pain"], "no symptom named 'pain'"),
        (["unarchive", "nausea"], "the symptom 'Nausea' is not archived"),
    ],
)
def test_symptom_bad_names(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "symptom", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_symptom_archive_and_unarchive(run: Run, diary: Path, clock: list[datetime]) -> None:
    assert run("--diary", str(diary), "symptom", "archive", "headache").code == 0
    with stored(diary, clock) as store:
        assert store.symptoms.named("headache").archived_at is not None
    before = digest(diary)
    for argv, message in (
        (["symptom", "archive", "headache"], "the symptom 'Headache' is archived already"),
        (["symptom", "add", "headache"], "a symptom named 'Headache' already exists, archived; "
                                         "bring it back with 'symptom unarchive Headache'"),
        (["log", "rating", "headache", "2"], "the symptom 'Headache' is archived"),
    ):
        assert message in run("--diary", str(diary), *argv).one_error_line()
    assert digest(diary) == before
    result = run("--diary", str(diary), "symptom", "unarchive", "Headache")
    assert result.out == "Unarchived Headache: rate it with 'log rating Headache SCORE'.\n"
    assert run("--diary", str(diary), "log", "rating", "headache", "2").code == 0


def test_a_symptom_of_ones_own_is_rated_like_the_seeded_ones(run: Run, empty: Path,
                                                             clock: list[datetime]) -> None:
    assert run("--diary", str(empty), "symptom", "add", "Spasm frequency", "--scale", "4").code == 0
    result = run("--diary", str(empty), "log", "rating", "spasm frequency", "5")
    assert "score: 5 is outside the scale 0–4" in result.one_error_line()
    assert run("--diary", str(empty), "log", "rating", "spasm frequency", "3").code == 0
    with stored(empty, clock) as store:
        symptom: Symptom = store.symptoms.named("Spasm frequency")
        assert [r.score for r in store.ratings.between(TODAY, TODAY, symptom.id)] == [3]
