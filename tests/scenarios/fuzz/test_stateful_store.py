"""The repository against a model: random adds, edits, deletes, undos, backups, restores and
reopenings of doses and ratings; after every step the diary holds exactly what the model says,
and the file passes the full integrity check whenever it is reopened or restored.

Undo is what the window's undo stack does through the store: the inverse of the last change (an
add is deleted, an edit is edited back, a delete is restored). A restore brings the diary back to
the backup's moment and, as in the window, empties the undo stack.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import consumes
from hypothesis.stateful import initialize
from hypothesis.stateful import invariant
from hypothesis.stateful import precondition
from hypothesis.stateful import rule

from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Unit
from diary.storage import backups
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.clock import NOW

FIRST_DAY, LAST_DAY = date(2026, 11, 1), date(2026, 11, 27)
Key = tuple[str, int]  # ("intakes" | "ratings", id)
Values = tuple[object, ...]


def clock() -> datetime:
    return NOW


class DiaryAgainstModel(RuleBasedStateMachine):
    saved = Bundle("backups")

    @initialize()
    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="md-stateful-"))
        self.path = self.folder / "model.diary"
        self.store: DiaryStore = create_diary(self.path, clock=clock)
        med = self.store.medications.add(Medication(name="Baclofen", unit=Unit.MG))
        assert med.id is not None
        self.medication_id = med.id
        self.symptom_id = self.store.symptoms.all()[0].id or 0
        self.model: dict[Key, tuple[Values, bool]] = {}  # values, deleted
        self.undo: list[tuple[str, Key, Values | None]] = []
        self.stamps = itertools.count(1)

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- what the diary holds -----------------------------------------------------------------
    def stored(self) -> dict[Key, tuple[Values, bool]]:
        held: dict[Key, tuple[Values, bool]] = {}
        for i in self.store.intakes.between(FIRST_DAY, LAST_DAY, include_deleted=True):
            held[("intakes", i.id or 0)] = ((i.at, i.amount, i.note), i.deleted_at is not None)
        for r in self.store.ratings.between(FIRST_DAY, LAST_DAY, include_deleted=True):
            held[("ratings", r.id or 0)] = ((r.at, r.score, r.note), r.deleted_at is not None)
        return held

    @invariant()
    def agrees_with_the_model(self) -> None:
        if hasattr(self, "store"):
            assert self.stored() == self.model

    def live(self, deleted: bool = False) -> list[Key]:
        return sorted(key for key, (_, gone) in self.model.items() if gone == deleted)

    # --- changes ------------------------------------------------------------------------------
    def _moment(self, minutes: int) -> datetime:
        return NOW - timedelta(minutes=minutes)

    @rule(minutes=st.integers(0, 20 * 24 * 60), amount=st.integers(1, 40).map(lambda n: n * 500),
          note=st.text(alphabet="abcé", max_size=5))
    def add_dose(self, minutes: int, amount: int, note: str) -> None:
        saved = self.store.intakes.add(Intake(self.medication_id, self._moment(minutes), amount,
                                             note=note))
        key = ("intakes", saved.id or 0)
        self.model[key] = ((saved.at, amount, note), False)
        self.undo.append(("added", key, None))

    @rule(minutes=st.integers(0, 20 * 24 * 60), score=st.integers(0, 10))
    def add_rating(self, minutes: int, score: int) -> None:
        saved = self.store.ratings.add(Rating(self.symptom_id, self._moment(minutes), score))
        key = ("ratings", saved.id or 0)
        self.model[key] = ((saved.at, score, ""), False)
        self.undo.append(("added", key, None))

    @precondition(lambda self: bool(self.live()))
    @rule(data=st.data(), value=st.integers(0, 10), note=st.text(alphabet="xyz", max_size=4))
    def edit(self, data: st.DataObject, value: int, note: str) -> None:
        key = data.draw(st.sampled_from(self.live()))
        before, _ = self.model[key]
        self._write_values(key, (before[0], value if key[0] == "ratings" else (value + 1) * 500,
                                 note))
        self.undo.append(("edited", key, before))

    @precondition(lambda self: bool(self.live()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(self.live()))
        self._set_deleted(key, True)
        self.undo.append(("deleted", key, None))

    @precondition(lambda self: bool(self.undo))
    @rule()
    def undo_last(self) -> None:
        what, key, before = self.undo.pop()
        if what == "added" or what == "deleted":
            self._set_deleted(key, what == "added")
        else:
            assert before is not None
            self._write_values(key, before)

    def _write_values(self, key: Key, values: Values) -> None:
        at, number, note = values
        assert isinstance(at, datetime) and isinstance(number, int) and isinstance(note, str)
        if key[0] == "intakes":
            intakes = self.store.intakes
            intakes.edit(replace(intakes.get(key[1]), amount=number, note=note))
        else:
            self.store.ratings.edit(
                replace(self.store.ratings.get(key[1]), score=number, note=note)
            )
        self.model[key] = ((at, number, note), self.model[key][1])

    def _set_deleted(self, key: Key, deleted: bool) -> None:
        table, row_id = key
        if table == "intakes":
            (self.store.intakes.delete if deleted else self.store.intakes.restore)(row_id)
        else:
            (self.store.ratings.delete if deleted else self.store.ratings.restore)(row_id)
        self.model[key] = (self.model[key][0], deleted)

    # --- the file -----------------------------------------------------------------------------
    @rule(target=saved)
    def back_up(self) -> tuple[Path, dict[Key, tuple[Values, bool]]]:
        taken = NOW + timedelta(seconds=next(self.stamps))
        made = self.store.backup_to(backups.new_backup_path(self.path, taken))
        return made.path, dict(self.model)

    @rule(backup=consumes(saved))
    def restore(self, backup: tuple[Path, dict[Key, tuple[Values, bool]]]) -> None:
        path, snapshot = backup
        self.store.close()
        taken = NOW + timedelta(seconds=next(self.stamps))
        backups.restore(self.path, path, lambda: taken)
        self.store = open_diary(self.path, clock=clock)
        assert self.store.integrity() == "ok"
        self.model, self.undo = dict(snapshot), []

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = open_diary(self.path, clock=clock)
        assert self.store.integrity() == "ok"


# Quick by default; MEDICATION_DIARY_STATEFUL_EXAMPLES=2000 for a long run.
EXAMPLES = int(os.environ.get("MEDICATION_DIARY_STATEFUL_EXAMPLES", "60"))
DiaryAgainstModel.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_diary_always_agrees_with_its_model = DiaryAgainstModel.TestCase
