"""Today's scheduled doses as a list of slots: one click (or Enter) on "Take now" records the dose
of that slot taken now; the second control, "Other…", turns the slot's line into a small form to
record it taken at a time typed as HH:MM (the slot's own time when it has come, else now: what
it offers can always be saved), or skipped. Each slot says its status in words ("to take", "due
now", "✗ missed", "✓ taken 08:05, late", "– skipped"), so nothing depends on colour alone, and
shows the medication's pill (its colour and shape, described for a screen reader).

Every button is a large target, and nothing moves when a slot is answered or its form opens or
closes: the form takes the place of the slot's status and buttons (the time, pill, name and
amount stay, saying which dose it is), each line keeps the height of its buttons, a button that
goes keeps its room, and where a narrow window (or 2× text) wraps the form onto more lines, the
slot's line always keeps the room of those lines, open or not. The line of doses that answer no
slot (`extra`, "Other doses today") is laid out by the view, below the as-needed form, where
its growing moves none of the slots' buttons.

Nothing here takes two doses by accident: once a later slot of the same medication has come due,
a missed slot offers only "Other…" (taken earlier, or skipped), as the reminders withdraw it;
Ctrl+T goes to the slot that is due; "Take now" well before a slot's on-time window, or within
that window of another dose, asks first (the dosing check's timing findings); and after a save
the focus rests on the list itself, never on another "Take now" that a second Enter would press.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.daytime import fixed
from diary.domain.daytime import parse_clock
from diary.domain.daytime import slot_instant
from diary.domain.entities import Intake
from diary.domain.entities import IntakeStatus
from diary.domain.entities import Medication
from diary.domain.entities import Slot
from diary.domain.errors import ValidationError
from diary.domain.stats import SlotOutcome
from diary.domain.units import format_amount
from diary.domain.wording import clock_text
from diary.ui.shell.session import DiarySession
from diary.ui.today.dose import record_dose
from diary.ui.today.fields import reset_text
from diary.ui.today.fields import undo_passes_through
from diary.ui.today.looks import pill_label
from diary.ui.today.state import TodayState
from diary.ui.today.state import open_slot
from diary.ui.today.state import slot_status
from diary.ui.widgets import dialogs
from diary.ui.widgets.flow import FlowLayout
from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import CompactButton
from diary.ui.widgets.targets import keep_room_when_hidden
from diary.ui.widgets.targets import large
from diary.ui.widgets.targets import tight_margins

SlotKey = tuple[int, Slot]
MISSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion: colour-blind safe, and never the only sign


class SlotRow:
    """The widgets of one scheduled dose: a line of the list, whose status and buttons give way
    to a form (`editor`) to type the time it was taken, or to skip it."""

    def __init__(self, owner: SlotList, outcome: SlotOutcome, med: Medication) -> None:
        self.outcome = outcome
        self.med = med
        self.time = QLabel()
        self.pill = pill_label()
        self.medication = QLabel()
        self.amount = QLabel()
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for label in (self.medication, self.status):
            label.setWordWrap(True)  # a large font wraps "✓ taken 21:00 (25 mg), late"
        self.take = QPushButton("Take now")
        self.other = QPushButton("Other…")
        for button in (self.take, self.other):
            button.setAutoDefault(True)  # Enter on the focused button presses it
            button.installEventFilter(owner)
        large(self.take, self.other)
        keep_room_when_hidden(self.take, self.other)  # a slot answered moves no other button
        self.prefilled = ""  # what "Other…" put in the time field
        self._takeable = self._actionable = False
        self.editor = QWidget()
        self.at = QLineEdit()
        self.at.setPlaceholderText("HH:MM")
        self.at.setMaxLength(5)
        undo_passes_through(self.at)
        # Short and compact: the form fits the line of the slot.
        self.save_at = CompactButton("Save")
        self.skip = CompactButton("Skip")  # its accessible name says which dose
        self.cancel = CompactButton("Cancel")
        for button in (self.save_at, self.skip, self.cancel):
            button.setAutoDefault(True)
        large(self.at, self.save_at, self.skip, self.cancel)
        self.at.setFixedWidth(self.at.fontMetrics().horizontalAdvance("00:00") + 16)
        # "Taken at" and its field stay together; the buttons wrap after them when narrow.
        time_field = QWidget()
        time_line = QGridLayout(time_field)
        time_line.setContentsMargins(0, 0, 0, 0)
        taken_at = QLabel("Taken at")
        taken_at.setBuddy(self.at)
        time_line.addWidget(taken_at, 0, 0)
        time_line.addWidget(self.at, 0, 1)
        gap = self.editor.fontMetrics().horizontalAdvance("0")
        editor = FlowLayout(self.editor, gap)
        editor.addWidget(time_field)
        editor.addWidget(self.save_at)
        editor.addWidget(self.skip)
        editor.addWidget(self.cancel)
        # The end of the slot's line: its status and buttons, or the form in their place. The
        # stack is as high as the higher of the two, whichever shows: nothing below moves.
        offered = QWidget()
        buttons = QHBoxLayout(offered)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(gap)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.take)
        buttons.addWidget(self.other)
        self.line_end = QWidget()
        self._stack = QStackedLayout(self.line_end)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(offered)
        self._stack.addWidget(self.editor)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.editor)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_editor)

        self.take.clicked.connect(lambda: owner.take(self))
        self.other.clicked.connect(lambda: self.open_editor(owner.state))
        self.skip.clicked.connect(lambda: owner.skip(self))
        self.save_at.clicked.connect(lambda: owner.take_at(self))
        self.at.returnPressed.connect(lambda: owner.take_at(self))
        self.cancel.clicked.connect(self.close_editor)

    def widgets(self) -> list[QWidget]:
        """The line's widgets, column by column."""
        return [self.time, self.pill, self.medication, self.amount, self.line_end]

    @property
    def editing(self) -> bool:
        return self._stack.currentWidget() is self.editor

    def offers(self, button: QPushButton) -> bool:
        """Whether the slot offers "Take now" (or "Other…"), shown or under the open form."""
        offered = self._takeable if button is self.take else self._actionable
        return offered and button.isEnabled()

    def focus(self, button: QPushButton) -> None:
        """Focus that button, or the time field where the form is open over it."""
        (self.at if self.editing else button).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def update_from(self, outcome: SlotOutcome, med: Medication, state: TodayState,
             editable: bool) -> None:
        self.outcome = outcome
        self.med = med
        when = clock_text(outcome.slot.time)
        amount = format_amount(outcome.planned_amount, med.unit)
        text, kind = slot_status(outcome, state, med)
        self.time.setText(when)
        self.medication.setText(med.name)
        look = med.look.describe()
        self.pill.set_look(med.look, f"{med.name}: {look}")
        self.amount.setText(amount)
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        font = QFont(self.status.font())
        font.setBold(kind in ("missed", "late", "due"))
        self.status.setFont(font)
        self.status.setStyleSheet(f"color: {MISSED_COLOUR};" if kind == "missed" else "")
        name = f"{med.name} {amount}, the {when} dose"
        for label in (self.time, self.medication, self.amount):
            label.setAccessibleName(name)
        self.status.setAccessibleName(f"{name}: {text}")
        self.take.setAccessibleName(f"Take now: {name}")
        self.take.setToolTip(f"Record {name} ({look}) as taken now (Enter; Ctrl+T goes to "
                             "the dose that is due)")
        self.other.setAccessibleName(f"Taken at another time, or skipped: {name}")
        self.other.setToolTip(f"Record {name} ({look}) as taken at another time, or as "
                              "skipped (Escape closes it)")
        self.skip.setAccessibleName(f"Skip {name}")
        self.at.setAccessibleName(f"Time {name} was taken (HH:MM)")
        self.save_at.setAccessibleName(f"Save {name} as taken at the time typed")
        self.cancel.setAccessibleName("Cancel typing a time")
        actionable = open_slot(outcome)
        takeable = state.takeable_now(outcome)
        self._takeable, self._actionable = takeable, actionable
        self.take.setVisible(takeable)
        self.other.setVisible(actionable)
        for button in (self.take, self.other):
            button.setEnabled(editable)
        if actionable and not takeable:
            self.other.setToolTip(f"A later {med.name} dose is due now: record {name} only as "
                                  "taken at the time it was taken, or as skipped")
        for widget in (self.at, self.save_at, self.skip, self.cancel):
            widget.setEnabled(editable)
        if not actionable or not editable:
            self.close_editor()

    def open_editor(self, state: TodayState | None = None) -> None:
        """The line to type when the dose was taken, or skip it. It offers the slot's own time
        once that has come, and now for a dose still ahead (its own time would be refused as a
        time to come): what it offers can be saved as it is."""
        if not self.at.text():
            offered = self.outcome.slot.time
            if state is not None and state.due(self.outcome) > state.now:
                offered = state.now.time()
            self.prefilled = clock_text(offered)
            reset_text(self.at, self.prefilled)
        self._stack.setCurrentWidget(self.editor)
        self.at.setFocus()
        self.at.selectAll()

    def close_editor(self) -> None:
        focused = self.editor.focusWidget()
        had_focus = focused is not None and focused.hasFocus()
        self._stack.setCurrentIndex(0)
        reset_text(self.at, "")
        if had_focus and self.other.isVisible():
            self.other.setFocus()


class SlotList(QGroupBox):
    """Scheduled doses of the diary day, in the order they fall in the day."""

    notice = Signal(str)

    def __init__(self, session: DiarySession, parent: QWidget | None = None) -> None:
        super().__init__("Scheduled doses today", parent)
        self.setAccessibleName("Scheduled doses today")
        # Focus rests here after a save (see _record): Enter on the list itself does nothing.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._session = session
        self._state: TodayState | None = None
        self._editable = True
        self.rows: dict[SlotKey, SlotRow] = {}
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(4, 1)
        # Narrow gaps and a form that wraps: at 200% font the list fits an 800-pixel window
        # without a horizontal scroll bar.
        self._grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("0"))
        self.empty = QLabel("No doses are scheduled today.")
        self.empty.setWordWrap(True)
        self.extra = QLabel()  # laid out by the view, below the as-needed form
        self.extra.setWordWrap(True)
        self.extra.setAccessibleName("Other doses today")
        layout = QVBoxLayout(self)
        tight_margins(layout)
        layout.addWidget(self._grid_host)
        layout.addWidget(self.empty)
        layout.addStretch(1)

    @property
    def state(self) -> TodayState | None:
        return self._state

    def refresh(self, state: TodayState, editable: bool) -> None:
        self._state = state
        self._editable = editable
        pairs = state.outcomes
        keys = [(o.medication_id, o.slot) for o, _ in pairs]
        if keys != list(self.rows):
            self._rebuild(pairs)
        for (outcome, med), key in zip(pairs, keys, strict=True):
            self.rows[key].update_from(outcome, med, state, editable)
        self.empty.setVisible(not pairs)
        extra = sorted(((i, e.medication) for e in state.medications for i in e.extra),
                       key=lambda pair: pair[0].at)
        lines = [f"{clock_text(i.at)}  {med.name} {format_amount(i.amount, med.unit)} "
                 f"{i.status.value}" for i, med in extra]
        self.extra.setText("Other doses today: " + ("   ·   ".join(lines) if lines else "none"))

    def _rebuild(self, pairs: list[tuple[SlotOutcome, Medication]]) -> None:
        for row in self.rows.values():
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.rows = {}
        for line, (outcome, med) in enumerate(pairs):
            row = SlotRow(self, outcome, med)
            self.rows[(outcome.medication_id, outcome.slot)] = row
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, line, column)
            self._grid.setRowMinimumHeight(line, TARGET)  # as high with its buttons as without

    # --- keyboard ---------------------------------------------------------------------------
    def tab_chain(self) -> list[QWidget]:
        return [w for r in self.rows.values()
                for w in (r.take, r.other, r.at, r.save_at, r.skip, r.cancel)]

    def due_row(self) -> SlotRow | None:
        """The slot to take now: of those offering "Take now", the one whose time came last;
        before any has come, the next one."""
        state = self._state
        takeable = [r for r in self.rows.values() if r.offers(r.take)]
        if state is None or not takeable:
            return None
        come = [r for r in takeable if state.due(r.outcome) <= state.now]
        if come:
            return max(come, key=lambda r: state.due(r.outcome))
        return min(takeable, key=lambda r: state.due(r.outcome))

    def focus_due(self) -> bool:
        """Ctrl+T: focus "Take now" of the slot that is due (Enter then takes it); with none to
        take, the first slot still open, on its "Other…" (the time field where its form is
        open)."""
        row = self.due_row()
        if row is not None:
            row.focus(row.take)
            return True
        row = next((r for r in self.rows.values() if r.offers(r.other)), None)
        if row is None:
            return False
        row.focus(row.other)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move between open slots, to the same button of the slot above or below
        (to "Other…" where that slot offers no "Take now")."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            rows = [r for r in self.rows.values() if r.other.isVisible()]
            for index, row in enumerate(rows):
                buttons = (row.take, row.other)
                if watched in buttons:
                    step = -1 if event.key() == Qt.Key.Key_Up else 1
                    target = index + step
                    if 0 <= target < len(rows):
                        there = rows[target]
                        wanted = there.take if watched is row.take else there.other
                        (wanted if wanted.isVisible() else there.other) \
                            .setFocus(Qt.FocusReason.TabFocusReason)
                    return True
        return super().eventFilter(watched, event)

    # --- actions ----------------------------------------------------------------------------
    def take(self, row: SlotRow) -> None:
        self._record(row, fixed(self._session.now()), IntakeStatus.TAKEN)

    def skip(self, row: SlotRow) -> None:
        if self._record(row, fixed(self._session.now()), IntakeStatus.SKIPPED):
            row.close_editor()

    def take_at(self, row: SlotRow) -> None:
        state = self._state
        assert state is not None
        try:
            typed = parse_clock(row.at.text())
        except ValidationError as exc:
            dialogs.show_error(self, "The dose was not recorded", str(exc))
            self.notice.emit(f"Not recorded: {exc}")
            return
        slot = row.outcome.slot
        at = fixed(slot_instant(slot.day, typed, state.day_starts_at, state.tz))
        if self._record(row, at, IntakeStatus.TAKEN):
            row.close_editor()

    def _record(self, row: SlotRow, at: datetime, status: IntakeStatus) -> bool:
        if not self._editable:
            return False
        assert row.med.id is not None
        had_focus = any(w.hasFocus() for w in (row.take, row.other, row.at, row.save_at,
                                                row.skip))
        draft = Intake(row.med.id, at, row.outcome.planned_amount, status, row.outcome.slot)
        saved = record_dose(self, self._session, draft, self.notice.emit)
        if saved is not None and had_focus:
            # The buttons of the slot just answered are gone: the focus must not land on the
            # next "Take now", where a second Enter would take another dose at once.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        return saved is not None

    def unsaved_changes(self) -> list[str]:
        """Times typed under "Other…" and not saved."""
        return [f"A time typed for {r.med.name}, the {clock_text(r.outcome.slot.time)} dose, "
                f"not saved ({r.at.text().strip()})"
                for r in self.rows.values()
                if r.editing and r.at.text().strip()
                and r.at.text().strip() != r.prefilled]
