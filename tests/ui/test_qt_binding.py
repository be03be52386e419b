"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 dropped a reference to None on every Qt call returning nothing; the window then
aborted after a few thousand calls. pyproject.toml keeps below it; this test fails on such a build.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    assert abs(sys.getrefcount(None) - before) < 50
