"""Medications' looks in the Today view: each scheduled dose and the as-needed chooser show the
medication's pill, with its look in words for a screen reader and in the tooltip."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox

from diary.domain.entities import Medication
from diary.domain.units import Unit
from diary.ui.shell.session import DiarySession
from diary.ui.today.looks import PillLabel
from diary.ui.today.looks import medication_choice
from tests.ui.today.support import baclofen
from tests.ui.today.support import make_view
from tests.ui.today.support import paracetamol
from tests.ui.today.support import row


def test_each_slot_shows_its_pill_and_says_its_look(qtbot, session: DiarySession) -> None:
    med = baclofen(session)
    view = make_view(qtbot, session)
    look = med.look.describe()
    for at in (time(8), time(14), time(20)):
        pill = row(view, med, at).pill
        assert pill.look == med.look and pill.pixmap() is not None
        assert not pill.pixmap().isNull()
        assert pill.accessibleName() == f"Baclofen: {look}" == pill.toolTip()
    assert look in row(view, med, time(20)).take.toolTip()


def test_the_chooser_shows_each_pill_and_says_the_chosen_look(qtbot,
                                                              session: DiarySession) -> None:
    baclofen(session)
    para = paracetamol(session)
    view = make_view(qtbot, session)
    chooser = view.dose.medication
    meds = session.store.medications.all()
    assert [chooser.itemText(i) for i in range(chooser.count())] == \
        ["Baclofen (mg)", "Paracetamol (mg)"]
    for index, med in enumerate(meds):
        assert not chooser.itemIcon(index).isNull()
        said = f"{med.name}: {med.look.describe()}"
        assert chooser.itemData(index, Qt.ItemDataRole.ToolTipRole) == said
        assert chooser.itemData(index, Qt.ItemDataRole.AccessibleTextRole) == said
    assert chooser.currentData() == para.id  # the as-needed one
    assert chooser.accessibleDescription() == f"Paracetamol: {para.look.describe()}"
    chooser.setCurrentIndex(0)
    assert chooser.accessibleDescription().startswith("Baclofen: ")
    assert meds[0].look != meds[1].look


def test_a_pill_grows_with_the_text(qtbot) -> None:
    label = PillLabel()
    qtbot.addWidget(label)
    med = Medication(name="Baclofen", unit=Unit.MG, id=3)
    label.set_look(med.look, "Baclofen: " + med.look.describe())
    small = label.width()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.width() > small * 1.5


def test_a_choice_carries_its_look(qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    med = Medication(name="Diazepam", unit=Unit.MG, id=5)
    medication_choice(combo, med)
    assert combo.itemData(0) == 5 and combo.itemText(0) == "Diazepam (mg)"
    assert combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == f"Diazepam: {med.look.describe()}"
