"""How tests/data/diary-v3.sqlite was made, with schema v3 (0003_step_recorded), on 2026-12-07.

Kept for the record: the committed file is the fixture, never regenerated. Run from the repo root
of the commit that made it. It is the v2 fixture as this version upgrades it, plus one plan step
entered at 22:00 on the day it starts (so it carries a recording time), written at schema 3.
"""

import shutil
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.domain.entities import PlanStep
from diary.storage.store import open_diary

CET = timezone(timedelta(hours=1))
now = datetime(2026, 12, 7, 22, 0, tzinfo=CET)
path = Path("tests/data/diary-v3.sqlite")
shutil.copyfile("tests/data/diary-v2.sqlite", path)
with open_diary(path, clock=lambda: now) as diary:
    tizanidine = diary.medications.named("Tizanidine")
    assert tizanidine.id is not None
    diary.plans.add(PlanStep(tizanidine.id, date(2026, 12, 7), 2_000, (time(8), time(20)),
                                 note="written at schema 3", recorded_at=now))
for copy in path.parent.glob("diary-v3.before-upgrade-*"):
    copy.unlink()
