"""One line of an imported file read into its entries (diary/csv/rows.py): a line with more
cells than the header is refused, one ending early leaves its last cells empty; a line holding
no entry, a slot given by half and a rating on a scale its symptom does not have are refused by
line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.csv.importing import CsvImportError
from diary.domain.entities import Medication
from diary.storage.store import DiaryStore
from tests.csv.support import amounts
from tests.csv.support import plan
from tests.csv.support import symptoms


def test_a_line_with_more_cells_than_the_header(store: DiaryStore, baclofen: Medication,
                                                tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount\n2026-11-20 08:00,Baclofen,7,5\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details == ["in.csv:2: has 4 cells but the header names 3 columns; "
                                     "check the delimiter"]


def test_a_line_ending_early_leaves_its_last_cells_empty(store: DiaryStore,
                                                         baclofen: Medication,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount,note\n2026-11-20 08:00,Baclofen,5\n")
    assert amounts(plan(store, path)) == [("2026-11-20T08:00:00+01:00", 5000, "")]


@pytest.mark.parametrize(("rows", "detail"), [
    ("2026-11-20 21:00,Spasticity,3,4\n",
     "r.csv:2: column scale_max: says 0–4, but Spasticity is rated 0–10 in the diary; a score "
     "on one scale cannot be kept on another"),
    ("2026-11-20 21:00,Fatigue,3,4\n2026-11-21 21:00,Fatigue,7,10\n",
     "r.csv:3: column scale_max: says 0–10, but Fatigue is rated 0–4 from line 2; a score on "
     "one scale cannot be kept on another"),
    ("2026-11-20 21:00,Fatigue,3,7\n",
     "r.csv:2: column scale_max: '7' is not a scale's maximum: 10 or 4"),
    ("2026-11-20 21:00,Fatigue,6,4\n", "r.csv:2: column score: 6 is outside the scale 0–4"),
])
def test_scales_that_do_not_fit_are_refused_by_line(store: DiaryStore, tmp_path: Path,
                                                     rows: str, detail: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text("time,symptom,score,scale_max\n" + rows)
    before = symptoms(store)

    with pytest.raises(CsvImportError) as refused:
        plan(store, path, create_symptoms=True)

    assert refused.value.details == [detail]
    assert symptoms(store) == before


def test_a_slot_needs_both_its_day_and_its_time(store: DiaryStore, baclofen: Medication,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount,slot_day,slot_time\n"
                    "2026-11-20 08:00,Baclofen,5,2026-11-20,\n"
                    "2026-11-20 14:00,Baclofen,5,2026-11-20,14:00\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details == ["in.csv:2: column slot_time: is empty while the other slot "
                                     "column is not; give both or neither"]


def test_a_line_holding_no_dose_rating_or_event_is_refused(store: DiaryStore,
                                                           baclofen: Medication,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("time,medication,amount\n2026-11-20 08:00,,5\n")
    with pytest.raises(CsvImportError) as refused:
        plan(store, path)
    assert refused.value.details == ["in.csv:2: column medication: is empty; a line holds a dose "
                                     "(its medication), a rating (its symptom) or an event (its "
                                     "kind)"]
