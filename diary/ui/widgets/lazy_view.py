"""A tab whose view is built the first time it is shown (or asked for), not with the window.

The window starts on Today; History, Medications and Trends, their modules included, are made
when the person first goes to them, so that the window appears sooner (bench/: start-up).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.shell.session import DiarySession

ViewFactory = Callable[[DiarySession], QWidget]


class LazyView(QWidget):
    def __init__(self, factory: ViewFactory, session: DiarySession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory, self._session = factory, session
        self._view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    def view(self) -> QWidget:
        """The view, built now if it was not yet."""
        if self._view is None:
            self._view = self._factory(self._session)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._view)
            self.setFocusProxy(self._view)
            if self.isVisible():  # a child added to a shown widget stays hidden until shown
                self._view.show()
        return self._view

    def built_view(self) -> QWidget | None:
        return self._view

    def showEvent(self, event: QShowEvent) -> None:
        self.view()
        super().showEvent(event)
