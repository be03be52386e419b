"""Helpers the UI tests share."""

from __future__ import annotations


def activate(qtbot: object, widget: object) -> None:
    """Show a top-level widget and make it the active window, so its shortcuts fire (the
    offscreen platform does not activate windows by itself)."""
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)  # type: ignore[attr-defined]
    widget.windowHandle().requestActivate()  # type: ignore[attr-defined]
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)  # type: ignore[attr-defined]
