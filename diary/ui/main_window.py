"""The main window: the three views in tabs, the menus, the read-only banner, and switching diaries.

The window owns one DiarySession at a time. Opening another diary builds a new session and new
views; the old session is closed, so two diaries are never open for writing in one window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from diary.storage.opening import DiaryFileError
from diary.storage.store import DiaryStore
from diary.ui import dialogs
from diary.ui.help import about_text, shortcuts_text
from diary.ui.recent import RecentDiaries
from diary.ui.session import Clock, DiarySession

# Each tab: its title and how to build its view for a session.
ViewFactory = Callable[[DiarySession], QWidget]
Opener = Callable[[Path, bool], DiaryStore]
Creator = Callable[[Path], DiaryStore]


def default_views() -> list[tuple[str, ViewFactory]]:
    from diary.ui.history_view import HistoryView
    from diary.ui.medications_view import MedicationsView
    from diary.ui.today_view import TodayView

    # No mnemonics on the tabs: the views use Alt+letters of their own; Ctrl+1..3 switch tabs.
    return [("Today", TodayView), ("History", HistoryView), ("Medications", MedicationsView)]


class MainWindow(QMainWindow):
    session_changed = Signal(object)  # the new DiarySession, after another diary is opened
    closing = Signal()  # before the session closes: stop what uses it

    def __init__(self, session: DiarySession, *, settings: QSettings, opener: Opener,
                 creator: Creator, clock: Clock,
                 views: Callable[[], list[tuple[str, ViewFactory]]] = default_views) -> None:
        super().__init__()
        self.settings = settings
        self.recent = RecentDiaries(settings)
        self._opener, self._creator, self._clock, self._views = opener, creator, clock, views
        self.session = session
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
        self._build_menus()
        self._attach(session)
        self._restore_geometry()

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
            self.tabs.addTab(factory(session), title)
        session.failed.connect(lambda message: dialogs.show_error(self, "Not done", message))
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
        read_only = session.read_only
        self.banner.setText(
            "<b>Read-only.</b> You are reviewing this diary: nothing in it can be changed."
        )
        self.banner.setVisible(read_only)
        self.recent.add(session.store.path)
        self._update_title()
        self._fill_recent_menu()
        self.statusBar().showMessage(str(session.store.path))

    def switch_to(self, path: Path, *, read_only: bool) -> bool:
        """Open another diary in this window; on failure say why and keep the current one."""
        try:
            store = self._opener(path, read_only)
        except DiaryFileError as exc:
            dialogs.show_error(self, "Cannot open the diary", str(exc))
            return False
        self._replace(DiarySession(store, self._clock))
        return True

    def _replace(self, session: DiarySession) -> None:
        old = self.session
        self._attach(session)
        old.close()
        self.session_changed.emit(session)

    def _update_title(self) -> None:
        store = self.session.store
        who = store.info().name or store.path.stem
        mode = " (read-only)" if store.read_only else ""
        self.setWindowTitle(f"{who}{mode} — Medication Diary")

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
        self.settings_action = self._action(file_menu, "&Settings…", "Ctrl+,", self.edit_settings)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action(edit_menu, "&Undo", QKeySequence.StandardKey.Undo,
                                        lambda: self.session.undo_stack.undo())
        self.redo_action = self._action(edit_menu, "&Redo", "Ctrl+Shift+Z",
                                        lambda: self.session.undo_stack.redo())
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        view_menu = bar.addMenu("&View")
        for index, name in enumerate(("Today", "History", "Medications")):
            self._action(view_menu, name, f"Ctrl+{index + 1}", partial(self.tabs.setCurrentIndex,
                                                                       index))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                     lambda: dialogs.show_info(self, "Keyboard shortcuts", shortcuts_text()))
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

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = [p for p in self.recent.paths() if p != self.session.store.path]
        for path in paths:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.switch_to(p, read_only=False))
        self.recent_menu.setEnabled(bool(paths))

    # --- file actions -----------------------------------------------------------------------
    def open_dialog(self, *, read_only: bool = False) -> None:
        title = "Open a diary read-only" if read_only else "Open a diary"
        path = dialogs.choose_open_path(self, title, self.session.store.path.parent)
        if path is not None:
            self.switch_to(path, read_only=read_only)

    def new_diary(self) -> None:
        suggestion = self.session.store.path.parent / "new-diary.sqlite"
        path = dialogs.choose_save_path(self, "Create a new diary", suggestion)
        if path is None:
            return
        try:
            store = self._creator(path)
        except DiaryFileError as exc:
            dialogs.show_error(self, "Cannot create the diary", str(exc))
            return
        self._replace(DiarySession(store, self._clock))
        self.edit_settings()

    def edit_settings(self) -> None:
        from diary.ui.settings_dialog import edit_settings

        edit_settings(self, self.session, self.settings)

    # --- geometry ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("diary/last", str(self.session.store.path))
        self.settings.sync()
        self.closing.emit()
        self.session.close()
        event.accept()


def _labelled(verb: str, text: str) -> str:
    return f"{verb} {text}" if text else verb

