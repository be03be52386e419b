"""A medication's look drawn for Qt: its shape filled with its colour, with a dark outline so
that it reads on light and dark themes and in grey (diary.domain.looks)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QIcon
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPainterPath
from PySide6.QtGui import QPen
from PySide6.QtGui import QPixmap
from PySide6.QtGui import QPolygonF

from diary.domain.looks import Look
from diary.domain.looks import Shape


def shape_path(shape: Shape, box: QRectF) -> QPainterPath:
    """The outline of `shape` inside `box`."""
    path = QPainterPath()
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    if shape is Shape.ROUND:
        path.addEllipse(box)
    elif shape is Shape.SQUARE:
        path.addRoundedRect(box.adjusted(w * 0.06, h * 0.06, -w * 0.06, -h * 0.06),
                            w * 0.12, h * 0.12)
    elif shape is Shape.CAPSULE:
        capsule = box.adjusted(0, h * 0.22, 0, -h * 0.22)
        path.addRoundedRect(capsule, capsule.height() / 2, capsule.height() / 2)
    else:
        points = {
            Shape.TRIANGLE: [(0.5, 0.02), (0.98, 0.92), (0.02, 0.92)],
            Shape.DIAMOND: [(0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5)],
            Shape.HEXAGON: [(0.25, 0.05), (0.75, 0.05), (1.0, 0.5), (0.75, 0.95),
                            (0.25, 0.95), (0.0, 0.5)],
        }[shape]
        path.addPolygon(QPolygonF([QPointF(x + px * w, y + py * h) for px, py in points]))
        path.closeSubpath()
    return path


def paint_pill(painter: QPainter, look: Look, box: QRectF) -> None:
    """Draw `look` into `box` with `painter` (antialiased; the painter's state is kept)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#202020"))
    pen.setWidthF(max(1.0, box.width() / 14))
    painter.setPen(pen)
    painter.setBrush(QColor(look.hex))
    inset = pen.widthF() / 2
    painter.drawPath(shape_path(look.shape, box.adjusted(inset, inset, -inset, -inset)))
    painter.restore()


@lru_cache(maxsize=256)
def pill_pixmap(look: Look, size: int = 16, ratio: float = 1.0) -> QPixmap:
    """`look` as a square transparent pixmap of `size` logical pixels (sharp at `ratio`)."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_pill(painter, look, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def pill_icon(look: Look) -> QIcon:
    """An icon of `look` for list rows, combo boxes, menus and buttons, sharp at 1× and 2×."""
    icon = QIcon()
    # The same picture when selected or active: left to the style, a selected row's pill would
    # be tinted with the selection colour and look hollow.
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        for size in (16, 24, 32):
            icon.addPixmap(pill_pixmap(look, size, 1.0), mode)
            icon.addPixmap(pill_pixmap(look, size, 2.0), mode)
    return icon
