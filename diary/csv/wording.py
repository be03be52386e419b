"""How an import is told, in the same words in the Import dialog and on the command line: the
medications and symptoms it creates, and the lines of the file it names."""

from __future__ import annotations

from collections.abc import Sequence

from diary.domain.entities import Medication
from diary.domain.entities import Symptom

SHOWN_LINES = 10  # the line numbers named before "and N more"


def medication_list(meds: Sequence[Medication]) -> str:
    """'Tizanidine (mg), Old spray (puff, archived)'."""
    return ", ".join(f"{m.name} ({m.unit.value}{', archived' if m.archived_at else ''})"
                     for m in meds)


def symptom_list(symptoms: Sequence[Symptom]) -> str:
    """'Bladder urgency (0–4), Cramps (0–10, archived)'."""
    return ", ".join(f"{s.name} (0–{s.scale_max}{', archived' if s.archived_at else ''})"
                     for s in symptoms)


def line_list(lines: Sequence[int]) -> str:
    """'line 4', 'lines 2, 3, 5', 'lines 1, …, 10 and 7 more'."""
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"line {shown}{more}" if len(lines) == 1 else f"lines {shown}{more}"
