"""How an import is told (diary/csv/wording.py), in the same words in the Import dialog and on
the command line: the medications and symptoms it creates, and the lines of the file it names."""

from __future__ import annotations

from datetime import datetime

import pytest

from diary.csv.wording import SHOWN_LINES
from diary.csv.wording import line_list
from diary.csv.wording import medication_list
from diary.csv.wording import symptom_list
from diary.domain.entities import Medication
from diary.domain.entities import Symptom
from diary.domain.units import Unit
from tests.helpers.clock import NOW


def test_medications_are_named_with_their_unit_and_an_archived_one_says_so() -> None:
    meds = [Medication("Tizanidine", Unit.MG), Medication("Old spray", Unit.PUFF, archived_at=NOW)]
    assert medication_list(meds) == "Tizanidine (mg), Old spray (puff, archived)"


def test_symptoms_are_named_with_their_scale_and_an_archived_one_says_so() -> None:
    symptoms = [Symptom("Bladder urgency", scale_max=4),
                Symptom("Cramps", archived_at=datetime(2026, 11, 1, tzinfo=NOW.tzinfo))]
    assert symptom_list(symptoms) == "Bladder urgency (0–4), Cramps (0–10, archived)"


def test_nothing_to_name_is_an_empty_text() -> None:
    assert medication_list([]) == "" and symptom_list([]) == ""


@pytest.mark.parametrize(("lines", "text"), [
    ([4], "line 4"),
    ([2, 3, 5], "lines 2, 3, 5"),
    (list(range(1, SHOWN_LINES + 1)), "lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"),
    (list(range(1, SHOWN_LINES + 8)), "lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 7 more"),
])
def test_lines_are_named_up_to_ten_then_counted(lines: list[int], text: str) -> None:
    assert SHOWN_LINES == 10
    assert line_list(lines) == text
