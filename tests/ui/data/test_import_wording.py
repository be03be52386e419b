"""The Import dialog's words: counts said as a person says them, the lists of what an import
creates, and the engine's advice said in the dialog's terms instead of the command line's."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui.data.import_wording import CREATE_SYMPTOMS_LABEL
from diary.ui.data.import_wording import counts_text
from diary.ui.shell.session import DiarySession
from tests.helpers.clock import NOW
from tests.ui.data.support import demo_csv
from tests.ui.data.support import previewed
from tests.ui.data.support import shown_errors
from tests.ui.data.support import write


@pytest.mark.parametrize(("counts", "text"), [
    ((42, 10, 0), "42 doses and 10 ratings"),
    ((1, 0, 2), "1 dose and 2 events"),
    ((3, 4, 5), "3 doses, 4 ratings and 5 events"),
    ((0, 1, 0), "1 rating"),
    ((0, 0, 0), "nothing"),
])
def test_counts_in_words(counts: tuple[int, int, int], text: str) -> None:
    assert counts_text(*counts) == text


def test_an_unknown_symptom_says_where_to_add_it(qtbot, session: DiarySession,
                                                 tmp_path: Path) -> None:
    path = write(tmp_path / "pain.csv", "time,symptom,score\n2026-11-20 21:00,Tingling,3\n")
    text = shown_errors(previewed(qtbot, session, path))
    assert "symptoms not in the diary: Tingling (line 2)" in text
    assert "add them under Symptoms in the Medications tab first" in text
    assert f"Tick “{CREATE_SYMPTOMS_LABEL}”" in text
    assert "symptom add" not in text


def test_the_programs_symptoms_csv_says_how_to_use_it(qtbot, session: DiarySession,
                                                      tmp_path: Path) -> None:
    with demo_csv(tmp_path) as (_, folder):
        pass
    text = shown_errors(previewed(qtbot, session, folder / "symptoms.csv"))
    assert f"import ratings.csv beside it with “{CREATE_SYMPTOMS_LABEL}” ticked" in text
    assert "--create-symptoms" not in text and "symptom add" not in text


def test_created_lists_say_which_are_archived() -> None:
    from diary.csv import medication_list
    from diary.csv import symptom_list
    from diary.domain.entities import Symptom

    meds = [Medication("Vitamin D", Unit.IU, archived_at=NOW), Medication("Vitamin D", Unit.MCG)]
    assert medication_list(meds) == "Vitamin D (IU, archived), Vitamin D (mcg)"
    assert symptom_list([Symptom("Cramps", archived_at=NOW)]) == "Cramps (0–10, archived)"
