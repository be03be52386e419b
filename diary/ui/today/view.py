"""Today: the view the diary window opens on.

At the top, always in view: the day and each medication's running total against its max ("45 / 80
mg today"). Below, in a scroll area that reflows to one column when the window is narrow (or the
font large): any taper warning as a banner in the label's words, then the scheduled doses, the
as-needed dose form and the doses that answer no slot, the symptom ratings and the events. At
the bottom, one line says what the last action did; it is cleared when the undo stack moves
(an undo, a redo, another change), so "Ctrl+Z undoes it" never outlives what it was about.

Calm and steady for a person with MS: nothing moves when something is done. The line at the
bottom keeps its room when empty, the room of a taper warning that went away is kept for the
rest of the day (a calm line says so, and an undo that brings it back moves nothing), each slot
keeps its height, a slot's "Other…" form opens in the slot's own line, "Log dose" sits above the
lines of its safety check, and a saved score stays chosen. On a 1366×768 screen at normal text
it all fits without scrolling, in the window with its menus, reminder banner, tabs and status
bar, under a title bar and above a desktop panel (tests/ui/today/test_view_fit.py); at 2× text
it scrolls.

The view refreshes itself from `session.changed`, and every minute so that a slot turns from "due
now" to "missed" while the window stays open; the main window calls `refresh()` when the day rolls
over. With a read-only session every editing control is disabled.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.units import format_amount
from diary.ui.shell.session import DiarySession
from diary.ui.today.dose import DosePanel
from diary.ui.today.events import EventsPanel
from diary.ui.today.ratings import RatingsPanel
from diary.ui.today.slots import SlotList
from diary.ui.today.state import TodayState
from diary.ui.today.state import build_state
from diary.ui.widgets.flow import column
from diary.ui.widgets.targets import EDGE
from diary.ui.widgets.targets import keep_room_when_hidden
from diary.ui.widgets.targets import reserve_lines

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
# The notice's border shows only around a message, always the same width, so nothing moves.
NOTICE_STYLE = "QLabel { border: 1px solid %s; border-radius: 4px; padding: 4px; }"
RESOLVED_STYLE = "QLabel { border: 1px dashed palette(mid); border-radius: 4px; padding: 6px; }"
RESOLVED = "✓ No taper warning now."
NOTICE_LINES = 2  # the room the line saying what the last action did always takes
TITLE_SCALE = 1.4


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
        self.totals = QLabel()
        self.totals.setAccessibleName("Taken today against the maximum")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.totals.setWordWrap(False)  # beside the day, as the header starts (_reflow_header)
        # The warnings, and over them in the same place the room of every warning shown today
        # (invisible) and the calm line that replaces them once none is left.
        self.banners: list[QLabel] = []
        self.banner_area = QWidget()
        area = QGridLayout(self.banner_area)
        area.setContentsMargins(0, 0, 0, 0)
        live, self._ghost_host = QWidget(), QWidget()
        self._banner_box = QVBoxLayout(live)
        self._ghost_box = QVBoxLayout(self._ghost_host)
        for box in (self._banner_box, self._ghost_box):
            box.setContentsMargins(0, 0, 0, 0)
        self._ghosts: tuple[date | None, list[str]] = (None, [])  # the day, its warnings
        self.resolved = QLabel(RESOLVED)
        self.resolved.setAccessibleName("Taper warning")
        self.resolved.setStyleSheet(RESOLVED_STYLE)
        self.resolved.setWordWrap(True)
        self.resolved.hide()
        for widget in (self._ghost_host, live, self.resolved):
            area.addWidget(widget, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.notice = QLabel()
        self.notice.setAccessibleName("What the last action did")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE % "transparent")  # an empty line, not a box
        self.notice.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._set_fonts()

        self.slots = SlotList(session)
        self.dose = DosePanel(session)
        self.ratings = RatingsPanel(session)
        self.events = EventsPanel(session)
        left = column(self.slots, self.dose, self.slots.extra, equal_share=True)
        right = column(self.ratings, self.events, equal_share=True)
        self._columns = (left, right)
        self._columns_host = QWidget()
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._columns_host)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(left, 1)
        self._body.addWidget(right, 1)
        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 0, 0, 0)
        content_box.addWidget(self.banner_area)
        content_box.addWidget(self._columns_host, 1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setWidget(content)
        self.body_scroll.viewport().installEventFilter(self)
        self._columns_host.installEventFilter(self)

        # The day and the totals stay in view, on one line when the window is wide enough for
        # both with room to spare (a total growing by a digit does not break the line);
        # warnings scroll with the page, at its top; the line saying what the last action did
        # sits at the bottom, like a status line.
        self._header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._header.addWidget(self.title)
        self._header.addWidget(self.totals, 1)
        layout = QVBoxLayout(self)
        # Close to the tabs above and the window's status bar below: at 1366×768 with the
        # window's menus, reminder banner, tabs and status bar, and a desktop panel, Today still
        # fits without scrolling.
        sides = layout.contentsMargins()
        layout.setContentsMargins(sides.left(), EDGE, sides.right(), EDGE)
        layout.addLayout(self._header)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.notice)

        for panel in (self.slots, self.dose, self.ratings, self.events):
            panel.notice.connect(self.show_notice)
        # An undo, a redo or another change moves the stack: "Ctrl+Z undoes it" is over.
        session.undo_stack.indexChanged.connect(self._stack_moved)
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

    def _set_fonts(self) -> None:
        """The title larger and bold, the totals bold, from the application's font (so 2× text
        doubles them too), and the notice's room for its lines."""
        base = QFont(self.font())
        title = QFont(base)
        if title.pointSizeF() > 0:
            title.setPointSizeF(title.pointSizeF() * TITLE_SCALE)
        title.setBold(True)
        self.title.setFont(title)
        bold = QFont(base)
        bold.setBold(True)
        self.totals.setFont(bold)
        reserve_lines(self.notice, NOTICE_LINES)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._set_fonts()
        super().changeEvent(event)

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
        self._show_banners(state)
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

    def _show_banners(self, state: TodayState) -> None:
        """The taper warnings, at the top. The room of every warning shown today is kept for
        the rest of the day (a dose logged answers "no dose recorded"): once none is left a
        calm line says so, and the page below moves neither up then, nor down again when an
        undo brings the warning back. A new day starts with no room kept."""
        texts = [f"⚠ Warning — {f.message}" for f in state.warnings]
        if texts != [b.text() for b in self.banners]:
            for banner in self.banners:
                self._banner_box.removeWidget(banner)
                banner.hide()
                banner.deleteLater()
            self.banners = [self._banner(text, self._banner_box) for text in texts]
        day, seen = self._ghosts
        kept = ([] if day != state.day else seen) + [t for t in texts if t not in seen]
        if (day, seen) != (state.day, kept):
            while (item := self._ghost_box.takeAt(0)) is not None:
                if (ghost := item.widget()) is not None:
                    ghost.deleteLater()
            for text in kept:  # invisible, keeping the room the warning took
                self._banner(text, self._ghost_box).hide()
            self._ghosts = (state.day, kept)
        self.resolved.setVisible(bool(kept) and not texts)
        self.banner_area.setVisible(bool(kept))  # no warning today: no room, no gap

    @staticmethod
    def _banner(text: str, box: QVBoxLayout) -> QLabel:
        banner = QLabel(text)
        banner.setWordWrap(True)
        banner.setStyleSheet(BANNER_STYLE)
        banner.setAccessibleName("Taper warning")
        banner.setAccessibleDescription(text)
        keep_room_when_hidden(banner)
        box.addWidget(banner)
        return banner

    def _stack_moved(self, _index: int) -> None:
        self.show_notice("")

    def show_notice(self, text: str) -> None:
        """Say what the last action did; empty, the line keeps its room."""
        self.notice.setText(text)
        self.notice.setStyleSheet(NOTICE_STYLE % ("palette(mid)" if text else "transparent"))

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow_header()

    def _reflow_header(self) -> None:
        """The totals beside the day when both fit with a third to spare, else below it."""
        totals = QFontMetrics(self.totals.font()).horizontalAdvance(self.totals.text())
        gap = self.fontMetrics().horizontalAdvance("0") * 3
        needed = self.title.sizeHint().width() + totals * 4 // 3 + gap
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        layout = self.layout()
        if layout is not None:
            inner = layout.contentsMargins()
            margins += inner.left() + inner.right()
        direction = (QBoxLayout.Direction.LeftToRight if needed <= self.width() - margins
                     else QBoxLayout.Direction.TopToBottom)
        beside = direction == QBoxLayout.Direction.LeftToRight
        if self._header.direction() != direction:
            self._header.setDirection(direction)
            # Beside the day the totals take what is left, and ask for no width of their own:
            # the window can still be made narrower, and then they go below the day.
            policy = QSizePolicy.Policy.Ignored if beside else QSizePolicy.Policy.Preferred
            self.totals.setSizePolicy(policy, QSizePolicy.Policy.Preferred)
            # One line beside the day (there is room for it and a third more), so the line's
            # height never depends on where a word wraps; below the day they wrap.
            self.totals.setWordWrap(not beside)
        self._header.setSpacing(gap if beside else 0)

    def _reflow(self) -> None:
        """Two columns when they fit side by side, else one below the other."""
        self._reflow_header()
        left, right = self._columns
        for side in self._columns:
            box = side.layout()
            least = 0 if box is None else box.minimumSize().width()
            if side.minimumWidth() != least:
                side.setMinimumWidth(least)
        spacing = max(self._body.spacing(), 0)
        needed = left.minimumWidth() + right.minimumWidth() + spacing
        available = self.body_scroll.viewport().width()
        direction = (QBoxLayout.Direction.LeftToRight if available >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self._body.direction() != direction:
            self._body.setDirection(direction)
