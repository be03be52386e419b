"""The line above History's table that says what the last action did ("Recorded: …", "Nothing
recorded: …"), without ever moving the table.

The notice keeps the same room whether it says something or not, and whatever it says: the room
of a long message (LONG_SAMPLE: a dose recorded over the maximum and too soon after another) at
its width, and never more than LINES lines. A message longer than that room is cut short at the
end of its last line ("…"); the whole of it is then its tooltip and its accessible description
(and the window's status bar says it too). The room follows the notice's width and the font.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

LINES = 3  # the most lines the notice takes, however long its message
# Its border shows only around a message, always the same width, so nothing moves.
STYLE = "QLabel { border: 1px solid %s; border-radius: 4px; padding: 4px; }"
# The room the notice keeps is that of a message this long at its width (up to LINES lines).
LONG_SAMPLE = ("Recorded: Paracetamol 1000 mg taken at 20:00 (Wed 30 Sep 2026). Recorded "
               "although: Paracetamol: this dose would take Wed 30 Sep 2026 to 5000 mg, 1000 mg "
               "over the 4000 mg maximum per day. Recorded although: Paracetamol: only 2 h 30 min "
               "from the dose at 17:30; the minimum interval is 4 h (1 h 30 min short). Ctrl+Z "
               "undoes it.")


class Notice(QLabel):
    """`say(text)` shows `text` (empty: an empty line of the same room); `said` is the whole of
    it, `text()` what shows (the same unless cut short)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.said = ""
        self.setAccessibleName("What the last action did")
        self.setWordWrap(True)
        self.setIndent(0)  # the text as wide as the contents: the padding is the only inset
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(STYLE % "transparent")  # an empty line, not a box

    def say(self, text: str) -> None:
        self.said = text
        self.setStyleSheet(STYLE % ("palette(mid)" if text else "transparent"))
        self._fit()

    @property
    def cut_short(self) -> bool:
        return self.text() != self.said

    def reserved_lines(self) -> int:
        """The lines of room kept at the width the notice has now."""
        return min(LINES, len(_lines(LONG_SAMPLE, self, self._text_width())))

    # --- inside ---------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _text_width(self) -> int:
        return max(1, self.contentsRect().width() - 2 * self.margin())

    def _fit(self) -> None:
        """Keep the room of `reserved_lines` and show as much of the message as it holds."""
        self.ensurePolished()  # the style sheet's border and padding are known from here on
        frame = self.height() - self.contentsRect().height() + 2 * self.margin()
        lines = self.reserved_lines()
        room = lines * self.fontMetrics().lineSpacing() + frame
        if (self.minimumHeight(), self.maximumHeight()) != (room, room):
            self.setMinimumHeight(room)
            self.setMaximumHeight(room)
        shown = _shortened(self.said, self, self._text_width(), lines)
        if shown != self.text():
            self.setText(shown)
        whole = self.said if shown != self.said else ""
        self.setToolTip(whole)
        self.setAccessibleDescription(whole)


def _lines(text: str, label: QLabel, width: int) -> list[tuple[int, int]]:
    """Where each line of `text` wrapped at `width` in `label`'s font starts, and its length."""
    layout = QTextLayout(text, label.font())
    option = layout.textOption()
    option.setWrapMode(option.WrapMode.WordWrap)
    layout.setTextOption(option)
    found = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        found.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return found


def _shortened(text: str, label: QLabel, width: int, lines: int) -> str:
    """`text` as it fits `lines` lines of `width`: whole, or cut short with "…" at the end."""
    wrapped = _lines(text, label, width)
    if len(wrapped) <= lines:
        return text
    start = wrapped[lines - 1][0]
    rest = " ".join(text[start:].split())
    last = label.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return text[:start] + last
