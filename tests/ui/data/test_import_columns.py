"""The Import dialog's columns: each column of the file with the field it holds, chosen again by
the person (the import is planned again at once), named for a screen reader and reached by Tab
in order."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from diary.domain.entities import Medication
from diary.storage.store import DiaryStore
from diary.ui.data.import_wording import CREATE_SYMPTOMS_LABEL
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import activate
from tests.ui.data.support import CET
from tests.ui.data.support import previewed
from tests.ui.data.support import shown_errors
from tests.ui.data.support import wait_for_plan
from tests.ui.data.support import write


def test_choosing_a_columns_field_plans_again(qtbot, session: DiarySession, store: DiaryStore,
                                              baclofen: Medication, tmp_path: Path,
                                              dialog_answers) -> None:
    path = write(tmp_path / "other-app.csv",
                 "time,drug,Quantity\n"
                 "2026-11-20 08:00,Baclofen,5\n"
                 "2026-11-20 14:00,Baclofen,5\n"
                 "2026-11-20 20:00,Baclofen,10\n")
    dialog = previewed(qtbot, session, path)
    text = shown_errors(dialog)
    assert "missing required columns: amount (beside medication)" in text
    assert "Choose in Columns what each column holds" in text and "--map" not in text
    assert dialog.columns.chosen() == (("time", "time"), ("drug", "medication"),
                                       ("Quantity", "ignore"))

    quantity = dialog.columns.combos[2]
    quantity.setCurrentIndex(quantity.findData("amount"))
    wait_for_plan(qtbot, dialog)

    assert dialog.outcome.headline.text() == "To import: 3 doses."
    assert [dialog.outcome.entries.item(r, 4).text() for r in range(3)] == ["5 mg", "5 mg", "10 mg"]
    assert dialog.import_button.isEnabled()
    dialog.import_now()
    assert [(i.at, i.amount) for i in store.intakes.between(date.min, date.max)] == [
        (datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000),
        (datetime(2026, 11, 20, 14, 0, tzinfo=CET), 5000),
        (datetime(2026, 11, 20, 20, 0, tzinfo=CET), 10000)]


def test_every_control_has_a_name_a_reader_can_say(qtbot, session: DiarySession,
                                                   baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "When,Drug,Dose\n2026-11-20 08:00,Baclofen,5\n")
    dialog = previewed(qtbot, session, path)
    assert [c.accessibleName() for c in dialog.columns.combos] == [
        "What the column When holds", "What the column Drug holds", "What the column Dose holds"]
    for control in (dialog.delimiter, dialog.date_order, dialog.create_medications,
                    dialog.outcome.entries, dialog.outcome.errors, dialog.columns):
        assert control.accessibleName()
    assert dialog.columns.label.buddy() is dialog.columns.combos[0]


def test_tab_goes_through_the_columns_fields_in_order_then_on(
        qtbot, session: DiarySession, baclofen: Medication, tmp_path: Path) -> None:
    path = write(tmp_path / "doses.csv", "When,Drug,Dose\n2026-11-20 08:00,Baclofen,5\n")
    dialog = previewed(qtbot, session, path)
    activate(qtbot, dialog)
    dialog.create_medications.setFocus()
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        reached.append(widget.accessibleName() or widget.text())
    # "When" is not a name the import knows: no time column, so Import is disabled.
    assert not dialog.import_button.isEnabled()
    assert reached == [CREATE_SYMPTOMS_LABEL, "What the column When holds",
                       "What the column Drug holds", "What the column Dose holds",
                       "Why the file cannot be imported", "Cancel"]
