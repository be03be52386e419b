"""The data tests' fixtures: baclofen in the test's diary, for an import to find."""

from __future__ import annotations

import pytest

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage.store import DiaryStore


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(Medication("Baclofen", Unit.MG, max_daily=80_000))
