"""The demo diary (diary/demo.py) as its story tells it: a made-up person, a baseline week of
ratings before baclofen, the clinic visit and the prescription that start it, paracetamol as
needed, and nothing outside the days asked for. How real it looks and the `demo` sub-command are
tests/cli/test_demo.py."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest

from diary import demo
from diary.domain.entities import EventKind
from diary.storage.store import open_diary
from tests.helpers.clock import NOW

TODAY = date(2026, 11, 26)
DAYS = 40
FIRST = TODAY - timedelta(days=DAYS - 1)


@pytest.fixture(scope="module")
def diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.diary"
    demo.build_demo(path, days=DAYS, seed=7, now=NOW)
    return path


def test_the_diary_is_a_made_up_persons(diary: Path) -> None:
    with open_diary(diary, read_only=True) as store:
        assert store.info().name == demo.PERSON == "Sam Demo (a made-up person)"
        assert [m.name for m in store.medications.all()] == ["Baclofen", "Paracetamol"]


def test_a_baseline_week_of_ratings_comes_before_the_first_baclofen_dose(diary: Path) -> None:
    start = FIRST + timedelta(days=demo.BASELINE_DAYS)
    with open_diary(diary, read_only=True) as store:
        baclofen = store.medications.named("Baclofen")
        doses = store.intakes.between(FIRST, TODAY, baclofen.id)
        assert doses and min(i.at.date() for i in doses) == start
        assert store.ratings.between(FIRST, start - timedelta(days=1))  # rated before it
        [first_step] = [s for s in store.plans.steps(baclofen.id) if s.start == start]
        assert first_step.amount == 5_000 and len(first_step.times) == 3
        assert max(s.amount for s in store.plans.steps(baclofen.id)) == demo.TARGET_PER_DOSE


def test_the_clinic_visit_the_day_before_and_the_prescription_start_it(diary: Path) -> None:
    start = FIRST + timedelta(days=demo.BASELINE_DAYS)
    with open_diary(diary, read_only=True) as store:
        events = store.events.between(FIRST, TODAY)
    kinds = {(e.kind, e.at.date()) for e in events}
    assert (EventKind.APPOINTMENT, start - timedelta(days=1)) in kinds
    assert (EventKind.DOSE_CHANGE, start) in kinds


def test_paracetamol_is_taken_as_needed_a_gram_at_a_time(diary: Path) -> None:
    with open_diary(diary, read_only=True) as store:
        paracetamol = store.medications.named("Paracetamol")
        [step] = store.plans.steps(paracetamol.id)
        doses = store.intakes.between(FIRST, TODAY, paracetamol.id)
    assert step.as_needed and step.amount == demo.PARACETAMOL_DOSE
    assert doses and {i.amount for i in doses} == {demo.PARACETAMOL_DOSE}
    assert {i.slot for i in doses} == {None}


def test_nothing_outside_the_days_asked_for(diary: Path) -> None:
    with open_diary(diary, read_only=True) as store:
        everything = store.intakes.between(date.min, date.max)
        ratings = store.ratings.between(date.min, date.max)
        assert everything == store.intakes.between(FIRST, TODAY)
        assert ratings == store.ratings.between(FIRST, TODAY)
    assert all(entry.at <= NOW for entry in [*everything, *ratings])


def test_a_demo_ending_on_another_day_ends_that_day(tmp_path: Path) -> None:
    path = tmp_path / "earlier.diary"
    last = date(2026, 6, 30)
    demo.build_demo(path, days=10, today=last, now=NOW)
    with open_diary(path, read_only=True) as store:
        ratings = store.ratings.between(date.min, date.max)
    assert max(r.at.date() for r in ratings) == last
    assert min(r.at.date() for r in ratings) >= last - timedelta(days=9)


def test_an_existing_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "mine.diary"
    path.write_bytes(b"mine")
    with pytest.raises(Exception, match="already exists"):
        demo.build_demo(path, days=10, now=NOW)
    assert path.read_bytes() == b"mine"


def test_each_medication_has_a_look_of_its_own(diary: Path) -> None:
    """Told apart in every list, reminder and chart by colour and by shape (the looks their ids
    give: none is chosen, so a demo shows the automatic ones)."""
    with open_diary(diary, read_only=True) as store:
        meds = store.medications.all(include_archived=True)
    assert all(m.colour is None and m.shape is None for m in meds)
    assert len({m.look.colour for m in meds}) == len({m.look.shape for m in meds}) == len(meds)
