"""The window opens on its screen: as big as it was left, never bigger than the free part of the
screen nor smaller than its own minimum, and as big on the screen after the screen's scale
changed (QT_SCALE_FACTOR=2, or the desktop's scaling)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize

from diary.storage.store import create_diary
from diary.storage.store import open_diary
from diary.ui.shell import geometry
from diary.ui.shell.geometry import fit_rect
from diary.ui.shell.geometry import rescaled
from diary.ui.shell.main_window import MainWindow
from diary.ui.shell.session import DiarySession
from tests.helpers.window import plain_views

LAPTOP = QRect(0, 0, 1400, 900)
HALF = QRect(0, 0, 700, 450)  # the same screen at QT_SCALE_FACTOR=2, in the window's pixels
SMALL = QSize(300, 200)


def test_a_fresh_window_is_the_default_size_centred() -> None:
    assert fit_rect(None, LAPTOP, SMALL) == QRect(200, 90, 1000, 720)


def test_a_fresh_window_at_twice_the_scale_fits_the_screen() -> None:
    assert fit_rect(None, HALF, SMALL) == QRect(0, 0, 700, 450)


def test_a_saved_geometry_is_kept_when_it_fits() -> None:
    assert fit_rect(QRect(50, 60, 800, 500), LAPTOP, SMALL) == QRect(50, 60, 800, 500)


def test_a_saved_geometry_never_exceeds_the_screen_and_moves_inside_it() -> None:
    assert fit_rect(QRect(900, 700, 2000, 1440), LAPTOP, SMALL) == QRect(0, 0, 1400, 900)
    assert fit_rect(QRect(1200, -40, 800, 500), LAPTOP, SMALL) == QRect(600, 0, 800, 500)
    # A screen that does not start at 0,0 (a second monitor, a panel on the left).
    assert fit_rect(QRect(0, 0, 400, 300), QRect(1400, 30, 1280, 690), SMALL) == QRect(
        1400, 30, 400, 300)


def test_a_saved_geometry_never_shrinks_below_the_minimum() -> None:
    assert fit_rect(QRect(10, 10, 120, 90), LAPTOP, QSize(640, 480)) == QRect(10, 10, 640, 480)
    # Yet never bigger than the screen, even when the minimum is.
    assert fit_rect(QRect(10, 10, 120, 90), HALF, QSize(900, 600)).size() == QSize(700, 450)


def test_a_size_saved_at_twice_the_scale_is_as_big_at_the_normal_scale() -> None:
    assert rescaled(QSize(700, 450), 2.0, 1.0) == QSize(1400, 900)
    assert rescaled(QSize(1000, 720), 1.0, 2.0) == QSize(500, 360)
    assert rescaled(QSize(1000, 720), 1.5, 1.5) == QSize(1000, 720)
    assert rescaled(QSize(1000, 720), 0.0, 1.0) == QSize(1000, 720)  # a ratio never saved


def window_on(qtbot, session: DiarySession, settings: QSettings,  # type: ignore[no-untyped-def]
              clock: list[datetime]) -> MainWindow:
    win = MainWindow(
        session, settings=settings, clock=lambda: clock[0], views=plain_views,
        opener=lambda path, ro: open_diary(path, read_only=ro, clock=lambda: clock[0]),
        creator=lambda path: create_diary(path, clock=lambda: clock[0]))
    qtbot.addWidget(win)
    return win


def test_the_window_opens_within_the_screen_and_as_big_as_it_was_left(
        qtbot, session: DiarySession, settings: QSettings, clock: list[datetime],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geometry, "available_rect", lambda window: HALF)
    first = window_on(qtbot, session, settings, clock)
    assert first.width() <= 700 and first.height() <= 450  # not the default 1000×720
    assert first.width() >= first.minimumSizeHint().width()

    # Saved at twice the scale (filling the screen), back on a screen at the normal scale.
    first.resize(700, 450)
    geometry.save(first, settings)
    settings.setValue(geometry.SCALE_KEY, first.screen().devicePixelRatio() * 2)
    monkeypatch.setattr(geometry, "available_rect", lambda window: LAPTOP)
    geometry.restore(first, settings)  # what the next window's start does
    assert first.size() == QSize(1400, 900)
