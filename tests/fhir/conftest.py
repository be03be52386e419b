"""The diary every FHIR test may ask for."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from tests.fhir.support import NEW_YORK
from tests.helpers.clock import PARIS_WINTER


@pytest.fixture
def diary(store: DiaryStore) -> DiaryStore:
    """A small hand-made diary: baclofen titrated at set times, paracetamol tablets as needed,
    doses taken and skipped (one deleted), ratings on a 0-10 and a 0-4 scale (one deleted)."""
    store.update_info(DiaryInfo(name="Ada Example", birth_date=date(1970, 5, 17)))
    bac = store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000,
                                          taper_required=True))
    para = store.medications.add(Medication("Paracetamol", Unit.TABLET, form="tablet"))
    assert bac.id is not None and para.id is not None
    times = (time(8), time(14), time(20))
    store.plans.add_all([
        PlanStep(bac.id, date(2026, 11, 20), 5_000, times, end=date(2026, 11, 22)),
        PlanStep(bac.id, date(2026, 11, 23), 7_500, times, end=date(2026, 11, 30),
                 note="Step 2 of the titration"),
        PlanStep(bac.id, date(2026, 12, 1), 10_000, times),
        PlanStep(para.id, date(2026, 11, 1), 1_000, note="For headache"),
    ])
    slot = Slot(date(2026, 11, 26), time(8))
    at = datetime(2026, 11, 26, 8, 10, tzinfo=PARIS_WINTER)
    store.intakes.add(Intake(bac.id, at, 7_500, slot=slot, note="With breakfast"))
    store.intakes.add(Intake(bac.id, at + timedelta(hours=6), 7_500, IntakeStatus.SKIPPED,
                            Slot(slot.day, time(14)), note="Too drowsy"))
    store.intakes.add(Intake(para.id, datetime(2026, 11, 25, 20, 0, tzinfo=NEW_YORK), 500))
    deleted = store.intakes.add(Intake(bac.id, at - timedelta(hours=1), 7_500,
                                      note="Logged twice by mistake"))
    assert deleted.id is not None
    store.intakes.delete(deleted.id)
    bladder = store.symptoms.add(Symptom("Bladder urgency", scale_max=4))
    assert bladder.id is not None
    spasticity = store.symptoms.named("Spasticity").id
    assert spasticity is not None
    evening = datetime(2026, 11, 26, 20, 30, tzinfo=PARIS_WINTER)
    store.ratings.add_all([Rating(spasticity, evening, 6, "Stiff in the morning"),
                       Rating(bladder.id, evening, 3)])
    gone = store.ratings.add(Rating(spasticity, evening - timedelta(hours=3), 9))
    assert gone.id is not None
    store.ratings.delete(gone.id)
    store.medications.archive(para.id)
    return store
