"""Print 'ready' at the first paint of the first main window, then quit: the moment a person
sees the window. The process's peak resident size at that moment is kept (`megabytes`)."""

from __future__ import annotations

from peak import peak_megabytes
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMainWindow


class FirstPaint(QObject):
    megabytes = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.megabytes = peak_megabytes()
            print("ready", flush=True)
            QApplication.instance().removeEventFilter(self)
            QApplication.quit()
        return False


def watch(app: QApplication) -> FirstPaint:
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    return watcher
