"""The in-window reminder banner, above the tabs: one row per reminder ("Baclofen 20 mg is due
(20:00)" with Taken, Skip, Snooze 10 min, and Longer for 30 minutes or an hour), per snoozed
reminder ("snoozed until 08:10"), per heads-up ("at 14:00, in 10 minutes"); and, when nothing is
waiting, the next dose of the day ("Next: Baclofen 20 mg at 14:00", or "No more doses today").

It stands out without alarming: an accent border and a light tint of the theme's highlight while
a reminder is due, an icon, the medication's name in bold beside its pill, buttons of at least
44 × 44 px. It never moves what is under the hand:
- the first row is always there and always as high (room for its buttons and two lines of
  words, and for the longest wording a reminder of any of today's doses can take: due, still
  due, late with when the next is), whatever it shows, so one reminder coming or going or
  turning late moves nothing; a further row keeps the room of its own dose's longest wording;
- reminders that come together (a *burst*) each keep their row, in the order they came, until
  none is left to answer: an answered one turns into a line of what was recorded ("✓ Tizanidine
  2 mg taken 08:03"), as high as it was, and the next slot of a medication takes its
  medication's row; a snoozed one stays where it was. The banner grows when a reminder arrives
  and shrinks only when the last one goes, back to its one row ("Next: …");
- and not at once while the pointer is over the window (the click that answered the last one,
  on the banner or in the Today view below it, was just made there): the lines of what was
  recorded stay a few seconds (HOLD_MS), so that the next click does not land on something that
  moved, and go when that time is over or the pointer leaves the window, whichever comes first.
  They are never carried into the next reminder: a reminder that comes after them starts a
  burst of its own.
It does the tray notification's job where no system tray exists and is harmless next to one; it
shows while reminders are on and the diary can be written.
"""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.plans.steps import ScheduledDose
from diary.domain.wording import plural
from diary.ui.reminders.scheduler import SNOOZE_CHOICES
from diary.ui.reminders.scheduler import SNOOZE_MINUTES
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.widgets.pill import pill_pixmap
from diary.ui.widgets.targets import TARGET

PILL = 32
SPACING = 8  # between the parts of a row
DUE, SNOOZED, COMING, NEXT, DONE = "due", "snoozed", "coming", "next", "done"
# How long the lines of what was recorded stay once the last reminder is answered with the
# pointer over the window (unless it leaves first), in milliseconds.
HOLD_MS = 8000

# A row as wanted: its state, its dose, its words, the names in bold, whether it offers Taken.
Wanted = tuple[str, ScheduledDose | None, str, list[str], bool]
# Words a row keeps room for, with the names in bold.
Words = tuple[str, list[str]]


def _rich(text: str, bold: list[str]) -> str:
    rich = escape(text)
    for name in bold:
        rich = rich.replace(escape(name), f"<b>{escape(name)}</b>", 1)
    return rich


def _minutes_text(minutes: int) -> str:
    return "1 hour" if minutes == 60 else plural(minutes, "minute")


class ReminderRow(QWidget):
    """One row: an icon for what it is, the pill, the words, and Taken, Skip, Snooze and the
    menu of longer snoozes where they apply. The row is reused as the reminders change: its
    buttons act on the dose it shows."""

    def __init__(self, scheduler: ReminderScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.dose: ScheduledDose | None = None
        self.state = NEXT
        self.text = ""  # the words, plain
        self._kept = 0  # the height it reached among the reminders: it never gets lower there
        self._room: list[Words] = []  # the longest words it may show, as a reminder
        self._probe = QLabel(self)  # measures those words; never shown
        self._probe.hide()
        self._probe.setWordWrap(True)
        self._probe.setTextFormat(Qt.TextFormat.RichText)
        self.icon = QLabel()
        self.icon.setFixedSize(PILL, PILL)
        self.pill = QLabel()
        self.pill.setFixedSize(PILL, PILL)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.take_button = QPushButton("Taken")
        self.skip_button = QPushButton("Skip")
        self.snooze_button = QPushButton(f"Snooze {SNOOZE_MINUTES} min")
        self.longer_button = QPushButton("Longer")  # Qt adds its menu's arrow
        self.longer_button.setToolTip("Snooze for longer: "
                                      + " or ".join(_minutes_text(m) for m in SNOOZE_CHOICES
                                                    if m != SNOOZE_MINUTES))
        self.longer_menu = QMenu(self)
        for minutes in SNOOZE_CHOICES:
            if minutes != SNOOZE_MINUTES:
                action = self.longer_menu.addAction(f"Snooze {_minutes_text(minutes)}")
                action.triggered.connect(partial(self._snooze, minutes))
        self.longer_button.setMenu(self.longer_menu)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # where the focus rests once answered
        font = self.take_button.font()
        font.setBold(True)
        self.take_button.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        for button in self.buttons():
            # A reminder must not take a dose by an errant Enter: no button is a default.
            button.setAutoDefault(False)
            button.setMinimumSize(TARGET, TARGET)
            layout.addWidget(button)
        self.take_button.clicked.connect(self._take)
        self.skip_button.clicked.connect(self._skip)
        self.snooze_button.clicked.connect(partial(self._snooze, SNOOZE_MINUTES))
        self._fit_height()

    def buttons(self) -> list[QPushButton]:
        return [self.take_button, self.skip_button, self.snooze_button, self.longer_button]

    def show_state(self, state: str, dose: ScheduledDose | None, text: str, bold: list[str],
                   offers_taken: bool = False, room: list[Words] | None = None) -> None:
        """Show `text` (with the names in `bold` in bold) for `dose` in `state`, keeping room
        for the words in `room` as a due reminder shows them (with its four buttons). Among the
        reminders a row never gets lower, however many lines its words took before (a snoozed
        or answered one shows fewer buttons, so its words take fewer lines)."""
        if state == NEXT:
            self._kept = 0
        elif self.isVisible():
            self._kept = max(self._kept, self.height())
        self.state, self.dose, self.text = state, dose, text
        self._room = list(room or [])
        self._fit_height()
        self.label.setText(_rich(text, bold))
        self.label.setAccessibleName(text)
        self.setAccessibleName(text)
        icon = {DUE: QStyle.StandardPixmap.SP_MessageBoxInformation,
                COMING: QStyle.StandardPixmap.SP_MessageBoxInformation,
                SNOOZED: QStyle.StandardPixmap.SP_BrowserReload}.get(state)
        if icon is None:
            self.icon.clear()
        else:
            self.icon.setPixmap(self.style().standardIcon(icon).pixmap(PILL, PILL))
        if dose is None:
            self.pill.clear()
            self.pill.setAccessibleName("")
        else:
            look = self.scheduler.medication(dose).look
            self.pill.setPixmap(pill_pixmap(look, PILL, self.devicePixelRatioF()))
            self.pill.setAccessibleName(f"{look.describe()} pill")
        shown = {self.take_button: state in (DUE, SNOOZED) or offers_taken,
                 self.skip_button: state in (DUE, SNOOZED),
                 self.snooze_button: state == DUE, self.longer_button: state == DUE}
        if any(button.hasFocus() and not visible for button, visible in shown.items()):
            # The focus rests on the row, never jumps to another reminder's Taken, which a
            # second Space or Enter would press.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        for button, visible in shown.items():
            button.setVisible(visible)
        if dose is not None:
            what = self.scheduler.describe(dose)
            self.take_button.setAccessibleName(f"Taken: log {what} as taken now")
            self.take_button.setToolTip(f"Log {what} as taken now")
            self.skip_button.setAccessibleName(f"Skip: record {what} as skipped")
            self.skip_button.setToolTip(f"Record {what} as skipped (Ctrl+Z undoes it)")
            self.snooze_button.setAccessibleName(
                f"Snooze {what} for {SNOOZE_MINUTES} minutes")
            self.snooze_button.setToolTip(f"Remind me again in {SNOOZE_MINUTES} minutes")
            self.longer_button.setAccessibleName(f"Snooze {what} for longer: choose how long")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()  # the words wrap anew

    def _fit_height(self) -> None:
        """Room for the buttons and two lines of words, whatever the row shows, and for the
        longest of the words it keeps room for, at this width."""
        lines = 2 * self.label.fontMetrics().lineSpacing() + 4
        buttons = max(b.sizeHint().height() for b in self.buttons())
        self.setMinimumHeight(max(TARGET, buttons, lines, PILL, self._kept, self._room_height()))

    def _room_height(self) -> int:
        """How high the label of a due reminder (all four buttons shown) must be for the
        longest of the words the row keeps room for."""
        if not self._room:
            return 0
        taken = 2 * PILL + 6 * SPACING + sum(max(b.sizeHint().width(), TARGET)
                                             for b in self.buttons())
        width = max(self.width() - taken, PILL)
        self._probe.setFont(self.label.font())
        heights = []
        for text, bold in self._room:
            self._probe.setText(_rich(text, bold))
            heights.append(self._probe.heightForWidth(width))
        return max(heights)

    def _take(self) -> None:
        # Only while Taken is offered: never for the dose a "Next: …" row names.
        if self.dose is not None and not self.take_button.isHidden():
            self.scheduler.take(self.dose)

    def _skip(self) -> None:
        if self.dose is not None:
            self.scheduler.skip(self.dose)

    def _snooze(self, minutes: int) -> None:
        if self.dose is not None and self.state == DUE:
            self.scheduler.snooze(self.dose, minutes)


class ReminderBanner(QFrame):
    """Place above the tabs; it shows itself while reminders are on."""

    def __init__(self, scheduler: ReminderScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.setObjectName("reminderBanner")
        self.setAccessibleName("Dose reminders")
        self._rows_layout = QVBoxLayout(self)
        self._rows_layout.setContentsMargins(10, 6, 8, 6)
        self._rows_layout.setSpacing(4)
        self._rows: list[ReminderRow] = []
        self._burst: list[ScheduledDose] = []  # the doses of the rows, while any is shown
        self._held = False  # the rows only say what was recorded, for a moment (HOLD_MS)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._release)
        self._window: QWidget | None = None  # the window whose pointer it watches
        scheduler.changed.connect(self.refresh)
        scheduler.session.changed.connect(self.refresh)  # an answer edited in the Today view
        scheduler.due.connect(self._on_due)
        self.refresh()

    def rows(self) -> list[ReminderRow]:
        return list(self._rows)

    def refresh(self, *, pointer_left: bool = False) -> None:
        scheduler = self.scheduler
        self.setVisible(scheduler.active)
        live: dict[ScheduledDose, Wanted] = {}
        if scheduler.active:
            for d in scheduler.pending():
                live[d] = (DUE, d, scheduler.due_text(d), [scheduler.label(d)], True)
            for d in scheduler.coming():
                live[d] = (COMING, d, scheduler.heads_up_text(d), [scheduler.label(d)],
                           scheduler.offers_taken(d))
            for d, until in scheduler.snoozed_doses().items():
                live[d] = (SNOOZED, d, scheduler.snoozed_text(d, until), [scheduler.label(d)],
                           True)
        self._burst = self._next_burst(live, pointer_left)
        wanted = [live.get(d) or self._recorded(d) for d in self._burst]
        if not wanted:
            upcoming = scheduler.upcoming() if scheduler.active else []
            wanted = [(NEXT, upcoming[0] if upcoming else None, scheduler.next_text(),
                       [scheduler.label(d) for d in upcoming], False)]
        while len(self._rows) < len(wanted):
            row = ReminderRow(scheduler, self)
            self._rows_layout.addWidget(row)
            self._rows.append(row)
        focused = QApplication.focusWidget()
        for row in self._rows[len(wanted):]:
            if focused is not None and (focused is row or row.isAncestorOf(focused)):
                self._rows[0].setFocus(Qt.FocusReason.OtherFocusReason)
            # The click that answered a reminder may still be running inside this row's button.
            row.hide()
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        del self._rows[len(wanted):]
        every = [self._words(d) for d in scheduler.today()] if scheduler.active else []
        for i, (row, (state, dose, text, bold, offers)) in enumerate(
                zip(self._rows, wanted, strict=True)):
            room = every if i == 0 else [] if dose is None else [self._words(dose)]
            row.show_state(state, dose, text, bold, offers, [w for r in room for w in r])
        self._paint(any(w[0] == DUE for w in wanted))

    def _words(self, dose: ScheduledDose) -> list[Words]:
        """Every wording a reminder of `dose` can take, its name in bold."""
        name = [self.scheduler.label(dose)]
        return [(text, name) for text in self.scheduler.wordings(dose)]

    def _next_burst(self, live: dict[ScheduledDose, Wanted],
                    pointer_left: bool) -> list[ScheduledDose]:
        """The doses to show, one row each, in the rows they had: a dose still waiting keeps its
        row; a later slot of a medication takes its medication's row; an answered one stays
        (as what was recorded) while another waits; what is new comes last. Nothing waiting:
        the rows go, unless there are several and the pointer is over the window, and then only
        for HOLD_MS. Rows held that way are never carried into a new reminder's burst (an
        undone answer comes back in its row)."""
        arriving = list(live)
        burst: list[ScheduledDose] = []
        previous = self._burst
        if self._held and not set(live) <= set(self._burst):
            previous = []  # a new reminder: a burst of its own
        for dose in previous:
            successor = next((d for d in arriving if d.medication_id == dose.medication_id),
                             None)
            if successor is not None:
                burst.append(successor)
                arriving.remove(successor)
            elif self.scheduler.answer(dose) is not None:
                burst.append(dose)
            # else withdrawn unanswered (the day ended, a plan changed): its row goes
        burst += arriving
        if live:
            self._stop_holding()
            return burst
        if len(burst) > 1 and not pointer_left and self._pointer_over_window() and (
                self._hold.isActive() or not self._held):
            if not self._held:  # the last one was just answered
                self._held = True
                self._hold.start(HOLD_MS)
            return burst
        self._stop_holding()
        return []

    def _stop_holding(self) -> None:
        self._held = False
        self._hold.stop()

    def _release(self) -> None:
        """The moment the lines of what was recorded were held for is over."""
        if self._held:
            self.refresh(pointer_left=True)

    def _recorded(self, dose: ScheduledDose) -> Wanted:
        intake = self.scheduler.answer(dose)
        assert intake is not None
        return (DONE, dose, self.scheduler.answered_text(dose, intake),
                [self.scheduler.label(dose, intake.amount)], False)

    def _pointer_over_window(self) -> bool:
        window = self.window()
        return self.isVisible() and window.underMouse()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._window:
            # Where the pointer is decides when answered rows may go: watch it leave.
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Leave and self._burst:
            self.refresh(pointer_left=True)
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The theme changed (our own sheet: no change).
            self._paint(any(row.state == DUE for row in self._rows))

    def _paint(self, urgent: bool) -> None:
        """The accent border and tint while a reminder is due; calm otherwise. The border keeps
        its width in every state, so nothing moves."""
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if urgent:
            border, fill = accent, _mix(base, accent, 0.14)
        else:
            border, fill = palette.color(QPalette.ColorRole.Mid), \
                palette.color(QPalette.ColorRole.AlternateBase)
        sheet = (f"QFrame#reminderBanner {{ border: 2px solid {border.name()}; "
                 f"border-radius: 6px; background: {fill.name()}; }}")
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def _on_due(self, dose: ScheduledDose) -> None:
        del dose
        window = self.window()
        if window.isVisible():
            QApplication.alert(window)  # the taskbar entry asks for attention


def _mix(base: QColor, accent: QColor, share: float) -> QColor:
    return QColor.fromRgbF(*(b + (a - b) * share for a, b in (
        (accent.redF(), base.redF()), (accent.greenF(), base.greenF()),
        (accent.blueF(), base.blueF()))))
