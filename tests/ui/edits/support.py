"""What the edits tests share (no tests here): baclofen added through the window's edits."""

from __future__ import annotations

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.shell.session import DiarySession


def baclofen(session: DiarySession) -> Medication:
    return edits.add_medication(session, Medication(name="Baclofen", unit=Unit.MG,
                                                   max_daily=80_000, taper_required=True))
