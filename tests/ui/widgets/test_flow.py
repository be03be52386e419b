"""The flow layout of the Today view's short forms: one line where the width allows, more lines
(and the height for them) where it does not, a text field taking what is left of its line."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.ui.widgets.flow import FlowLayout

GAP = 6
EXTRA = 20


def form(qtbot: object) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    host = QWidget()
    qtbot.addWidget(host)  # type: ignore[attr-defined]
    flow = FlowLayout(host, GAP)
    buttons = [QPushButton(text) for text in ("Save", "Skip dose", "Cancel")]
    for button in buttons:
        button.setFixedSize(100, 44)
    flow.addWidget(buttons[0])
    flow.add_gap(EXTRA)
    flow.addWidget(buttons[1])
    flow.addWidget(buttons[2])
    return host, flow, buttons


def test_one_line_where_the_width_allows(qtbot) -> None:
    host, flow, (save, skip, cancel) = form(qtbot)
    one_line = 3 * 100 + EXTRA + 3 * GAP
    assert flow.sizeHint().width() == one_line
    assert flow.heightForWidth(one_line) == 44
    host.resize(one_line + 50, 44)
    host.show()
    qtbot.waitExposed(host)
    assert [b.y() for b in (save, skip, cancel)] == [0, 0, 0]
    assert skip.x() - (save.x() + save.width()) == GAP + EXTRA + GAP  # the gap between them
    assert cancel.x() - (skip.x() + skip.width()) == GAP


def test_narrow_it_wraps_and_asks_for_the_height_of_its_lines(qtbot) -> None:
    host, flow, (save, skip, cancel) = form(qtbot)
    assert flow.minimumSize().width() == 100  # the widest widget, alone on its line
    assert flow.heightForWidth(210) == 44 + GAP + 44
    assert flow.heightForWidth(100) == 3 * 44 + 2 * GAP
    host.resize(210, flow.heightForWidth(210))
    host.show()
    qtbot.waitExposed(host)
    assert (save.y(), skip.y(), cancel.y()) == (0, 44 + GAP, 44 + GAP)
    assert skip.x() == 0  # the wider gap goes where a line starts


def test_a_field_takes_what_is_left_of_its_line(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, GAP)
    field, button = QLineEdit(), QPushButton("Add")
    button.setFixedSize(80, 44)
    flow.addWidget(field)
    flow.addWidget(button)
    host.resize(600, 44)
    host.show()
    qtbot.waitExposed(host)
    assert field.width() == 600 - 80 - GAP
    assert button.x() + button.width() == 600
