"""Sizes for a hand with a tremor: large targets, room kept by a hidden widget or an empty line."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import field_label
from diary.ui.widgets.targets import keep_room_when_hidden
from diary.ui.widgets.targets import large
from diary.ui.widgets.targets import reserve_lines


def test_large_makes_a_small_button_a_target_and_leaves_a_wide_one_its_text(qtbot) -> None:
    small, wide, field = QToolButton(), QPushButton("Save as taken"), QLineEdit()
    small.setText("×")
    assert small.sizeHint().width() < TARGET
    for widget in (small, wide, field):
        qtbot.addWidget(widget)
    large(small, wide, field)
    assert small.minimumSize().width() == TARGET and small.minimumHeight() == TARGET
    assert wide.minimumWidth() == 0  # its text decides, and grows with the font
    assert field.minimumHeight() == TARGET


def test_a_hidden_widget_keeps_its_room(qtbot) -> None:
    host = QWidget()
    box = QVBoxLayout(host)
    first, second = QPushButton("first"), QPushButton("second")
    box.addWidget(first)
    box.addWidget(second)
    keep_room_when_hidden(first)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    top = second.y()
    first.hide()
    box.activate()
    assert second.y() == top


def test_reserved_lines_follow_the_font(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    reserve_lines(label, 2)
    low = label.minimumHeight()
    assert low >= 2 * label.fontMetrics().lineSpacing()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    reserve_lines(label, 2)
    assert label.minimumHeight() > low * 1.5


def test_a_field_label_is_as_high_as_its_field(qtbot) -> None:
    field = QLineEdit()
    label = field_label("T&ime", field)
    qtbot.addWidget(label)
    qtbot.addWidget(field)
    assert label.buddy() is field and label.minimumHeight() == TARGET


def test_reserved_lines_count_a_style_sheets_border_and_padding_once(qtbot) -> None:
    """The notice's two lines took 48 px for 28 px of text: its border and padding (5 px a
    side) were counted twice, as the frame's width and as the margins."""
    label = QLabel()
    label.setStyleSheet("QLabel { border: 1px solid gray; padding: 4px; }")
    qtbot.addWidget(label)
    reserve_lines(label, 2)
    label.resize(300, label.minimumHeight())
    assert label.contentsRect().height() == 2 * label.fontMetrics().lineSpacing()


def test_a_row_check_box_toggles_from_anywhere_on_its_tall_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from diary.ui.widgets.targets import TARGET
    from diary.ui.widgets.targets import RowCheckBox
    from diary.ui.widgets.targets import large
    from tests.helpers.qt import click

    box = RowCheckBox("Show deleted")
    large(box)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.height() >= TARGET
    click(qtbot, box, QPoint(box.width() - 2, 1))
    assert box.isChecked()  # the far corner of the row, above the text line
    click(qtbot, box, QPoint(2, box.height() - 2))
    assert not box.isChecked()


def test_a_compact_button_is_as_wide_as_its_words_and_never_under_a_target(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from diary.ui.widgets.targets import TARGET
    from diary.ui.widgets.targets import CompactButton

    plain, compact = QPushButton("Skip"), CompactButton("Skip")
    tiny = CompactButton("×")
    for button in (plain, compact, tiny):
        qtbot.addWidget(button)
    assert compact.sizeHint().width() <= plain.sizeHint().width()
    assert compact.sizeHint().width() >= compact.fontMetrics().horizontalAdvance("Skip")
    assert tiny.sizeHint().width() == TARGET and tiny.sizeHint().height() >= TARGET
    font = compact.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    before = compact.sizeHint().width()
    compact.setFont(font)
    assert compact.sizeHint().width() > before  # it grows with the text
