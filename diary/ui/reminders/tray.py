"""The system tray icon: the program stays reachable when its window is closed to the tray, and
each due dose becomes a desktop notification (again each time an unanswered reminder asks again).

Where the desktop's notification service shows buttons, the notification has Taken and Snooze
(notifications.py); a click on its body only opens the window. Otherwise the tray's own message
is used, which carries no buttons: the tray menu then holds "Take <medication> <amount> (<time>)"
and "Snooze ... 10 min" (it always does), each with the medication's pill, and a click on the
message opens the window, whose reminder banner has Taken and Snooze. The menu also says which
reminders are snoozed until when, and which doses come soon. A click meant to look never logs a
dose; Taken goes through the same safety verdict as every other path (a dose that breaks a rule
asks first). Use only when `TrayReminders.available()`; otherwise the window's ReminderBanner
does the job.
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
from diary.ui.widgets.pill import pill_icon

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
        self.desktop = desktop
        scheduler.due.connect(self.notify)
        scheduler.heads_up.connect(self.heads_up)
        scheduler.changed.connect(self.rebuild_menu)
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

    def heads_up(self, dose: ScheduledDose) -> None:
        """A dose comes soon: the desktop's notification says so where it can (DoseNotifications
        does it), else the tray's message."""
        title = self.scheduler.heads_up_text(dose)
        if self.desktop is not None and self.desktop.ready:
            self.last_message = (title, dose_notifications.HEADS_UP_BODY)
            return
        self.tell(title, "A notice only: the reminder comes at the dose's time. Click here to "
                         "open the diary.")

    def snooze(self, dose: ScheduledDose) -> None:
        """Snooze from the menu, and say until when."""
        until = self.scheduler.snooze(dose)
        self.tell(self.scheduler.snoozed_text(dose, until), dose_notifications.SNOOZED_BODY)

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
            icon = pill_icon(self.scheduler.medication(dose).look)
            self._add(f"Take {what}", partial(self.scheduler.take, dose), icon)
            self._add(f"Snooze {what} {SNOOZE_MINUTES} min", partial(self.snooze, dose))
        notices = [(self.scheduler.snoozed_text(dose, until), dose)
                   for dose, until in self.scheduler.snoozed_doses().items()]
        notices += [(self.scheduler.heads_up_text(dose), dose) for dose in self.scheduler.coming()]
        for text, dose in notices:  # what is said, not something to click
            self._add(text, None, pill_icon(self.scheduler.medication(dose).look))
        if pending or notices:
            self._menu.addSeparator()
        self._add("Show diary", self.show_requested.emit)
        self._add("Quit", self.quit_requested.emit)
        count = len(pending)
        self.icon.setToolTip("Medication Diary" + (
            f": {count} dose{'s' if count > 1 else ''} due" if count else ""))

    def _add(self, text: str, slot: Callable[[], object] | None,
             icon: QIcon | None = None) -> None:
        action = QAction(text)  # no parent: this object keeps it (see rebuild_menu)
        if icon is not None:
            action.setIcon(icon)
        if slot is None:
            action.setEnabled(False)
        else:
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
