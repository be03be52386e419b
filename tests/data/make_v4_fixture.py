"""How tests/data/diary-v4.sqlite was made, with schema v4 (0004_looks_and_person), on 2026-12-08.

Kept for the record: the committed file is the fixture, never regenerated. Run from the repo root
of the commit that made it. It is the v3 fixture as this version upgrades it, plus, written at
schema 4: Baclofen's chosen look (green capsule; Tizanidine keeps the automatic one, and its
record in the audit trail, written before the columns existed, lacks them), and the person's
condition and prescriber.
"""

import shutil
from dataclasses import replace
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.storage.store import open_diary

CET = timezone(timedelta(hours=1))
now = datetime(2026, 12, 8, 9, 30, tzinfo=CET)
path = Path("tests/data/diary-v4.sqlite")
shutil.copyfile("tests/data/diary-v3.sqlite", path)
with open_diary(path, clock=lambda: now) as diary:
    baclofen = diary.medications.named("Baclofen")
    diary.medications.edit(replace(baclofen, colour=Colour.GREEN, shape=Shape.CAPSULE))
    diary.update_info(replace(diary.info(), condition="Multiple sclerosis",
                              prescriber="Dr. Fixture, Neurology"))
for copy in path.parent.glob("diary-v4.before-upgrade-*"):
    copy.unlink()
