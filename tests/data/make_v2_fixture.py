"""How tests/data/diary-v2.sqlite was made, with schema v2 (0002_seal), on 2026-12-06.

Kept for the record: the committed file is the fixture, never regenerated. Run from the repo root
of the commit that made it. It is the v1 fixture as this version upgrades it, plus one entry
written at schema 2, so it holds everything the v1 fixture holds and a seal that has been bumped.
"""

import shutil
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.domain.entities import Event
from diary.domain.entities import EventKind
from diary.storage.store import open_diary

CET = timezone(timedelta(hours=1))
now = datetime(2026, 12, 6, 20, 0, tzinfo=CET)
path = Path("tests/data/diary-v2.sqlite")
shutil.copyfile("tests/data/diary-v1.sqlite", path)
with open_diary(path, clock=lambda: now) as diary:
    diary.events.add(Event(at=datetime(2026, 12, 1, 9, 0, tzinfo=CET), kind=EventKind.OTHER,
                          text="written at schema 2"))
for copy in path.parent.glob("diary-v2.before-upgrade-*"):
    copy.unlink()
