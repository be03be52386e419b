"""The summary's tests: a diary with a known plan and known answers (`known`), and the view over
it, shown at a size a laptop gives the window."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.ui.shell.session import DiarySession
from diary.ui.summary import SummaryView
from tests.helpers.clock import NOW

TODAY = NOW.date()  # Thursday 26 November 2026; the clock says 21:00 in Paris
BACLOFEN_TIMES = (time(8), time(11), time(14), time(17))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=NOW.tzinfo)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def fill_known(store: DiaryStore) -> dict[str, int]:
    """Baclofen 20 mg at 08:00, 11:00, 14:00 and 17:00 and tizanidine 4 mg at 22:00, both from
    three days ago (backdated on purpose), paracetamol as needed. Today: 08:00 taken at 08:05,
    11:00 taken late at 12:20, 14:00 skipped at 14:02, 17:00 missed, tizanidine's 22:00 not yet
    due; paracetamol taken at 13:10. Yesterday every dose taken on time; two days ago nothing;
    three days ago baclofen's 08:00 skipped. Spasticity rated 6 two days ago and 4 tonight,
    drowsiness 2 yesterday; a fall two days ago."""
    bac = store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
    tiz = store.medications.add(Medication(name="Tizanidine", unit=Unit.MG))
    par = store.medications.add(Medication(name="Paracetamol", unit=Unit.MG))
    assert bac.id is not None and tiz.id is not None and par.id is not None
    store.plans.add_all([PlanStep(bac.id, ago(3), 20_000, BACLOFEN_TIMES),
                         PlanStep(tiz.id, ago(3), 4_000, (time(22),))])

    def taken(med: int, day: date, hour: int, minute: int = 0, slot: time | None = None,
              status: IntakeStatus = IntakeStatus.TAKEN, amount: int = 20_000) -> None:
        store.intakes.add(Intake(med, at(day, hour, minute), amount, status,
                                 Slot(day, slot) if slot else None))

    taken(bac.id, TODAY, 8, 5, time(8))
    taken(bac.id, TODAY, 12, 20)  # unlinked: answers 11:00, late
    taken(bac.id, TODAY, 14, 2, time(14), IntakeStatus.SKIPPED)
    taken(par.id, TODAY, 13, 10, amount=1_000_000)
    for slot in BACLOFEN_TIMES:
        taken(bac.id, ago(1), slot.hour, 0, slot)
    taken(tiz.id, ago(1), 22, 0, time(22), amount=4_000)
    taken(bac.id, ago(3), 8, 0, time(8), IntakeStatus.SKIPPED)
    spasticity = store.symptoms.named("Spasticity").id
    drowsiness = store.symptoms.named("Drowsiness").id
    assert spasticity is not None and drowsiness is not None
    store.ratings.add_all([Rating(spasticity, at(ago(2), 20, 30), 6),
                           Rating(spasticity, at(TODAY, 20, 30), 4),
                           Rating(drowsiness, at(ago(1), 20, 30), 2)])
    store.events.add(Event(at(ago(2), 10), EventKind.FALL, "Slipped in the hall"))
    return {"baclofen": bac.id, "tizanidine": tiz.id, "paracetamol": par.id}


@pytest.fixture
def known(session: DiarySession) -> dict[str, int]:
    return fill_known(session.store)


@pytest.fixture
def view(qtbot, session: DiarySession, known: dict[str, int]) -> SummaryView:  # type: ignore[no-untyped-def]
    widget = SummaryView(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 680)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
