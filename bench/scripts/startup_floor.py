"""Floor: a bare PySide6 QMainWindow of the same size, shown and painted."""

import sys

from firstpaint import watch
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMainWindow

app = QApplication(sys.argv[:1])
watcher = watch(app)
window = QMainWindow()
window.resize(1000, 720)
window.show()
app.exec()
