"""Every question the window asks the user goes through one of these functions.

Views call them as `dialogs.ask_yes_no(...)` (never `from ... import`), so a test replaces one with
monkeypatch and no test ever opens a real modal dialog.

Every dialog fits the screen it opens on (1280×720 at the least) and scrolls where its contents
do not, at twice the text size too: `FittingDialog` keeps a dialog's size within the screen,
`ScrollingBody` holds contents that may be taller or wider than that, and a message too long
for a message box (the keyboard shortcuts) is shown in a box whose text scrolls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShowEvent
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

DIARY_FILTER = "Diaries (*.sqlite *.diary *.db);;All files (*)"
FRAME_ROOM = 8  # pixels left on each side of a dialog for the window's border
SMALLEST_SCREEN = QSize(1280, 720)  # what every dialog fits, when no screen is known
MESSAGE_SHARE = 0.6  # a message box's text taller or wider than this share of the screen scrolls


# --- fitting the screen -----------------------------------------------------------------------
def screen_room(widget: QWidget) -> QSize:
    """The most a dialog may take: the free part of the screen it opens on (its parent's), less
    room for the window's title bar and frame, which are not known before it shows."""
    parent = widget.parentWidget()
    screen = (parent if parent is not None else widget).screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all
        return SMALLEST_SCREEN
    free = screen.availableGeometry()
    # A title bar of two lines of the dialog's font, a border of FRAME_ROOM on every side.
    style = widget.style()
    side = max(FRAME_ROOM, style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget))
    title = max(style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, widget),
                2 * widget.fontMetrics().lineSpacing())
    return QSize(max(1, free.width() - 2 * side), max(1, free.height() - title - 2 * side))


def fitted(size: QSize, widget: QWidget) -> QSize:
    """`size`, but no larger than the screen's room for `widget` (screen_room)."""
    return size.boundedTo(screen_room(widget))


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize `dialog` to `width` x `height`, but no larger than the screen's room for it."""
    dialog.resize(fitted(QSize(max(1, width), max(1, height)), dialog))


class FittingDialog(QDialog):
    """A dialog whose preferred size never exceeds the screen: what does not fit scrolls (its
    contents are in a ScrollingBody)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settling = QTimer(self)  # goes with the dialog, unlike a single shot's callable
        self._settling.setSingleShot(True)
        self._settling.setInterval(0)
        self._settling.timeout.connect(self.settle)

    def sizeHint(self) -> QSize:
        return fitted(super().sizeHint(), self)

    def setVisible(self, visible: bool) -> None:
        # Qt would open it at most two thirds of the screen; it may take what it needs.
        if visible and not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            self.resize(self.sizeHint())
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._settling.start()

    def settle(self) -> None:
        """Once laid out on the screen, wrapped text may need a line more than it was thought
        to: grow (within the screen) rather than scroll for it. Never shrinks."""
        for body in self.findChildren(ScrollingBody):
            body.updateGeometry()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        grown = self.size().expandedTo(self.sizeHint())
        if grown != self.size():
            self.resize(grown)
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Grown past the screen's edge: moved back inside it."""
        screen = self.screen()
        if screen is None:
            return
        free, frame = screen.availableGeometry(), self.frameGeometry()
        left = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
        top = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)


class ScrollingBody(QScrollArea):
    """A dialog's contents, scrolling when the screen is too small for them (a low screen, or
    twice the text size). It asks for the whole of its contents, up to the screen's room, and
    can shrink to a few lines: the dialog's buttons, outside it, stay in reach."""

    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the contents take the focus, not the frame

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        wanted = body.sizeHint().expandedTo(body.minimumSizeHint())
        if body.hasHeightForWidth():  # wrapped text: as tall as it is at that width
            wanted.setHeight(max(wanted.height(), body.heightForWidth(wanted.width())))
        return fitted(QSize(wanted.width() + self._bar(), wanted.height()), self)

    def minimumSizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().minimumSizeHint()
        least = body.minimumSizeHint()
        lines = 6 * self.fontMetrics().lineSpacing()
        return fitted(QSize(least.width() + self._bar(), min(least.height(), lines)), self)


def _rich(text: str) -> bool:
    """Whether Qt reads `text` as rich text (HTML), as a message box does."""
    return bool(QtGui.Qt.mightBeRichText(text))


def long_message(parent: QWidget | None, title: str, text: str) -> bool:
    """Whether `text` is too long for a message box on this screen (then it scrolls)."""
    room = screen_room(parent) if parent is not None else SMALLEST_SCREEN
    document = QTextDocument()
    if _rich(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    document.setTextWidth(room.width() * MESSAGE_SHARE)
    size = document.size()
    return (size.height() > room.height() * MESSAGE_SHARE
            or document.idealWidth() > room.width() * MESSAGE_SHARE)


class MessageText(QTextBrowser):
    """A message's text that scrolls: it asks for the whole text, without wrapping, up to the
    screen's room, and can shrink to a few lines."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setOpenLinks(False)  # nothing in a message leads anywhere, least of all online
        if _rich(text):
            self.setHtml(text)
        else:
            self.setPlainText(text)
        self.setMinimumSize(0, 4 * self.fontMetrics().lineSpacing())

    def sizeHint(self) -> QSize:
        document = self.document().clone()
        document.setTextWidth(-1)
        ideal = document.size().toSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        frame = 2 * self.frameWidth()
        return fitted(QSize(ideal.width() + bar + frame, ideal.height() + frame), self)


def scrolling_message(parent: QWidget | None, title: str, text: str,
                      icon: QMessageBox.Icon) -> FittingDialog:
    """A message box whose text scrolls, built (not shown: tests look at it); its OK button
    stays in reach whatever the text's length."""
    dialog = FittingDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    browser = MessageText(text)
    browser.setAccessibleName(title)
    picture = QLabel()
    pixmap = (QStyle.StandardPixmap.SP_MessageBoxWarning if icon == QMessageBox.Icon.Warning
              else QStyle.StandardPixmap.SP_MessageBoxInformation)
    size = dialog.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, dialog)
    picture.setPixmap(dialog.style().standardIcon(pixmap, None, dialog).pixmap(size, size))
    picture.setAlignment(Qt.AlignmentFlag.AlignTop)
    row = QHBoxLayout()
    row.addWidget(picture)
    row.addWidget(browser, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addLayout(row, 1)
    layout.addWidget(buttons)
    browser.setFocus()  # the arrow and page keys scroll it; Enter presses OK
    return dialog


def _tell(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon) -> None:
    if long_message(parent, title, text):
        scrolling_message(parent, title, text, icon).exec()
    elif icon == QMessageBox.Icon.Warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, yes: str = "Yes",
               no: str = "No", default_yes: bool = False) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


class _TwoAnswers(QMessageBox):
    """A question with two answers and no default: Enter answers nothing; Escape or closing the
    window answers neither (`clickedButton()` stays None). A plain QMessageBox ignores both
    without an escape button, and would click a NoRole or RejectRole button as one."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.reject()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        QDialog.closeEvent(self, event)


def what_happened_box(parent: QWidget | None, title: str, text: str, *, taken: str,
                      not_taken: str) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """The box `ask_what_happened` shows, and its two buttons (built, not shown: tests look at
    it). Neither button is the default nor becomes it on focus (autoDefault off), so Enter
    answers nothing; both have the action role, which Qt never makes the default itself."""
    box = _TwoAnswers(QMessageBox.Icon.Warning, title, text, parent=parent)
    taken_button = box.addButton(taken, QMessageBox.ButtonRole.ActionRole)
    not_taken_button = box.addButton(not_taken, QMessageBox.ButtonRole.ActionRole)
    for button in (taken_button, not_taken_button):
        button.setAutoDefault(False)
        button.setDefault(False)
    return box, taken_button, not_taken_button


def ask_what_happened(parent: QWidget | None, title: str, text: str, *, taken: str,
                      not_taken: str) -> bool | None:
    """Ask what happened, with two plain answers and no default: True for `taken`, False for
    `not_taken`, None when the person closed the question (Escape) without answering."""
    box, taken_button, not_taken_button = what_happened_box(parent, title, text, taken=taken,
                                                            not_taken=not_taken)
    box.exec()
    clicked = box.clickedButton()
    if clicked is taken_button:
        return True
    if clicked is not_taken_button:
        return False
    return None


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _tell(parent, title, text, QMessageBox.Icon.Warning)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _tell(parent, title, text, QMessageBox.Icon.Information)


def choose_open_path(parent: QWidget | None, title: str, folder: Path,
                     filters: str = DIARY_FILTER) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(name) if name else None


def choose_save_path(parent: QWidget | None, title: str, suggestion: Path,
                     filters: str = DIARY_FILTER) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), filters)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None
