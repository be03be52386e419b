"""A clear ring around the control that has the keyboard focus, wherever it is in the window and
its dialogs: buttons, fields, lists, tabs, check boxes.

Styles mark the focus faintly (a dotted line, a one-pixel tint) that blurred vision misses. One
QFocusFrame follows the focus through the whole program and draws a ring RING px wide just
outside the focused control, in the palette's highlight colour, so it follows the desktop's
light or dark theme. A tab bar has the ring around its current tab instead. Only the frame and
the tab bars get the style that draws the ring: the rest keeps the desktop's own style.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFocusFrame
from PySide6.QtWidgets import QProxyStyle
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyleOption
from PySide6.QtWidgets import QTabBar
from PySide6.QtWidgets import QWidget

RING = 3  # pixels: the ring's width, drawn outside the control


class RingStyle(QProxyStyle):
    """The desktop's style, but a focus frame is a solid ring in the highlight colour."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin,
                      QStyle.PixelMetric.PM_FocusFrameVMargin):
            return RING
        return super().pixelMetric(metric, option, widget)

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.ControlElement.CE_FocusFrame:
            # The frame's mask (SH_FocusFrame_Mask) leaves only the ring RING px wide to paint.
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
            return
        super().drawControl(element, option, painter, widget)
        if (element == QStyle.ControlElement.CE_TabBarTabShape
                and option.state & QStyle.StateFlag.State_HasFocus):
            # The current tab of a focused tab bar: the ring inside the tab.
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), RING - 1)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(RING, RING, -RING, -RING + 1))
            painter.restore()


class FocusRing(QObject):
    """Follows the application's focus with one ring (`install` starts it)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.style = RingStyle()  # kept here: a widget does not own the style it is given
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QTabBar) and new.style() is not self.style:
            new.setStyle(self.style)  # its current tab gets the ring (drawControl)
        if (new is None or new.isWindow() or new.parentWidget() is None
                or isinstance(new, QTabBar)):
            if self.frame is not None:
                self.frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes no widget
            return
        if self.frame is None:
            self.frame = QFocusFrame()
            self.frame.setStyle(self.style)
            self.frame.setObjectName("focus ring")
            self.frame.destroyed.connect(self._gone)
        self.frame.setWidget(new)

    def _gone(self) -> None:
        """The frame went with the window it was in: the next focus makes a new one."""
        self.frame = None

    def remove(self) -> None:
        self._app.focusChanged.disconnect(self.follow)
        if self.frame is not None:
            self.frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes no widget
            self.frame.deleteLater()
            self.frame = None


def install(app: QApplication) -> FocusRing:
    """A ring around the focused control from now on, in every window of `app`."""
    return FocusRing(app)
