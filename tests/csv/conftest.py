"""What every CSV test may ask for: a diary holding Baclofen in mg, for a file's doses of it."""

from __future__ import annotations

import pytest

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.storage.store import DiaryStore


@pytest.fixture
def baclofen(store: DiaryStore) -> Medication:
    return store.medications.add(Medication("Baclofen", Unit.MG))
