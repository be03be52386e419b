"""Due doses as desktop notifications with Taken and Snooze buttons, with or without a tray.

Where the desktop's notification service shows buttons (desktop.py), each due dose gets a
notification with the medication's pill as its image (the program's icon stays its icon): Taken
and Snooze answer it through the scheduler, so through the same safety verdict as every other
path; a click on its body only opens the window. A reminder that asks again replaces its own
notification, so one dose never has two. Snooze is answered with a short notice of when the
reminder comes back. A heads-up is a quiet notification without buttons, replaced by the
reminder when the dose comes due. A dose answered some other way (the banner, the tray menu) has
its notification taken down. GNOME without a tray extension has no tray but does show such
buttons, so this works without a tray too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from diary.domain.plans.steps import ScheduledDose
from diary.domain.wording import clock_text
from diary.ui.reminders.scheduler import SNOOZE_MINUTES
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.widgets.pill import pill_pixmap

if TYPE_CHECKING:
    from diary.ui.reminders.desktop import DesktopNotifications

TAKEN, SNOOZE, OPEN = "taken", "snooze", "default"
BUTTONS = ((TAKEN, "Taken"), (SNOOZE, f"Snooze {SNOOZE_MINUTES} min"), (OPEN, "Open diary"))
BODY = "Taken, Snooze, or click to open the diary."
HEADS_UP_BODY = "A notice only: the reminder comes at the dose's time. Click to open the diary."
SNOOZED_BODY = "The reminder comes back then, unless the dose is logged first."
ANSWER_MS = 10_000  # how long the answer to Snooze stays up
IMAGE_SIZE = 48


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
        scheduler.changed.connect(self._close_answered)
        scheduler.heads_up.connect(self.heads_up)  # the tray leaves heads-ups to this

    def notify(self, dose: ScheduledDose) -> bool:
        """Announce `dose` (again: in place of its notification); False, and nothing sent,
        when the desktop shows no buttons."""
        return self.desktop.notify(self.scheduler.due_text(dose), BODY, BUTTONS,
                                   lambda notification_id: self._remember(notification_id, dose),
                                   replaces=self._id_of(dose), image=self.image(dose))

    def heads_up(self, dose: ScheduledDose) -> bool:
        """Tell of `dose` coming soon, quietly and without buttons; False when not shown."""
        from diary.ui.reminders.desktop import LOW
        from diary.ui.reminders.desktop import SERVER_DEFAULT

        return self.desktop.notify(self.scheduler.heads_up_text(dose), HEADS_UP_BODY,
                                   ((OPEN, "Open diary"),),
                                   lambda notification_id: self._remember(notification_id, dose),
                                   replaces=self._id_of(dose), image=self.image(dose),
                                   urgency=LOW, expire_ms=SERVER_DEFAULT)

    def image(self, dose: ScheduledDose) -> QImage:
        """The medication's pill, for the notification's image."""
        return pill_pixmap(self.scheduler.medication(dose).look, IMAGE_SIZE).toImage()

    def announced(self) -> dict[int, ScheduledDose]:
        """The notifications on screen now, by id, with the dose each announces."""
        return dict(self._shown)

    def _id_of(self, dose: ScheduledDose) -> int:
        return next((i for i, d in self._shown.items() if d == dose), 0)

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
            until = self.scheduler.snooze(dose)
            self._answer_snooze(notification_id, dose, clock_text(until))
        else:  # a click on the body, or a dose answered meanwhile: show what there is
            self.show_requested.emit()

    def _answer_snooze(self, notification_id: int, dose: ScheduledDose, until: str) -> None:
        """In place of the snoozed reminder: "Baclofen 20 mg (08:00): snoozed until 08:10"."""
        from diary.ui.reminders.desktop import LOW

        self.desktop.notify(f"{self.scheduler.describe(dose)}: snoozed until {until}",
                            SNOOZED_BODY, (), lambda _id: None, replaces=notification_id,
                            image=self.image(dose), urgency=LOW, expire_ms=ANSWER_MS)

    def _close_answered(self) -> None:
        """Take down the notifications of doses answered some other way (banner, menu), and
        those of heads-ups whose dose is no longer coming nor due."""
        waiting = {*self.scheduler.pending(), *self.scheduler.coming()}
        for notification_id, dose in list(self._shown.items()):
            if dose not in waiting:
                del self._shown[notification_id]
                self.desktop.close_notification(notification_id)
