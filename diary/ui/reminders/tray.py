"""The system tray icon: the program stays reachable when its window is closed to the tray, and
each due dose becomes a desktop notification.

Where the desktop's notification service shows buttons, the notification has Taken and Snooze
(dose_notifications.py); a click on its body only opens the window. Otherwise the tray's own
message is used, which carries no buttons: the tray menu then holds "Take <medication> <amount>
(<time>)" and "Snooze ... 10 min" (it always does), and a click on the message opens the window,
whose reminder banner has Taken and Snooze. A click meant to look never logs a dose; Taken goes
through the same safety verdict as every other path (a dose that breaks a rule asks first).
Use only when `TrayReminders.available()`; otherwise the window's ReminderBanner does the job.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QSystemTrayIcon

from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders import notifications as dose_notifications
from diary.ui.reminders.notifications import DoseNotifications
from diary.ui.reminders.scheduler import SNOOZE_MINUTES
from diary.ui.reminders.scheduler import ReminderScheduler

if TYPE_CHECKING:
    from diary.ui.reminders.desktop import DesktopNotifications

MESSAGE_MS = 60_000


class TrayReminders(QObject):
    show_requested = Signal()  # "Show diary", or a click on the icon: bring the window forward
    quit_requested = Signal()  # "Quit" from the tray menu

    def __init__(self, scheduler: ReminderScheduler, icon: QIcon,
                 parent: QObject | None = None,
                 desktop: DesktopNotifications | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.notifications = (None if desktop is None
                              else DoseNotifications(scheduler, desktop, self))
        if self.notifications is not None:
            self.notifications.show_requested.connect(self.show_requested)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("Medication Diary")
        self._menu = QMenu()
        self.icon.setContextMenu(self._menu)
        self.last_message: tuple[str, str] | None = None  # (title, body), for the tests
        self._actions: list[QAction] = []
        self._retired: list[QAction] = []
        scheduler.due.connect(self.notify)
        scheduler.pending_changed.connect(self.rebuild_menu)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self.icon.activated.connect(self._on_activated)
        self.rebuild_menu()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def menu(self) -> QMenu:
        return self._menu

    def notify(self, dose: ScheduledDose) -> None:
        title = self.scheduler.due_text(dose)
        if self.notifications is not None and self.notifications.notify(dose):
            self.last_message = (title, dose_notifications.BODY)
            return
        body = (f"Click here to open the diary, or open the tray menu for \"Take\" or "
                f"\"Snooze {SNOOZE_MINUTES} min\".")
        self.last_message = (title, body)
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def rebuild_menu(self) -> None:
        # The action whose click answered a reminder may still be running: our actions have no
        # parent, so clear() only takes them off the menu, and the replaced ones live on until
        # the next rebuild instead of being deleted under that click.
        self._menu.clear()
        self._retired = self._actions
        self._actions = []
        pending = self.scheduler.pending()
        for dose in pending:
            what = self.scheduler.describe(dose)
            self._add(f"Take {what}", partial(self.scheduler.take, dose))
            self._add(f"Snooze {what} {SNOOZE_MINUTES} min", partial(self.scheduler.snooze, dose))
        if pending:
            self._menu.addSeparator()
        self._add("Show diary", self.show_requested.emit)
        self._add("Quit", self.quit_requested.emit)
        count = len(pending)
        self.icon.setToolTip("Medication Diary" + (
            f": {count} dose{'s' if count > 1 else ''} due" if count else ""))

    def _add(self, text: str, slot: Callable[[], object]) -> None:
        action = QAction(text)  # no parent: this object keeps it (see rebuild_menu)
        action.triggered.connect(lambda: slot())
        self._menu.addAction(action)
        self._actions.append(action)

    def tell(self, title: str, body: str) -> None:
        """A notification that is not a reminder."""
        self.last_message = (title, body)
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def _on_message_clicked(self) -> None:
        self.show_requested.emit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()
