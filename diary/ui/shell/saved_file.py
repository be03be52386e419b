"""After a report is saved or the diary exported: where it went, with "Open" and "Show in folder".

`SavedFile` is a small row of its own (the window's status bar holds one, the report dialog
another) rather than a question in a message box, so the person can open the file whenever they
want, or not at all, without one more box to close. Opening goes through the desktop
(QDesktopServices on a file:// address: the program that opens PDF files, the file manager);
nothing here uses the network. When the desktop opens nothing, the person is told.

In the status bar the row is one line (`one_line`): a long path is shortened in its middle
rather than wrapped onto a second line, which would make the status bar taller and every tab
shorter the moment a report is saved. There it also goes by itself after a while (`lasts_ms`),
as the status bar's other messages do, unless the pointer or the keyboard is on it then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from diary.paths import shown
from diary.ui.widgets import dialogs


def open_path(parent: QWidget | None, path: Path) -> bool:
    """Open `path` (a file or a folder) with the desktop's program for it; True when the
    desktop took it. Otherwise the person is told why nothing opened."""
    if not path.exists():
        dialogs.show_error(parent, "Cannot open", f"{path} is no longer there: it was moved or "
                           "deleted since it was saved.")
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    kind = "folder" if path.is_dir() else "file"
    dialogs.show_error(parent, "Cannot open", f"No program on this computer opened the {kind} "
                       f"{path}. It is saved there; open it from your file manager.")
    return False


class OneLineLabel(QLabel):
    """A label that stays one line high: text wider than its room is drawn shortened in the
    middle ("Report saved: ~/Docu…-2026-11-26.pdf"), keeping the start and the file's name.
    `text()` stays whole, for the tooltip and screen readers."""

    MIN_CHARS = 12  # the narrowest it gets, in average characters, when the bar is crowded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * self.MIN_CHARS, metrics.height())

    def shown_text(self) -> str:
        """The text as drawn in the label's present width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle,
                                             self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())


class SavedFile(QWidget):
    """'Report saved: ~/Documents/report.pdf  [Open]  [Show in folder]', hidden until a file is
    shown. For an export that is a folder of files, one button opens that folder. `one_line`
    keeps it one line high (the status bar); `lasts_ms` hides it that long after it was shown,
    or later while the pointer or the keyboard focus is on it."""

    def __init__(self, parent: QWidget | None = None, *, one_line: bool = False,
                 lasts_ms: int | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = OneLineLabel() if one_line else QLabel()
        self.label.setAccessibleName("Saved file")
        self.label.setWordWrap(not one_line)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open)
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(self.show_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._time_up)
        self.lasts_ms = lasts_ms
        self.hide()

    def show_file(self, what: str, path: Path, *, folder: bool = False) -> None:
        """Say `what` happened ("Report saved") and offer to open `path`: a file, or with
        `folder` a folder of files (then "Open folder" alone)."""
        self.path = path
        self.label.setText(f"{what}: {shown(path)}")
        self.label.setToolTip(str(path))
        self.open_button.setText("Open folder" if folder else "Open")
        self.open_button.setAccessibleName(f"Open {path.name}")
        self.open_button.setToolTip(f"Open {path}")
        self.folder_button.setVisible(not folder)
        self.folder_button.setAccessibleName(f"Show {path.name} in its folder")
        self.folder_button.setToolTip(f"Open the folder {path.parent}")
        self.show()
        if self.lasts_ms is not None:
            self.timer.start(self.lasts_ms)

    def clear(self) -> None:
        """Hide the row and forget the file (another diary is shown, or its time is up)."""
        self.timer.stop()
        self.path = None
        self.label.clear()
        self.label.setToolTip("")
        self.hide()

    def in_use(self) -> bool:
        """The pointer is on the row, or the keyboard focus on one of its buttons."""
        focus = QApplication.focusWidget()
        return self.underMouse() or (focus is not None and self.isAncestorOf(focus))

    def _time_up(self) -> None:
        if self.in_use() and self.lasts_ms is not None:
            self.timer.start(self.lasts_ms)  # not while the person is reaching for it
            return
        self.clear()

    def open(self) -> bool:
        return self.path is not None and open_path(self.window(), self.path)

    def show_folder(self) -> bool:
        return self.path is not None and open_path(self.window(), self.path.parent)
