"""The main window: the three views in tabs, the menus, the read-only banner, and switching diaries.

The window owns one DiarySession at a time. Opening another diary builds a new session and new
views; the old session is closed, so two diaries are never open for writing in one window.

Before the window closes, or shows another diary, it asks every view that has
`unsaved_changes() -> list[str]` (what has been typed but not saved) and, if anything would be
lost, asks the person whether to discard it; "Go back" keeps everything as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary import paths
from diary.storage.errors import DiaryFileError
from diary.storage.store import DiaryStore
from diary.ui import edits
from diary.ui.backups.manager import BackupManager
from diary.ui.backups.status import BackupStatus
from diary.ui.shell import geometry
from diary.ui.shell.file_actions import FileActions
from diary.ui.shell.help import SHORTCUTS
from diary.ui.shell.help import about_text
from diary.ui.shell.help import shortcuts_html
from diary.ui.shell.recent import RecentDiaries
from diary.ui.shell.saved_file import SavedFile
from diary.ui.shell.session import Clock
from diary.ui.shell.session import DiarySession
from diary.ui.shell.views import SUMMARY
from diary.ui.shell.views import default_views
from diary.ui.widgets import dialogs
from diary.ui.widgets.lazy_view import LazyView
from diary.ui.widgets.lazy_view import ViewFactory

if TYPE_CHECKING:
    from diary.ui.shell.settings_dialog import SettingsForm

# Each tab: its title and how to build its view for a session.
Opener = Callable[[Path, bool], DiaryStore]
Creator = Callable[[Path], DiaryStore]
ANNOUNCE_MS = 15_000  # how long the status bar says what Undo or Redo did
SAVED_FILE_MS = 60_000  # how long it offers to open a report or export (buttons take longer)


class MainWindow(QMainWindow):
    session_changed = Signal(object)  # the new DiarySession, after another diary is opened
    closing = Signal()  # before the session closes: stop what uses it
    settings_changed = Signal()  # Settings saved: apply the computer's preferences (reminders)
    hidden_to_tray = Signal()  # the window was closed, and the program goes on in the tray

    def __init__(self, session: DiarySession, *, settings: QSettings, opener: Opener,
                 creator: Creator, clock: Clock,
                 views: Callable[[], list[tuple[str, ViewFactory]]] = default_views,
                 demo: bool = False) -> None:
        super().__init__()
        self.settings = settings
        # A demo diary (a temporary copy) leaves no trace in the settings: not in the recent
        # list, not as the diary to reopen, not among the diaries whose backups are known.
        self.demo_copy = session.store.path.resolve() if demo else None
        self.recent = RecentDiaries(settings)
        self.opener, self._creator, self.clock, self._views = opener, creator, clock, views
        self.session = session
        self.settings_dialog: SettingsForm | None = None  # the Settings form open now, if any
        # Whether closing the window only hides it, so that reminders go on from the tray; the
        # runtime says yes while a tray icon is shown. File > Quit always quits.
        self.close_to_tray: Callable[[], bool] = lambda: False
        self._quitting = False
        self._closed = False
        self.session_dialogs: list[QWidget] = []  # open dialogs that hold the session
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Diary views")
        self.banner = QLabel()
        self.banner.setAccessibleName("Read-only notice")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { padding: 6px; background: palette(alternate-base); "
                                  "border: 1px solid palette(mid); }")
        self.notices = QVBoxLayout()  # the reminder banner and others go here, above the tabs
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addLayout(self.notices)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.file_actions = FileActions(self)
        self.backup_status = BackupStatus()
        self.backup_status.clicked.connect(self.file_actions.show_backups)
        # The report or export last saved, to open it: one line, so the bar keeps its height.
        self.saved_file = SavedFile(one_line=True, lasts_ms=SAVED_FILE_MS)
        self.statusBar().addPermanentWidget(self.saved_file)
        self.statusBar().addPermanentWidget(self.backup_status)
        # A message that went (Undone: …, a menu's tip) gives the diary's path back its place.
        self.statusBar().messageChanged.connect(self._message_changed)
        self.backups: BackupManager | None = None
        self._build_menus()
        self._attach(session)
        geometry.restore(self, settings)

    # --- the session ------------------------------------------------------------------------
    def _attach(self, session: DiarySession) -> None:
        self.session = session
        while self.tabs.count():
            # The old views listen to the old session: they go with it.
            view = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if view is not None:
                view.deleteLater()
        for title, factory in self._views():
            index = self.tabs.addTab(LazyView(factory, session), title)
            if session.read_only and title == SUMMARY:  # a review opens on what happened,
                self.tabs.setCurrentIndex(index)  # not on Today's controls it cannot use
        self.view_at(self.tabs.currentIndex())  # the tab shown first is built with the window
        session.failed.connect(lambda message: dialogs.show_error(self, "Not done", message))
        session.damaged.connect(lambda message: dialogs.show_error(
            self, "The diary cannot be read", f"{message}\n\nNothing was changed. File > "
            "Backups can restore a backup in its place."))
        session.check_failed.connect(self.file_actions.offer_restore_after_check)
        if self.backups is not None:
            self.backups.stop()
            self.backups.deleteLater()
        self.backups = BackupManager(session, self._backup_settings(session), self)
        self.backup_status.watch(self.backups)
        self.backups.start()
        self.back_up_action.setEnabled(not session.read_only)
        session.changed.connect(self._update_title)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack = session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setText(_labelled("&Undo",
                                                                                      text)))
        stack.redoTextChanged.connect(lambda text: self.redo_action.setText(_labelled("&Redo",
                                                                                      text)))
        session.undone.connect(lambda text: self.announce(f"Undone: {text}"))
        session.redone.connect(lambda text: self.announce(f"Redone: {text}"))
        read_only = session.read_only
        self.banner.setText(
            "<b>Read-only.</b> You are reviewing this diary: nothing in it can be changed."
        )
        self.banner.setVisible(read_only)
        # Remembered as shown: a diary reviewed read-only reopens read-only from Open recent.
        if self.remembered(session.store.path):
            self.recent.add(session.store.path, read_only=read_only,
                            name=session.store.info().name)
        self._update_title()
        self._fill_recent_menu()
        self._show_path()

    def _save_geometry(self) -> None:
        if self.demo_copy is None:  # the demo's window leaves its size behind with it
            geometry.save(self, self.settings)

    def remembered(self, path: Path) -> bool:
        """Whether the settings may name `path`: any diary but the demo's temporary copy."""
        return self.demo_copy is None or Path(path).resolve() != self.demo_copy

    def _backup_settings(self, session: DiarySession) -> QSettings:
        """The demo's backups, and what is noted of them, stay in its temporary folder."""
        if self.remembered(session.store.path):
            return self.settings
        return QSettings(str(session.store.path.parent / "settings.ini"),
                         QSettings.Format.IniFormat)

    def _show_path(self) -> None:
        self.statusBar().showMessage(paths.shown(self.session.store.path))

    def _message_changed(self, text: str) -> None:
        if not text:
            self._show_path()

    def announce(self, text: str) -> None:
        """Say in the status bar what was just done (Undo, Redo), for a while."""
        self.statusBar().showMessage(text, ANNOUNCE_MS)

    def switch_to(self, path: Path, *, read_only: bool) -> bool:
        """Open another diary in this window; on failure say why and keep the current one.
        Typed input not yet saved is only dropped after the person said so."""
        current = self.session.store
        if Path(path).resolve() == current.path.resolve() and read_only == current.read_only:
            return True  # already shown so; reopening for writing would meet its own lock
        if not self.confirm_discard():
            return False
        try:
            store = self.opener(path, read_only)
        except (DiaryFileError, sqlite3.Error, OSError) as exc:
            text = str(exc) if isinstance(exc, DiaryFileError) else edits.error_text(exc)
            dialogs.show_error(self, "Cannot open the diary", text)
            return False
        self.replace_session(DiarySession(store, self.clock))
        self.offer_assistant()
        return True

    def replace_session(self, session: DiarySession) -> None:
        old = self.session
        if self.settings_dialog is not None:
            self.settings_dialog.close()  # it belongs to the diary being closed
        for dialog in self.session_dialogs:
            with contextlib.suppress(RuntimeError):  # already closed and deleted by Qt
                dialog.close()
        self.session_dialogs.clear()
        self.saved_file.clear()  # what the other diary's report or export was
        self._attach(session)
        old.close()
        self.session_changed.emit(session)

    def offer_assistant(self) -> bool:
        """Open the set-up assistant by itself on a new diary (diary.ui.assistant.should_offer);
        a diary with medications, the usual case, is told apart without loading it. Whether it
        opened."""
        store = self.session.store
        if self.session.read_only or store.medications.all(include_archived=True) or \
                not self.remembered(store.path):
            return False
        from diary.ui.assistant import should_offer

        if not should_offer(self.session, self.settings):
            return False
        self.open_assistant()
        return True

    def open_assistant(self) -> None:
        from diary.ui.assistant import open_assistant

        wizard = open_assistant(self, self.session, self.settings)
        if wizard is not None:
            self.session_dialogs.append(wizard)

    def view_at(self, index: int) -> QWidget:
        """The view of tab `index`, built now if it was not yet."""
        tab = self.tabs.widget(index)
        assert isinstance(tab, LazyView)
        return tab.view()

    def built_views(self) -> list[QWidget]:
        tabs = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [view for tab in tabs if isinstance(tab, LazyView)
                and (view := tab.built_view()) is not None]

    def unsaved_changes(self) -> list[str]:
        """What the views hold that has been typed but not saved, in words (a view not built
        yet holds nothing)."""
        found: list[str] = []
        for view in self.built_views():
            ask = getattr(view, "unsaved_changes", None)
            if callable(ask):
                found += [str(item) for item in ask()]
        return found

    def confirm_discard(self) -> bool:
        """True to go on: nothing is unsaved, or the person chose to discard it."""
        unsaved = self.unsaved_changes()
        if not unsaved:
            return True
        return dialogs.ask_yes_no(
            self, "Not saved",
            "Close without saving? Not saved: " + "; ".join(unsaved) + ".\n\nGo back to "
            "save it, or discard it.",
            yes="Discard", no="Go back")

    def _update_title(self) -> None:
        store = self.session.store
        name = store.info().name
        who = name or store.path.stem
        mode = " (read-only)" if store.read_only else ""
        self.setWindowTitle(f"{who}{mode} — Medication Diary")
        self.recent.set_name(store.path, name)  # the recent list follows a new name

    # --- menus ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New diary…", QKeySequence.StandardKey.New, self.new_diary)
        self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.open_dialog)
        self._action(file_menu, "Open &read-only…", "Ctrl+Shift+O",
                     lambda: self.open_dialog(read_only=True))
        self.recent_menu = file_menu.addMenu("Open r&ecent")
        file_menu.addSeparator()
        self._action(file_menu, "Export &report…", QKeySequence.StandardKey.Print,
                     self.file_actions.export_report)
        self._action(file_menu, "Export &CSV…", None, self.file_actions.export_csv)
        self._action(file_menu, "Export &FHIR bundle…", None, self.file_actions.export_fhir)
        self.import_action = self._action(file_menu, "&Import CSV…", "Ctrl+I",
                                          self.file_actions.import_csv)
        file_menu.addSeparator()
        self.back_up_action = self._action(file_menu, "&Back up now", "Ctrl+Shift+B",
                                           self.file_actions.back_up_now)
        self._action(file_menu, "Bac&kups…", None, self.file_actions.show_backups)
        file_menu.addSeparator()
        self.settings_action = self._action(file_menu, "&Settings…", "Ctrl+,", self.edit_settings)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", "Ctrl+Q", self.quit)  # Windows has no standard key
        edit_menu = bar.addMenu("&Edit")
        # Through edits.py: the stack moves only once the diary took the change.
        self.undo_action = self._action(edit_menu, "&Undo", QKeySequence.StandardKey.Undo,
                                        lambda: edits.undo_last(self.session, self))
        self.redo_action = self._action(edit_menu, "&Redo", "Ctrl+Shift+Z",
                                        lambda: edits.redo_next(self.session, self))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        view_menu = bar.addMenu("&View")
        for index, name in enumerate(("Today", "History", "Medications", "Trends", SUMMARY)):
            self._action(view_menu, name, f"Ctrl+{index + 1}", partial(self.tabs.setCurrentIndex,
                                                                       index))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                     lambda: dialogs.show_info(self, "Keyboard shortcuts",
                                               shortcuts_html(self.shortcut_groups())))
        self._action(help_menu, "Set-up &assistant…", None, self.open_assistant)
        self._action(help_menu, "&About Medication Diary", None,
                     lambda: dialogs.show_info(self, "About Medication Diary", about_text()))

    def _action(self, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def shortcut_groups(self) -> list[tuple[str, Sequence[tuple[str, str]]]]:
        """The window's shortcuts, then each view's (its SHORTCUTS, on the view or its module)."""
        groups: list[tuple[str, Sequence[tuple[str, str]]]] = [("Everywhere", SHORTCUTS)]
        for index in range(self.tabs.count()):
            view = self.view_at(index)
            module = sys.modules.get(type(view).__module__)
            keys: Sequence[tuple[str, str]] = (getattr(view, "SHORTCUTS", None)
                                               or getattr(module, "SHORTCUTS", None) or ())
            groups.append((self.tabs.tabText(index).replace("&", ""), keys))
        return groups

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        shown = self.session.store.path.resolve()
        entries = [e for e in self.recent.entries() if e.path.resolve() != shown]
        for entry in entries:
            action = self.recent_menu.addAction(entry.label())
            action.triggered.connect(
                lambda _=False, e=entry: self.switch_to(e.path, read_only=e.read_only))
        self.recent_menu.setEnabled(bool(entries))

    # --- file actions -----------------------------------------------------------------------
    def open_dialog(self, *, read_only: bool = False) -> None:
        title = "Open a diary read-only" if read_only else "Open a diary"
        path = dialogs.choose_open_path(self, title, self.session.store.path.parent)
        if path is not None:
            self.switch_to(path, read_only=read_only)

    def new_diary(self) -> None:
        if not self.confirm_discard():
            return
        suggestion = self.session.store.path.parent / "new-diary.sqlite"
        path = dialogs.choose_save_path(self, "Create a new diary", suggestion)
        if path is None:
            return
        try:
            store = self._creator(path)
        except (DiaryFileError, sqlite3.Error, OSError) as exc:
            text = str(exc) if isinstance(exc, DiaryFileError) else edits.error_text(exc)
            dialogs.show_error(self, "Cannot create the diary", text)
            return
        self.replace_session(DiarySession(store, self.clock))
        if not self.offer_assistant():  # whose diary, which medication, the plan
            self.edit_settings()

    def edit_settings(self) -> SettingsForm:
        """Open Settings (window-modal, without blocking); returns the form."""
        from diary.ui.shell.settings_dialog import edit_settings

        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return self.settings_dialog
        form = edit_settings(self, self.session, self.settings)
        self.settings_dialog = form
        form.accepted.connect(self.settings_changed.emit)
        form.finished.connect(lambda _result: self._settings_closed(form))
        return form

    def _settings_closed(self, form: SettingsForm) -> None:
        if self.settings_dialog is form:
            self.settings_dialog = None

    # --- closing ----------------------------------------------------------------------------
    def quit(self) -> bool:
        """Close for good, not to the tray: True when the window closed (nothing unsaved, or
        the person chose to discard it)."""
        self._quitting = True
        try:
            return self.close() or self._closed
        finally:
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:  # already closed for good: a later quit (the session ending) is a no-op
            event.accept()
            return
        if not self._quitting and self.close_to_tray():
            # Nothing is lost: the views keep what was typed, and the window comes back as it was.
            self._save_geometry()
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        if not self.confirm_discard():
            event.ignore()
            return
        self._closed = True
        self._save_geometry()
        if self.remembered(self.session.store.path):
            self.settings.setValue("diary/last", str(self.session.store.path))
        self.settings.sync()
        failed = self.backups.on_close() if self.backups is not None else None
        if failed is not None:
            dialogs.show_error(self, "Backup on closing failed",
                               f"Your diary is saved; only its backup failed: {failed}")
        self.closing.emit()
        self.session.close()
        event.accept()


def _labelled(verb: str, text: str) -> str:
    return f"{verb} {text}" if text else verb

