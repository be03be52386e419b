"""A layout that lines its widgets up from the left and wraps them onto further lines only when
the width given is too narrow for one line: the Today view's short forms (an event's kind, text
and Add; a slot's "Taken at" line), History's and Trends' filters and actions, the plan's
buttons: one line where the window is wide, several at 2× text in a narrow window, without a
horizontal scroll bar.

Its height follows its width (`heightForWidth`), so a parent layout keeps room for the lines it
needs; widgets that expand sideways (a text field) share what is left on their line. A spacing
item (`add_gap`) widens the gap between two neighbours on one line and vanishes where a line
starts or ends there.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QLayoutItem
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QSpacerItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget


class FlowLayout(QLayout):
    """`one_line_hint`: the preferred size is all of it on one line (a short form, a row of
    buttons); without, it is the least it needs, so that a bar of filters never asks its
    window to be wider than the screen."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, *,
                 one_line_hint: bool = True) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._one_line_hint = one_line_hint
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # --- the QLayout protocol ---------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_gap(self, width: int) -> None:
        """More room between the widgets either side (none at a line's start or end)."""
        self.addItem(QSpacerItem(width, 0, QSizePolicy.Policy.Fixed,
                                 QSizePolicy.Policy.Minimum))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All of it on one line (or, without `one_line_hint`, the least it needs)."""
        if not self._one_line_hint:
            return self.minimumSize()
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as its widest widget: every one on a line of its own."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = max((i.minimumSize().width() for i in shown if not _is_gap(i)), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    # --- placing ----------------------------------------------------------------------------
    def _gap(self) -> int:
        return max(self.spacing(), 0)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if _is_gap(item) or not item.isEmpty()]

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The items of each line with the width each takes there (its preferred width, less
        where the line is narrower, never less than its minimum)."""
        lines: list[list[tuple[QLayoutItem, int]]] = []
        line: list[tuple[QLayoutItem, int]] = []
        used = 0
        for item in self._shown():
            wide = max(min(item.sizeHint().width(), width), item.minimumSize().width())
            if line and used + self._gap() + wide > width:
                lines.append(line)
                line, used = [], 0
            if _is_gap(item) and not line:
                continue  # no gap where a line starts
            used += (self._gap() if line else 0) + wide
            line.append((item, wide))
        lines.append(line)
        for each in lines:
            while each and _is_gap(each[-1][0]):
                each.pop()  # nor where it ends
        return [each for each in lines if each]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        lines = self._lines(area.width())
        for line in lines:
            used = sum(w for _, w in line) + self._gap() * (len(line) - 1)
            growing = [i for i, (item, _) in enumerate(line) if _grows(item)]
            widths = [w for _, w in line]
            spare = max(area.width() - used, 0)
            for share, index in enumerate(growing):
                widths[index] += spare // len(growing) + (share < spare % len(growing))
            height = max(item.sizeHint().height() for item, _ in line)
            x = area.x()
            for (item, _), wide in zip(line, widths, strict=True):
                if apply:
                    tall = min(height, item.maximumSize().height())
                    item.setGeometry(QRect(x, y + (height - tall) // 2, wide, tall))
                x += wide + self._gap()
            y += height + self._gap()
        if lines:
            y -= self._gap()
        return y - area.y() + margins.top() + margins.bottom()


def _is_gap(item: QLayoutItem) -> bool:
    return item.widget() is None and item.layout() is None


def _grows(item: QLayoutItem) -> bool:
    """A widget whose own size policy expands sideways (not one that merely holds one: the
    "Taken at" label and its fixed-width field stay as wide as they are)."""
    widget = item.widget()
    if widget is None:
        return False
    return bool(widget.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal)


def column(*panels: QWidget, equal_share: bool = False) -> QWidget:
    """Panels one under the other from the top of a column, the room left below them. With
    `equal_share`, two such columns side by side share the width equally whatever their texts
    say (the view keeps each at least as wide as its controls need): a line that grows in one
    never moves the other."""
    holder = QWidget()
    if equal_share:
        holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    for panel in panels:
        box.addWidget(panel)
    box.addStretch(1)
    return holder
