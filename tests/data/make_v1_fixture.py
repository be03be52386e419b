"""How tests/data/diary-v1.sqlite was made, with schema v1 (0001_initial), on 2026-11-26.

Kept for the record: the committed file is the fixture, never regenerated. Run from the repo root
of the commit that made it. Later schema versions add their own fixture and script.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.domain.entities import DiaryInfo
from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import PlanStep
from diary.domain.entities import Rating
from diary.domain.entities import Slot
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from diary.storage.store import create_diary

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
now = [datetime(2026, 11, 26, 21, 0, tzinfo=CET)]
path = Path("tests/data/diary-v1.sqlite")
s = create_diary(
    path, DiaryInfo(name="Fixture Person", birth_date=date(1970, 5, 17)), clock=lambda: now[0]
)
bac = s.medications.add(
    Medication(
        name="Baclofen",
        unit=Unit.MG,
        form="tablet",
        max_daily=80000,
        taper_required=True,
        notes="from the template",
    )
)
tiz = s.medications.add(
    Medication(
        name="Tizanidine",
        unit=Unit.MG,
        max_daily=36000,
        min_interval_minutes=360,
        taper_required=True,
    )
)
s.plans.add_all(
    [
        PlanStep(
            medication_id=bac.id,
            start=date(2026, 10, 1),
            end=date(2026, 10, 3),
            amount=5000,
            times=(time(8), time(14), time(20)),
        ),
        PlanStep(
            medication_id=bac.id,
            start=date(2026, 10, 4),
            amount=10000,
            times=(time(8), time(14), time(20)),
            note="step 2",
        ),
    ]
)
s.plans.add(PlanStep(medication_id=tiz.id, start=date(2026, 10, 1), amount=2000))
a = s.intakes.add(
    Intake(
        medication_id=bac.id,
        at=datetime(2026, 10, 1, 8, 5, tzinfo=CEST),
        amount=5000,
        slot=Slot(date(2026, 10, 1), time(8)),
    )
)
s.intakes.add(
    Intake(
        medication_id=bac.id,
        at=datetime(2026, 10, 2, 1, 30, tzinfo=CEST),
        amount=5000,
        note="late night",
    )
)
s.intakes.add(
    Intake(
        medication_id=bac.id,
        at=datetime(2026, 11, 2, 14, 0, tzinfo=CET),
        amount=10000,
        status=IntakeStatus.SKIPPED,
        slot=Slot(date(2026, 11, 2), time(14)),
    )
)
d = s.intakes.add(
    Intake(medication_id=tiz.id, at=datetime(2026, 11, 3, 9, 0, tzinfo=CET), amount=2000)
)
s.intakes.delete(d.id)
s.intakes.edit(
    Intake(medication_id=bac.id, at=a.at, amount=5000, slot=a.slot, note="edited", id=a.id)
)
pain = s.symptoms.add(Symptom(name="Pain", scale_max=4))
s.ratings.add_all(
    [
        Rating(symptom_id=1, at=datetime(2026, 10, 1, 21, 0, tzinfo=CEST), score=7),
        Rating(
            symptom_id=pain.id, at=datetime(2026, 10, 1, 21, 0, tzinfo=CEST), score=3, note="knees"
        ),
    ]
)
s.events.add(
    Event(
        at=datetime(2026, 10, 15, 10, 0, tzinfo=CEST),
        kind=EventKind.APPOINTMENT,
        text="Neurologist: raise to 10 mg TID",
    )
)
s.close()
