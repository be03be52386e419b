"""Where the window opens and how big: as it was left, but always on the screen it opens on.

The size is kept with the screen's scale it was saved at (QT_SCALE_FACTOR, or the desktop's own
scaling), so a window left filling the screen at 200% does not come back a quarter of the screen
at 100%, nor a fresh window at 200% twice the size of the screen. Whatever was saved, the window
opens no smaller than its own minimum and no bigger than the free part of its screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "window/geometry"  # Qt's own record (position, size, maximized, which screen)
SCALE_KEY = "window/scale"  # the screen's device pixel ratio when the geometry was saved
DEFAULT_SIZE = QSize(1000, 720)
FRAME_ROOM = 8  # pixels kept free on each side for the window's frame


def fit_rect(saved: QRect | None, available: QRect, minimum: QSize,
             default: QSize = DEFAULT_SIZE) -> QRect:
    """The window's geometry: `saved` (or `default` centred, without one), at least `minimum`
    and at most `available` in each direction, moved inside `available` where it stuck out."""
    size = saved.size() if saved is not None and saved.isValid() else default
    width = min(max(size.width(), minimum.width()), available.width())
    height = min(max(size.height(), minimum.height()), available.height())
    if saved is None or not saved.isValid():
        left = available.left() + (available.width() - width) // 2
        top = available.top() + (available.height() - height) // 2
    else:
        left = _within(saved.left(), available.left(), available.right() + 1 - width)
        top = _within(saved.top(), available.top(), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def _within(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def rescaled(size: QSize, saved_ratio: float, ratio: float) -> QSize:
    """`size`, saved at `saved_ratio` device pixels per pixel, as big on the screen at `ratio`."""
    if saved_ratio <= 0 or ratio <= 0 or saved_ratio == ratio:
        return size
    factor = saved_ratio / ratio
    return QSize(round(size.width() * factor), round(size.height() * factor))


def available_rect(window: QWidget) -> QRect:
    """The free part of the screen the window opens on (less the desktop's panels), less room
    for the window's title bar and frame, which are not known before it shows."""
    screen = (QGuiApplication.screenAt(window.geometry().center()) or window.screen()
              or QGuiApplication.primaryScreen())
    if screen is None:
        return QRect(0, 0, DEFAULT_SIZE.width(), DEFAULT_SIZE.height())
    free = screen.availableGeometry()
    style = window.style()
    title = max(style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window),
                2 * window.fontMetrics().lineSpacing())
    return free.adjusted(FRAME_ROOM, title, -FRAME_ROOM, -FRAME_ROOM)


def restore(window: QWidget, settings: QSettings) -> None:
    """Give the window its saved geometry, fitted to its screen (see the module's docstring)."""
    saved = settings.value(GEOMETRY_KEY)
    restored = (isinstance(saved, QByteArray) and not saved.isEmpty()
                and window.restoreGeometry(saved))
    if restored and (window.isMaximized() or window.isFullScreen()):
        return  # the window manager fits a maximized window itself
    rect: QRect | None = None
    if restored:
        rect = window.geometry()
        ratio = _ratio(window)
        rect.setSize(rescaled(rect.size(), _float(settings.value(SCALE_KEY), ratio), ratio))
    window.setGeometry(fit_rect(rect, available_rect(window), window.minimumSizeHint()))


def save(window: QWidget, settings: QSettings) -> None:
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(SCALE_KEY, _ratio(window))


def _ratio(window: QWidget) -> float:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return float(screen.devicePixelRatio()) if screen is not None else 1.0


def _float(value: object, default: float) -> float:
    try:
        found = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return found if found > 0 else default
