"""The Medications tests' fixture: the view, shown at a size where every control fits."""

from __future__ import annotations

import pytest

from diary.ui.medications.view import MedicationsView
from diary.ui.shell.session import DiarySession


@pytest.fixture
def view(qtbot, session: DiarySession) -> MedicationsView:  # type: ignore[no-untyped-def]
    widget = MedicationsView(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget
