"""How the assistant's pages look: large type, targets at least 44 px (the Today view's rule,
`large`), and a page body that scrolls (`dialogs.ScrollingBody`), so that every page fits
1280×720 and stays usable at twice the text size, or on a screen whose logical size halves at
QT_SCALE_FACTOR=2. Each page starts with its question as a heading and keeps one error line,
shown beside what was typed. A choice between a few things is a row of big buttons, the chosen
one marked with a tick and bold type, not by its shade alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWizardPage

from diary.ui.widgets import dialogs
from diary.ui.widgets.form_errors import error_label
from diary.ui.widgets.form_errors import show_form_error
from diary.ui.widgets.targets import TARGET
from diary.ui.widgets.targets import large

TEXT_SCALE = 1.25  # the assistant's text against the application's
HEADING_SCALE = 1.4  # a page's question against the assistant's text
CHOSEN = "✓ "  # before the text of the chosen button of a row
BUTTON_WIDTH = 3 * TARGET  # the least width of a page's button: none is a sliver


def assistant_font(scale: float = 1.0, *, bold: bool = False) -> QFont:
    """The application's font, TEXT_SCALE and `scale` times larger (a widget given a font of
    its own no longer follows its parent's, so every size is reckoned from the application's)."""
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * TEXT_SCALE * scale)
    font.setBold(bold)
    return font


def wrapped(text: str, name: str) -> QLabel:
    """A paragraph: word-wrapped, read out under `name`."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    """A field's label, its &-letter moving the focus to `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def form() -> QFormLayout:
    """A form of label and field rows; a row too wide puts its field under its label."""
    layout = QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    layout.setVerticalSpacing(12)
    return layout


def page_button(text: str, name: str) -> QPushButton:
    """A large button of a page, that Enter does not press unless it has the focus (Enter in a
    field goes on to the next page)."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    large(button)
    button.setMinimumWidth(BUTTON_WIDTH)
    return button


class ChoiceButton(QPushButton):
    """One of a row of exclusive choices: checkable, and when chosen its text starts with a
    tick and is bold, so the choice shows without colour."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self._text = text
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setAccessibleName(name)
        large(self)
        # As wide as it is when chosen (tick and bold): choosing it moves nothing beside it.
        self._mark(True)
        self.setMinimumWidth(max(TARGET, self.sizeHint().width()))
        self._mark(False)
        self.toggled.connect(self._mark)

    def _mark(self, chosen: bool) -> None:
        self.setText(f"{CHOSEN}{self._text}" if chosen else self._text)
        self.setFont(assistant_font(bold=chosen))


class Page(QWizardPage):
    """A page: its question as a heading, a short paragraph, what the subclass adds to `body`,
    and an error line; all of it in a scroll area, so the wizard never outgrows the screen."""

    def __init__(self, heading: str, intro: str) -> None:
        super().__init__()
        self.setAccessibleName(heading)
        self.setFont(assistant_font())
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Question")
        self.heading.setFont(assistant_font(HEADING_SCALE, bold=True))
        self.intro = wrapped(intro, "About this page")
        self.error = error_label("Error")
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setSpacing(12)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.intro)
        self.body_scroll = dialogs.ScrollingBody(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body_scroll)

    def first_field(self) -> QWidget | None:
        """Where the focus goes when the page opens (None: the wizard's Next or Finish)."""
        return None

    def add_button(self, button: QPushButton) -> None:
        """A button on its own line, at the left, as wide as its text needs."""
        self.body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def finish_body(self) -> None:
        """The error line, then the room left below (the subclass calls this last)."""
        self.body.addWidget(self.error)
        self.body.addStretch(1)

    def show_error(self, exc: Exception) -> None:
        show_form_error(self.error, exc)
        self.body_scroll.ensureWidgetVisible(self.error)

    def clear_error(self) -> None:
        self.error.hide()
