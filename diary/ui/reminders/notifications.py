"""Due doses as desktop notifications with Taken and Snooze buttons, with or without a tray.

Where the desktop's notification service shows buttons (desktop_notify.py), each due dose gets
a notification: Taken and Snooze answer it through the scheduler, so through the same safety
verdict as every other path; a click on its body only opens the window. A dose answered some
other way (the banner, the tray menu) has its notification taken down. GNOME without a tray
extension has no tray but does show such buttons, so this works without a tray too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

from diary.domain.plans.steps import ScheduledDose
from diary.ui.reminders.scheduler import SNOOZE_MINUTES
from diary.ui.reminders.scheduler import ReminderScheduler

if TYPE_CHECKING:
    from diary.ui.reminders.desktop import DesktopNotifications

TAKEN, SNOOZE = "taken", "snooze"
BUTTONS = ((TAKEN, "Taken"), (SNOOZE, f"Snooze {SNOOZE_MINUTES} min"), ("default", "Open diary"))
BODY = "Taken, Snooze, or click to open the diary."


class DoseNotifications(QObject):
    show_requested = Signal()  # a click on a notification's body: bring the window forward

    def __init__(self, scheduler: ReminderScheduler, desktop: DesktopNotifications,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scheduler, self.desktop = scheduler, desktop
        self._shown: dict[int, ScheduledDose] = {}  # notification id -> the dose it announces
        desktop.action_invoked.connect(self._on_action)
        desktop.closed.connect(lambda notification_id: self._shown.pop(notification_id, None))
        scheduler.pending_changed.connect(self._close_answered)

    def notify(self, dose: ScheduledDose) -> bool:
        """Announce `dose`; False, and nothing sent, when the desktop shows no buttons."""
        return self.desktop.notify(self.scheduler.due_text(dose), BODY, BUTTONS,
                                   lambda notification_id: self._remember(notification_id, dose))

    def announced(self) -> dict[int, ScheduledDose]:
        """The notifications on screen now, by id, with the dose each announces."""
        return dict(self._shown)

    def _remember(self, notification_id: int, dose: ScheduledDose) -> None:
        self._shown[notification_id] = dose
        self._close_answered()  # answered in the window while the service was replying

    def _on_action(self, notification_id: int, key: str) -> None:
        dose = self._shown.pop(notification_id, None)
        if dose is None:
            return  # another program's notification: the service tells every listener
        if key == TAKEN and dose in self.scheduler.pending():
            self.scheduler.take(dose)
        elif key == SNOOZE and dose in self.scheduler.pending():
            self.scheduler.snooze(dose)
        else:  # a click on the body, or a dose answered meanwhile: show what there is
            self.show_requested.emit()

    def _close_answered(self) -> None:
        """Take down the notifications of doses answered some other way (banner, menu)."""
        pending = self.scheduler.pending()
        for notification_id, dose in list(self._shown.items()):
            if dose not in pending:
                del self._shown[notification_id]
                self.desktop.close_notification(notification_id)
