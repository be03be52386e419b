"""The titration and taper dialogs fit the screen they open on, even at twice the font size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.template_dialogs import TaperDialog
from diary.ui.medications.template_dialogs import TitrationDialog
from diary.ui.shell.session import DiarySession


@pytest.fixture(params=[1, 2], ids=["normal-font", "doubled-font"])
def font_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    """The application's font at its size times the parameter; the point size it has then."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(before.pointSizeF() * request.param)
    qapp.setFont(font)
    yield font.pointSizeF()
    qapp.setFont(before)


def baclofen(session: DiarySession) -> Medication:
    return edits.add_medication(session, Medication("Baclofen", Unit.MG, max_daily=80_000,
                                                   taper_required=True))


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("kind", [TitrationDialog, TaperDialog])
@pytest.mark.parametrize("with_parent", [False, True], ids=["alone", "over-a-window"])
def test_the_dialog_fits_the_available_screen(qtbot, session: DiarySession, font_size: float,
                                              kind: type[TitrationDialog | TaperDialog],
                                              with_parent: bool) -> None:
    parent = None
    if with_parent:
        parent = QWidget()
        qtbot.addWidget(parent)
        parent.show()
    dialog = kind(session, baclofen(session), parent)
    qtbot.addWidget(dialog)
    if isinstance(dialog, TitrationDialog):
        dialog.target.setText("25")  # a summary of several lines
    assert dialog.font().pointSizeF() == pytest.approx(font_size)
    dialog.show()
    qtbot.waitExposed(dialog)
    free = dialog.screen().availableGeometry()
    assert free.contains(dialog.frameGeometry()), (dialog.frameGeometry(), free)
    # Still usable: the step table keeps its room (it scrolls beyond), Save shows on the screen.
    assert dialog.preview.height() >= dialog.preview.minimumSizeHint().height()
    assert free.contains(global_rect(dialog.ok_button))


@pytest.mark.parametrize("kind", [TitrationDialog, TaperDialog])
def test_every_button_is_named_and_every_key_is_its_own(qtbot, session: DiarySession,
                                                        kind: type[TitrationDialog | TaperDialog]
                                                        ) -> None:
    dialog = kind(session, baclofen(session))
    qtbot.addWidget(dialog)
    assert dialog.ok_button.accessibleName().startswith("Save the ")
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if "&" in b.text()]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert "v" in keys and len(keys) == len(set(keys)), texts
