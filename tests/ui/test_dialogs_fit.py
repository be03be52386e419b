"""Every dialog of the window fits a 1280×720 screen at the normal text size, and at twice the
text size it still fits by scrolling (its smallest size fits); so does a 1400×900 screen at
twice the scale (QT_SCALE_FACTOR=2: 700×450 of the window's pixels). Each is built on a demo
diary, as the person meets it. A new dialog class is found by its definition and must be
listed here."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from diary.demo import build_demo
from diary.storage.store import open_diary
from diary.ui.shell.session import DiarySession
from diary.ui.widgets import dialogs
from tests.helpers.clock import NOW

PROGRAM = Path(__file__).resolve().parents[2] / "diary" / "ui"
SCREEN = QSize(1280, 720)
# The room a dialog has on that screen: less a frame of 8 px each side and a title bar.
ROOM = QSize(1280 - 16, 720 - 16 - 32)
HALF_ROOM = QSize(700 - 16, 450 - 16 - 32)  # 1400×900 at twice the scale
Make = Callable[[DiarySession, QSettings], QWidget]


def _report(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.report.dialog import ReportDialog

    return ReportDialog(session)


def _import(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.data.import_dialog import ImportDialog

    return ImportDialog(session)


def _settings(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.shell.settings_dialog import SettingsForm

    return SettingsForm(session, settings)


def _medication(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.medications.form import MedicationForm

    return MedicationForm(session, session.store.medications.all()[0])


def _step(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.medications.plan_dialogs import StepDialog

    return StepDialog(session, session.store.medications.all()[0])


def _titration(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.medications.template_dialogs import TitrationDialog

    return TitrationDialog(session, session.store.medications.all()[0])


def _taper(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.medications.template_dialogs import TaperDialog

    return TaperDialog(session, session.store.medications.all()[0])


def _dose(session: DiarySession) -> object:
    return session.store.intakes.between(date(2026, 11, 1), NOW.date())[-1]


def _entry(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.history.edit import EntryDialog
    from diary.ui.history.model import EntryText

    return EntryDialog(session, _dose(session), EntryText(session))  # type: ignore[arg-type]


def _audit(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.history.audit import AuditDialog
    from diary.ui.history.model import EntryText

    return AuditDialog(session, _dose(session), EntryText(session))  # type: ignore[arg-type]


def _backups(session: DiarySession, settings: QSettings) -> QWidget:
    from diary.ui.backups.dialog import BackupsDialog
    from diary.ui.backups.manager import BackupManager

    return BackupsDialog(BackupManager(session, settings), lambda path: False)


def _assistant(session: DiarySession, settings: QSettings) -> QWidget:
    wizard = importlib.import_module("diary.ui.assistant.wizard")
    made: QWidget = wizard.AssistantWizard(session, settings)
    return made


def _shortcuts(session: DiarySession, settings: QSettings) -> QWidget:
    """Help > Keyboard shortcuts: the window's and every view's keys (through show_info)."""
    from diary.ui.history import view as history
    from diary.ui.medications import view as medications
    from diary.ui.shell.help import SHORTCUTS
    from diary.ui.shell.help import shortcuts_html
    from diary.ui.today import view as today
    from diary.ui.trends import view as trends

    text = shortcuts_html([("Everywhere", SHORTCUTS), ("Today", today.SHORTCUTS),
                           ("History", history.SHORTCUTS),
                           ("Medications", medications.SHORTCUTS),
                           ("Trends", trends.SHORTCUTS)])
    assert dialogs.long_message(None, "Keyboard shortcuts", text)
    return dialogs.scrolling_message(None, "Keyboard shortcuts", text,
                                     QMessageBox.Icon.Information)


# Each dialog class of the window, by the name it is defined with, and how to build it.
DIALOGS: dict[str, Make] = {
    "ReportDialog": _report, "ImportDialog": _import, "SettingsForm": _settings,
    "MedicationForm": _medication, "StepDialog": _step, "TitrationDialog": _titration,
    "TaperDialog": _taper, "EntryDialog": _entry, "AuditDialog": _audit,
    "BackupsDialog": _backups, "AssistantWizard": _assistant, "shortcuts": _shortcuts,
}
# Classes that are not a dialog of their own: a base, or the seam's message boxes.
NOT_SHOWN = {"FittingDialog", "PlanDialog", "_TwoAnswers"}
DIALOG_BASES = "QDialog|QWizard|QMessageBox|QProgressDialog|FittingDialog|PlanDialog"


def test_every_dialog_class_is_measured_here() -> None:
    defined = set()
    for module in PROGRAM.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        defined |= set(re.findall(rf"^class (\w+)\((?:\w+\.)?(?:{DIALOG_BASES})\)", text,
                                  re.MULTILINE))
    assert defined - NOT_SHOWN - set(DIALOGS) == set()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.diary"
    build_demo(path, now=NOW)
    return path


@pytest.fixture
def demo(qapp: QApplication, demo_file: Path, tmp_path: Path) -> Iterator[DiarySession]:
    session = DiarySession(open_diary(demo_file, clock=lambda: NOW), lambda: NOW)
    yield session
    session.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def build(qtbot, name: str, session: DiarySession, settings: QSettings) -> QWidget:  # type: ignore[no-untyped-def]
    if name == "AssistantWizard" and importlib.util.find_spec("diary.ui.assistant") is None:
        pytest.skip("no set-up assistant in this tree")
    dialog = DIALOGS[name](session, settings)
    qtbot.addWidget(dialog)
    return dialog


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_fits_1280_by_720(qtbot, name: str, demo: DiarySession,
                                       settings: QSettings,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "screen_room", lambda widget: ROOM)
    dialog = build(qtbot, name, demo, settings)
    assert fits(dialog.sizeHint(), SCREEN), dialog.sizeHint()
    assert fits(dialog.minimumSizeHint(), SCREEN), dialog.minimumSizeHint()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_scrolls_to_fit_at_twice_the_text(
        qtbot, name: str, demo: DiarySession, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch, scale_text: Callable[[float], None]) -> None:
    monkeypatch.setattr(dialogs, "screen_room", lambda widget: ROOM)
    scale_text(2)
    dialog = build(qtbot, name, demo, settings)
    assert fits(dialog.minimumSizeHint(), SCREEN), dialog.minimumSizeHint()
    if isinstance(dialog, dialogs.FittingDialog):  # it opens within the screen, and scrolls
        assert fits(dialog.sizeHint(), ROOM), dialog.sizeHint()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_fits_a_screen_at_twice_the_scale(
        qtbot, name: str, demo: DiarySession, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "screen_room", lambda widget: HALF_ROOM)
    dialog = build(qtbot, name, demo, settings)
    assert fits(dialog.minimumSizeHint(), HALF_ROOM), dialog.minimumSizeHint()


def test_the_report_dialog_puts_its_columns_one_below_the_other_on_a_narrow_screen(
        qtbot, demo: DiarySession, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QBoxLayout

    monkeypatch.setattr(dialogs, "screen_room", lambda widget: ROOM)
    wide = build(qtbot, "ReportDialog", demo, settings)
    assert wide.columns.direction() == QBoxLayout.Direction.LeftToRight  # type: ignore[attr-defined]
    monkeypatch.setattr(dialogs, "screen_room", lambda widget: HALF_ROOM)
    narrow = build(qtbot, "ReportDialog", demo, settings)
    assert narrow.columns.direction() == QBoxLayout.Direction.TopToBottom  # type: ignore[attr-defined]
    assert fits(narrow.minimumSizeHint(), HALF_ROOM)
