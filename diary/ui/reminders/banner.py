"""The in-window reminder: one line per pending dose, "Baclofen 20 mg is due (20:00)", with
Taken and Snooze 10 min. It does the tray notification's job where no system tray exists, and
is harmless next to one. Hidden while nothing is pending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders.scheduler import SNOOZE_MINUTES
from diary.ui.reminders.scheduler import ReminderScheduler


class ReminderRow(QFrame):
    """One pending dose: the text, Taken, Snooze."""

    def __init__(self, scheduler: ReminderScheduler, dose: ScheduledDose,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dose = dose
        what = scheduler.describe(dose)  # "Baclofen 20 mg (20:00)"
        self.label = QLabel(scheduler.due_text(dose))  # "Baclofen 20 mg is due (20:00)"
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(f"Reminder: {scheduler.due_text(dose)}")
        self.take_button = QPushButton("Taken")
        self.take_button.setAccessibleName(f"Taken: log {what} as taken now")
        self.take_button.setToolTip(f"Log {what} as taken now")
        self.snooze_button = QPushButton(f"Snooze {SNOOZE_MINUTES} min")
        self.snooze_button.setAccessibleName(f"Snooze {what} for {SNOOZE_MINUTES} minutes")
        self.snooze_button.setToolTip(f"Remind me again in {SNOOZE_MINUTES} minutes")
        # A reminder must not take a dose by an errant Enter: neither button is a default.
        for button in (self.take_button, self.snooze_button):
            button.setAutoDefault(False)
        self.take_button.clicked.connect(lambda: scheduler.take(dose))
        self.snooze_button.clicked.connect(lambda: scheduler.snooze(dose))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.take_button)
        layout.addWidget(self.snooze_button)


class ReminderBanner(QWidget):
    """Place above the tabs; it shows and hides itself as reminders come and go."""

    def __init__(self, scheduler: ReminderScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.setAccessibleName("Dose reminders")
        self._frame = QFrame(self)
        self._frame.setFrameShape(QFrame.Shape.StyledPanel)
        self._frame.setAutoFillBackground(True)
        self._frame.setBackgroundRole(self._frame.palette().ColorRole.AlternateBase)
        self._rows_layout = QVBoxLayout(self._frame)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._frame)
        self._rows: list[ReminderRow] = []
        scheduler.pending_changed.connect(self.refresh)
        scheduler.due.connect(self._on_due)
        self.refresh()

    def rows(self) -> list[ReminderRow]:
        return list(self._rows)

    def refresh(self) -> None:
        pending = self.scheduler.pending()
        if [row.dose for row in self._rows] == pending:
            self.setVisible(bool(self._rows))
            return
        for row in self._rows:
            # The click that answered a reminder may still be running inside this row's button.
            row.hide()
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self._rows = [ReminderRow(self.scheduler, dose, self._frame) for dose in pending]
        for row in self._rows:
            self._rows_layout.addWidget(row)
        self.setVisible(bool(self._rows))

    def _on_due(self, dose: ScheduledDose) -> None:
        del dose
        window = self.window()
        if window.isVisible():
            QApplication.alert(window)  # the taskbar entry asks for attention
