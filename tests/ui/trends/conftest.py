"""The Trends tests' fixtures: a diary with months of doses and ratings to draw, and the demo
diary (two medications, four symptoms, events)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import pytest

from diary.demo import build_demo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.units import Unit
from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from tests.ui.trends.support import FIRST_EVENT
from tests.ui.trends.support import TODAY
from tests.ui.trends.support import at


@pytest.fixture
def diary(session: DiarySession) -> DiarySession:
    """Baclofen 10 mg three times a day from 1 November, taken at 08:00 and 14:00 (the 20:00
    dose missed) every day to today, spasticity rated each evening; an event on 3 May, and a
    deleted rating before it that must not count as the first entry."""
    store = session.store
    med = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
    assert med.id is not None
    store.plans.add_all([PlanStep(med.id, date(2026, 11, 1), 10_000,
                                   (time(8), time(14), time(20)))])
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    day = date(2026, 11, 1)
    while day <= TODAY:
        for hour in (8, 14):
            store.intakes.add(Intake(med.id, at(day, hour), 10_000))
        store.ratings.add(Rating(spasticity, at(day, 19), 6 - day.day % 3))
        day += timedelta(days=1)
    store.events.add(Event(at(FIRST_EVENT, 12), EventKind.APPOINTMENT, "neurologist"))
    early = store.ratings.add(Rating(spasticity, at(date(2026, 1, 5), 19), 7))
    assert early.id is not None
    store.ratings.delete(early.id)
    return session


@pytest.fixture
def demo(qapp: object, tmp_path: Path, clock: list[datetime]) -> Iterator[DiarySession]:
    """The demo diary of 120 days ending on the tests' day, as the window opens it."""
    path = tmp_path / "demo.diary"
    build_demo(path, now=clock[0])
    session = DiarySession(open_diary(path, clock=lambda: clock[0]), lambda: clock[0])
    yield session
    session.close()
