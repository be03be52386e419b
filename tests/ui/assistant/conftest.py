"""The set-up assistant's tests: the window's settings in an INI file of the test's own, and the
wizard over the test's fresh diary."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.ui.assistant import AssistantWizard
from diary.ui.shell.session import DiarySession


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_wizard(qtbot: object, session: DiarySession, settings: QSettings
                ) -> Iterator[Callable[[], AssistantWizard]]:
    """Build the assistant over the test's diary (after the test set its clock), shown."""

    def build() -> AssistantWizard:
        wizard = AssistantWizard(session, settings)
        qtbot.addWidget(wizard)  # type: ignore[attr-defined]
        wizard.show()
        return wizard

    yield build
