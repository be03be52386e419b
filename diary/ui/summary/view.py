"""The summary: the day and the week at a glance, for a caregiver asking "did she take it?".

Read-only by nature (nothing here writes): today's doses and what became of each, the last seven
diary days slot by slot, the symptoms rated this week with the latest score and the week's range,
and the week's events. Large, calm text (the application's font, a little larger), answers in
symbols and words; two columns when they fit side by side, else one, the page scrolling when the
text is large.

`SummaryView(session)` reads the diary itself (`state.build_summary`): again on
`session.changed`, and every minute, so that a dose turns from "not yet due" to "missed" and
the day rolls over while the window stays open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.wording import clock_text
from diary.storage.errors import DiaryFileError
from diary.ui.shell.session import DiarySession
from diary.ui.summary.panels import EventsPanel
from diary.ui.summary.panels import SymptomsPanel
from diary.ui.summary.panels import TodayPanel
from diary.ui.summary.panels import WeekPanel
from diary.ui.summary.state import SummaryState
from diary.ui.summary.state import build_summary
from diary.ui.widgets.flow import column

REFRESH_MS = 60_000
TEXT_SCALE = 1.3  # "large text": larger than the rest of the window
TITLE_SCALE = 1.7


class SummaryView(QWidget):
    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.state: SummaryState | None = None
        self.setAccessibleName("Summary")
        self.title = QLabel()
        self.title.setAccessibleName("Diary day")
        self.subtitle = QLabel()
        self.subtitle.setAccessibleName("About this page")
        self.subtitle.setWordWrap(True)
        self.today = TodayPanel()
        self.week = WeekPanel()
        self.symptoms = SymptomsPanel()
        self.events = EventsPanel()
        left = column(self.today, self.symptoms)
        right = column(self.week, self.events)
        self._columns = (left, right)
        self._columns_host = QWidget()
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._columns_host)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(16)
        self._body.addWidget(left, 1)
        self._body.addWidget(right, 1)
        content = self.content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 0, 0, 0)
        content_box.addWidget(self.title)
        content_box.addWidget(self.subtitle)
        content_box.addWidget(self._columns_host, 1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setWidget(content)
        self.body_scroll.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_scroll)
        self._set_fonts()

        session.changed.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._stale = False
        self.refresh()

    def _tick(self) -> None:
        """Each minute: read again if shown, else when next shown (showEvent)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the diary again, as of now."""
        try:
            state = build_summary(self.session.store, self.session.now())
        except DiaryFileError as exc:  # a value that cannot be read: told, never a traceback
            self._timer.stop()
            self.session.damaged.emit(str(exc))
            return
        self.state, self._stale = state, False
        self._show(state)

    def _show(self, state: SummaryState) -> None:
        self.title.setText(f"{state.today:%A} {state.today.day} {state.today:%B %Y}")
        self.subtitle.setText(f"At a glance, as of {clock_text(state.now)}. Nothing can be "
                              "changed here: doses are recorded on Today.")
        for panel in (self.today, self.week, self.symptoms, self.events):
            panel.show_state(state)
        self._reflow()

    # --- fonts and columns ----------------------------------------------------------------
    def _set_fonts(self) -> None:
        """The page's text a little larger than the application's, the title larger and bold:
        both follow the application's font (2× text doubles them)."""
        base = QFont(self.font())
        if base.pointSizeF() > 0:
            base.setPointSizeF(base.pointSizeF() * TEXT_SCALE)
        self.content.setFont(base)
        title = QFont(base)
        if title.pointSizeF() > 0:
            title.setPointSizeF(base.pointSizeF() * TITLE_SCALE / TEXT_SCALE)
        title.setBold(True)
        self.title.setFont(title)
        heading = QFont(base)
        heading.setBold(True)
        body = QFont(base)
        body.setBold(False)  # said, not inherited: the group's title above it is bold
        for panel in (self.today, self.week, self.symptoms, self.events):
            panel.setFont(heading)
            panel.set_body_font(body)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the application's font, passed down
            self._set_fonts()
            if self.state is not None:  # laid out again as it is: the diary is not read again
                self._show(self.state)
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        scroll = getattr(self, "body_scroll", None)
        if scroll is not None and watched is scroll.viewport() and \
                event.type() == QEvent.Type.Resize:
            self._reflow()
        return super().eventFilter(watched, event)

    def two_columns(self) -> bool:
        return self._body.direction() == QBoxLayout.Direction.LeftToRight

    def _reflow(self) -> None:
        """Two columns when they fit side by side, else one below the other."""
        needed = self._body.spacing() + sum(
            column.minimumSizeHint().width() for column in self._columns)
        direction = (QBoxLayout.Direction.LeftToRight
                     if self.body_scroll.viewport().width() >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self._body.direction() != direction:
            self._body.setDirection(direction)
