"""After a report is saved or the diary exported: where it went, with "Open" and "Show in folder".

`SavedFile` is a small row of its own (the window's status bar holds one, the report dialog
another) rather than a question in a message box, so the person can open the file whenever they
want, or not at all, without one more box to close. Opening goes through the desktop
(QDesktopServices on a file:// address: the program that opens PDF files, the file manager);
nothing here uses the network. When the desktop opens nothing, the person is told.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
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


class SavedFile(QWidget):
    """'Report saved: ~/Documents/report.pdf  [Open]  [Show in folder]', hidden until a file is
    shown. For an export that is a folder of files, one button opens that folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setAccessibleName("Saved file")
        self.label.setWordWrap(True)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open)
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(self.show_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
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

    def open(self) -> bool:
        return self.path is not None and open_path(self.window(), self.path)

    def show_folder(self) -> bool:
        return self.path is not None and open_path(self.window(), self.path.parent)
