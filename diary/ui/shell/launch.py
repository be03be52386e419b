"""Starting the window: the application, one writer per diary, reminders, the tray.

`run_window` is what `medication-diary` runs without a command. Qt is imported here and below,
never by the command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from diary.domain.plans.steps import ScheduledDose
from diary.domain.safety import DoseVerdict
from diary.preferences import APPLICATION
from diary.preferences import ORGANIZATION
from diary.storage import backups
from diary.storage.errors import DamagedDiaryError
from diary.storage.errors import DiaryFileError
from diary.storage.errors import WriteProtectedError
from diary.storage.file.uselock import DiaryInUseError
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.reminders.banner import ReminderBanner
from diary.ui.reminders.scheduler import ReminderScheduler
from diary.ui.reminders.scheduler import confirm_take
from diary.ui.reminders.tray import TrayReminders
from diary.ui.shell import focus
from diary.ui.shell import single_instance
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.recent import RecentDiaries
from diary.ui.shell.session import Clock
from diary.ui.shell.session import DiarySession
from diary.ui.shell.settings_dialog import reminders_enabled
from diary.ui.shell.tray_settings import closes_to_tray
from diary.ui.widgets import dialogs

TOLD_TRAY_KEY = "window/told_tray"
if TYPE_CHECKING:
    from diary.ui.reminders.desktop import DesktopNotifications
    from diary.ui.reminders.notifications import DoseNotifications



def application_icon() -> QIcon:
    return QIcon(str(files("diary.resources") / "medication-diary.svg"))


def make_settings() -> QSettings:
    """Preferences in an INI file under the user's config folder, private to them."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APPLICATION)


class WindowRuntime:
    """What lives beside the window for one diary: its single-writer claim and its reminders.
    Reminders are rebuilt, and claims released, when the window switches to another diary."""

    def __init__(self, icon: QIcon, clock: Clock) -> None:
        self.icon = icon
        self.clock = clock
        self.window: MainWindow | None = None
        self.settings: QSettings | None = None  # the window's, for where backups are kept
        self.locks: dict[Path, single_instance.InstanceLock] = {}
        self.scheduler: ReminderScheduler | None = None
        self.banner: ReminderBanner | None = None
        self.tray: TrayReminders | None = None
        self.desktop: DesktopNotifications | None = None
        self.notifications: DoseNotifications | None = None  # without a tray only

    def open_store(self, path: Path, read_only: bool) -> DiaryStore:
        """Open a diary, never as a second writer: offer read-only instead."""
        path = path.resolve()
        if not read_only and path not in self.locks:
            lock = single_instance.claim(path)
            if lock is None:
                if not dialogs.ask_yes_no(
                    self.window, "Diary already open",
                    f"{path.name} is open for writing in another window, which has been brought "
                    "forward. Open it here read-only, to look without changing anything?",
                    yes="Open read-only", no="Cancel",
                ):
                    raise DiaryFileError(path, "already open for writing in another window")
                read_only = True
            else:
                lock.activate_requested.connect(self.bring_forward)
                self.locks[path] = lock
        try:
            # The day's full check, when due, runs in the background (DiarySession).
            return open_diary(path, read_only=read_only, clock=self.clock, check_later=True)
        except DiaryInUseError as exc:
            # A command (or a window of another user session) is writing to it right now.
            return self._offer_read_only(path, "Diary in use",
                                         f"{path.name} cannot be opened for writing: "
                                         f"{exc.reason}.\n\nOpen it here read-only")
        except WriteProtectedError:
            return self._offer_read_only(path, "Diary is write-protected",
                                         f"{path.name} is write-protected: its permissions do "
                                         "not let you change it.\n\nOpen it read-only")
        except DamagedDiaryError as exc:
            # Read-only promises that nothing changes: a restore is offered only for writing.
            restored = None if read_only else self._offer_restore(path, exc)
            if restored is None:
                self.release_except(self._shown())
                raise
            return open_diary(path, read_only=read_only, clock=self.clock)
        except DiaryFileError:
            self.release_except(self._shown())
            raise

    def _offer_read_only(self, path: Path, title: str, question: str) -> DiaryStore:
        """The diary opened read-only when the person accepts; else the error being handled
        goes on (called from its except clause)."""
        self.release_except(self._shown())
        if not dialogs.ask_yes_no(self.window, title,
                                  f"{question}, to look without changing anything?",
                                  yes="Open read-only", no="Cancel"):
            raise  # the error of the except clause that called us
        return open_diary(path, read_only=True, clock=self.clock)

    def _offer_restore(self, path: Path, damage: DamagedDiaryError) -> Path | None:
        """Offer the newest backup that verifies in place of a damaged diary; the backup put in
        place, or None when there is none or the person declined (or it failed: they are told)."""
        from diary.ui.backups.dialog import offer_newest_good

        chosen = offer_newest_good(self.window, self.settings, path,
                                   f"{path.name} cannot be opened: {damage.reason}", self.clock())
        if chosen is None:
            return None
        backup, keep_in = chosen
        try:
            backups.restore(path, backup, self.clock, keep_in)
        except DiaryFileError as exc:
            dialogs.show_error(self.window, "Not restored", str(exc))
            return None
        return backup

    def create_store(self, path: Path) -> DiaryStore:
        create_diary(path, clock=self.clock).close()
        return self.open_store(path, False)

    def attach(self, session: DiarySession) -> None:
        """Reminders for the diary now shown; claims on diaries no longer shown are released."""
        window = self.window
        assert window is not None
        self.detach_reminders()
        self.release_except(self._shown())
        scheduler = ReminderScheduler(session, window)
        scheduler.set_enabled(reminders_enabled(window.settings))
        scheduler.confirmation_needed.connect(self.confirm)
        scheduler.failed.connect(
            lambda message: dialogs.show_error(window, "Dose not logged", message))
        self.banner = ReminderBanner(scheduler)
        window.notices.addWidget(self.banner)
        if TrayReminders.available():
            tray = TrayReminders(scheduler, self.icon, window, self.desktop_notifications())
            tray.show_requested.connect(self.bring_forward)
            tray.quit_requested.connect(window.quit)
            tray.show()
            self.tray = tray
            # Closing the window then only hides it: reminders go on from the tray.
            window.close_to_tray = lambda: closes_to_tray(window.settings)
        else:  # no tray (GNOME without its extension), yet a notification service may show buttons
            self.notifications = self._notifications_alone(scheduler, window)
        self.scheduler = scheduler
        scheduler.start()

    def apply_settings(self) -> None:
        """Settings were saved: reminders on or off take effect now, not at the next start."""
        if self.window is not None and self.scheduler is not None:
            self.scheduler.set_enabled(reminders_enabled(self.window.settings))

    def confirm(self, dose: ScheduledDose, verdict: DoseVerdict) -> None:
        self.bring_forward()
        if self.scheduler is not None:
            confirm_take(self.window, self.scheduler, dose, verdict)

    def _notifications_alone(self, scheduler: ReminderScheduler,
                             window: MainWindow) -> DoseNotifications:
        from diary.ui.reminders.notifications import DoseNotifications

        notifications = DoseNotifications(scheduler, self.desktop_notifications(), window)
        notifications.show_requested.connect(self.bring_forward)
        # The in-window banner is shown whatever the desktop does; this is one more way.
        scheduler.due.connect(notifications.notify)
        return notifications

    def desktop_notifications(self) -> DesktopNotifications:
        """The session bus's notification service, connected once for the program's life."""
        if self.desktop is None:
            from diary.ui.reminders.desktop import DesktopNotifications

            self.desktop = DesktopNotifications()
        return self.desktop

    def tell_still_running(self) -> None:
        """Once per computer: the first time the window closes to the tray, say where it went."""
        if self.tray is None or self.window is None:
            return
        settings = self.window.settings
        if str(settings.value(TOLD_TRAY_KEY, "false")).lower() == "true":
            return
        settings.setValue(TOLD_TRAY_KEY, "true")
        self.tray.tell("Medication Diary is still running",
                       "Reminders go on from the tray icon. To stop the program, choose Quit in "
                       "the tray menu or File > Quit (Ctrl+Q).")

    def bring_forward(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def detach_reminders(self) -> None:
        if self.window is not None:
            self.window.close_to_tray = lambda: False
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler.deleteLater()
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
        if self.banner is not None:
            self.banner.deleteLater()
        if self.notifications is not None:
            self.notifications.deleteLater()
        self.scheduler, self.banner, self.tray, self.notifications = None, None, None, None

    def release_except(self, keep: Path | None) -> None:
        for path in [p for p in self.locks if p != keep]:
            self.locks.pop(path).release()

    def shutdown(self) -> None:
        self.detach_reminders()
        self.release_except(None)

    def _shown(self) -> Path | None:
        """The diary the window holds for writing, whose claim must be kept."""
        if self.window is None or self.window.session.read_only:
            return None
        return self.window.session.store.path.resolve()


def remembered_read_only(settings: QSettings, path: Path) -> bool:
    """The diary at `path` was last shown read-only (a caregiver's review): show it so again."""
    entry = RecentDiaries(settings).entry(path)
    return entry is not None and entry.read_only


def start_path(settings: QSettings, path: Path, *, prefer_last: bool) -> Path:
    """The diary to show first: the one last open in the window when the user named none (a
    caregiver returns to the person they were looking after), else `path`."""
    last = settings.value("diary/last")
    if prefer_last and isinstance(last, str) and Path(last).is_file():
        return Path(last)
    return path


def damage_reporter(window: Callable[[], QWidget | None],
                    previous: Callable[..., object]) -> Callable[..., None]:
    """sys.excepthook for the window, the last resort: a diary that turns out damaged while it
    is shown (a stored value that cannot be read) is told in a message box, once per message,
    instead of only a traceback nobody at the desktop sees; any other error goes on to
    `previous`. The readers that can meet such a value handle it themselves (the History view's
    pages: session.damaged); this catches one that does not."""
    told: set[str] = set()

    def report(kind: type[BaseException], exc: BaseException, trace: object) -> None:
        if not isinstance(exc, DiaryFileError):
            previous(kind, exc, trace)
            return
        if str(exc) not in told:
            told.add(str(exc))
            dialogs.show_error(window(), "The diary cannot be read",
                               f"{exc}\n\nNothing was changed. File > Backups can restore a "
                               "backup in its place.")

    return report


def run_window(path: Path, *, read_only: bool, clock: Clock, prefer_last: bool = False,
               demo: bool = False) -> int:
    """Show the diary at `path` (an existing file), or with `prefer_last` the diary last shown.
    A `demo` diary (a temporary copy) is never named in the settings. Returns the exit status: 0
    after a normal quit, 1 when the diary could not be opened (the user has been told why)."""
    # Everything the window process writes (settings listing the people it cares for, locks,
    # the autostart entry) is for this user's eyes only, whatever the library creating it.
    os.umask(0o077)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Medication Diary")
    app.setDesktopFileName("medication-diary")
    icon = application_icon()
    app.setWindowIcon(icon)
    focus.install(app)  # a clear ring around the focused control, in every window
    runtime = WindowRuntime(icon, clock)
    settings = make_settings()
    first = start_path(settings, path, prefer_last=prefer_last)
    if prefer_last:  # no diary named: the one last shown, the way it was shown
        read_only = read_only or remembered_read_only(settings, first)
    window = build_window(runtime, first, read_only=read_only, settings=settings, demo=demo)
    if window is None:
        return 1
    sys.excepthook = damage_reporter(lambda: runtime.window, sys.excepthook)
    # A window closed to the tray is not the last one closed: the program quits when the window
    # closes for good, and whatever ends the program (the desktop session too) closes it so.
    app.setQuitOnLastWindowClosed(False)
    window.closing.connect(app.quit)
    app.aboutToQuit.connect(window.quit)
    window.show()
    window.offer_assistant()  # a new diary: whose it is, which medication, the plan
    return app.exec()


def build_window(runtime: WindowRuntime, path: Path, *, read_only: bool,
                 settings: QSettings, demo: bool = False) -> MainWindow | None:
    """The window on `path` with its runtime attached, or None after telling the user why not.
    A `demo` diary is left out of the settings (MainWindow)."""
    runtime.settings = settings
    try:
        store = runtime.open_store(path, read_only)
    except DiaryFileError as exc:
        dialogs.show_error(None, "Cannot open the diary", str(exc))
        return None
    try:
        window = MainWindow(DiarySession(store, runtime.clock), settings=settings,
                            opener=runtime.open_store, creator=runtime.create_store,
                            clock=runtime.clock, demo=demo)
    except DamagedDiaryError as exc:
        # A stored value that cannot be read (rows.DamagedRowError), met when the window first
        # reads the diary: offered a backup as any damaged diary is, else told; never a crash.
        store.close()
        restored = None if read_only else runtime._offer_restore(path.resolve(), exc)
        if restored is None:
            runtime.release_except(None)
            dialogs.show_error(None, "Cannot open the diary", str(exc))
            return None
        return build_window(runtime, path, read_only=read_only, settings=settings, demo=demo)
    window.setWindowIcon(runtime.icon)
    runtime.window = window
    runtime.attach(window.session)
    window.session_changed.connect(runtime.attach)
    window.settings_changed.connect(runtime.apply_settings)
    window.closing.connect(runtime.shutdown)
    window.hidden_to_tray.connect(runtime.tell_still_running)
    return window
