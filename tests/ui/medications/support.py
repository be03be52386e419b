"""Helpers the plan tests share (no tests here): a medication added through the window's edits,
and its plan as (start, end, amount). The `view` fixture is in conftest.py."""

from __future__ import annotations

from datetime import date

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def add_med(session: DiarySession, name: str = "Baclofen", max_daily: int | None = 80_000,
            unit: Unit = Unit.MG) -> Medication:
    return edits.add_medication(session, Medication(name, unit, max_daily=max_daily,
                                                   taper_required=True))


def steps_of(session: DiarySession, med: Medication) -> list[tuple[date, date | None, int]]:
    return [(s.start, s.end, s.amount) for s in session.store.plans.steps(med.id)]
