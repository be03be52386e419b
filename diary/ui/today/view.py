"""Today: the view the diary window opens on.

At the top, always in view: the day and each medication's running total against its max ("45 / 80
mg today"). Below, in a scroll area that reflows to one column when the window is narrow (or the
font large): any taper warning as a banner in the label's words, then the scheduled doses, the
as-needed dose form, the symptom ratings and the events. At the bottom, one line says what the
last action did.

The view refreshes itself from `session.changed`, and every minute so that a slot turns from "due
now" to "missed" while the window stays open; the main window calls `refresh()` when the day rolls
over. With a read-only session every editing control is disabled.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.safety import Finding
from diary.domain.units import format_amount
from diary.ui.shell.session import DiarySession
from diary.ui.today.dose import DosePanel
from diary.ui.today.events import EventsPanel
from diary.ui.today.ratings import RatingsPanel
from diary.ui.today.slots import SlotList
from diary.ui.today.state import TodayState
from diary.ui.today.state import build_state

# (keys, what they do): for the window's Help > Keyboard shortcuts.
SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+T", "Go to the dose that is due (then Enter takes it now)"),
    ("Ctrl+D", "Log an as-needed dose: go to its amount"),
    ("Ctrl+R", "Rate symptoms: go to the first scale"),
    ("Ctrl+Enter", "Save ratings (in the ratings panel)"),
    ("Ctrl+E", "Add an event: go to its text"),
    ("Up / Down", "Move between dose slots, or between symptom scales"),
    ("Left / Right, 0-9, Home, End, Delete", "Set a symptom score"),
]
REFRESH_MS = 60_000
BANNER_STYLE = ("QLabel { background: #FFF1CC; color: #3D2E00; border: 1px solid #B8860B;"
                " border-radius: 4px; padding: 6px; }")


def _column(*panels: QWidget) -> QWidget:
    """Panels one under the other from the top of a column, the room left below them."""
    column = QWidget()
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 0, 0)
    for panel in panels:
        box.addWidget(panel)
    box.addStretch(1)
    return column


class TodayView(QWidget):
    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Today")
        self.state: TodayState | None = None
        self.total_texts: dict[int, str] = {}
        self._tab_chain: list[QWidget] = []

        self.title = QLabel()
        self.title.setAccessibleName("Diary day")
        font = QFont(self.title.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.totals = QLabel()
        self.totals.setAccessibleName("Taken today against the maximum")
        self.totals.setWordWrap(True)
        bold = QFont(self.totals.font())
        bold.setBold(True)
        self.totals.setFont(bold)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banners: list[QLabel] = []
        self._banner_box = QVBoxLayout()
        self._banner_box.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel()
        self.notice.setAccessibleName("What the last action did")
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.hide()

        self.slots = SlotList(session)
        self.dose = DosePanel(session)
        self.ratings = RatingsPanel(session)
        self.events = EventsPanel(session)
        left = _column(self.slots, self.dose)
        right = _column(self.ratings, self.events)
        self._columns = (left, right)
        self._columns_host = QWidget()
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._columns_host)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(left, 1)
        self._body.addWidget(right, 1)
        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 0, 0, 0)
        content_box.addLayout(self._banner_box)
        content_box.addWidget(self._columns_host, 1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setWidget(content)
        self.body_scroll.viewport().installEventFilter(self)
        self._columns_host.installEventFilter(self)

        # The day and the totals stay in view; warnings scroll with the page, at its top; the
        # line saying what the last action did sits at the bottom, like a status line.
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.notice)

        for panel in (self.slots, self.dose, self.ratings, self.events):
            panel.notice.connect(self.show_notice)
        self._shortcut("Ctrl+T", self.slots.focus_due)
        self._shortcut("Ctrl+D", self.dose.focus_amount)
        self._shortcut("Ctrl+R", self.ratings.focus_first)
        self._shortcut("Ctrl+E", self.events.focus_text)
        session.changed.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.activated.connect(slot)

    @property
    def editable(self) -> bool:
        return not self.session.read_only

    def refresh(self) -> None:
        """Read the diary again: slots and statuses as of now, totals, warnings, panels."""
        state = build_state(self.session.store, self.session.now())
        self.state = state
        self.title.setText(f"Today, {state.day:%A %d %B %Y}")
        self._show_totals(state)
        self._show_banners(state.warnings)
        editable = self.editable
        self.slots.refresh(state, editable)
        self.dose.refresh(editable)
        self.ratings.refresh(editable)
        self.events.refresh(editable)
        self._set_tab_order()
        self._reflow()

    def unsaved_changes(self) -> list[str]:
        """What the user set or typed here and has not saved, in plain words (empty when
        nothing): the window asks before closing or switching diaries when this says anything."""
        return [*self.slots.unsaved_changes(), *self.dose.unsaved_changes(),
                *self.ratings.unsaved_changes(), *self.events.unsaved_changes()]

    def _set_tab_order(self) -> None:
        """Tab follows the page: slots, the dose form, the ratings, the events."""
        chain = [w for panel in (self.slots, self.dose, self.ratings, self.events)
                 for w in panel.tab_chain()]
        if chain == self._tab_chain:
            return
        self._tab_chain = chain
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_totals(self, state: TodayState) -> None:
        self.total_texts = {}
        parts = []
        for entry in state.medications:
            med = entry.medication
            assert med.id is not None
            text = f"{med.name}: {entry.total_text}"
            if entry.over_max:
                text += f" (⚠ {format_amount(entry.over_max, med.unit)} over the maximum)"
            self.total_texts[med.id] = text
            parts.append(text.replace(" ", "\u00a0"))  # wrap between medications, not inside
        self.totals.setText("   ·   ".join(parts) if parts else "No medications yet.")

    def _show_banners(self, warnings: list[Finding]) -> None:
        texts = [f"⚠ Warning — {f.message}" for f in warnings]
        if texts == [b.text() for b in self.banners]:
            return
        for banner in self.banners:
            self._banner_box.removeWidget(banner)
            banner.deleteLater()
        self.banners = []
        for text in texts:
            banner = QLabel(text)
            banner.setWordWrap(True)
            banner.setStyleSheet(BANNER_STYLE)
            banner.setAccessibleName("Taper warning")
            banner.setAccessibleDescription(text)
            self._banner_box.addWidget(banner)
            self.banners.append(banner)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        scroll = getattr(self, "body_scroll", None)
        if scroll is None:  # a view being torn down (a window dropped half-built) reflows nothing
            return False
        resized = watched is scroll.viewport() and event.type() == QEvent.Type.Resize
        relaid = watched is self._columns_host and \
            event.type() == QEvent.Type.LayoutRequest
        if resized or relaid:
            self._reflow()
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        """Two columns when they fit side by side, else one below the other."""
        left, right = self._columns
        spacing = max(self._body.spacing(), 0)
        needed = left.minimumSizeHint().width() + right.minimumSizeHint().width() + spacing
        available = self.body_scroll.viewport().width()
        direction = (QBoxLayout.Direction.LeftToRight if available >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self._body.direction() != direction:
            self._body.setDirection(direction)
