"""How the plan section looks: the label's warning reads on a light and on a dark theme, and
follows a theme switched while it shows; the plan's buttons are 44 px targets on one line while the
width holds them, and on more lines, whole and apart, when it does not."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from diary.charts.theme import contrast
from diary.domain.entities import PlanStep
from diary.domain.plans.steps import DEFAULT_TIMES
from diary.ui import edits
from diary.ui.medications.plan_section import banner_style
from diary.ui.medications.plan_section import push_button
from diary.ui.widgets.flow import FlowLayout
from tests.ui.medications.support import add_med

LIGHT = QColor("#efefef")
DARK = QColor("#2b2b2b")


def window_of(colour: QColor) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, colour)
    return palette


def shade_and_text(style: str) -> tuple[str, str]:
    found = re.search(r"background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", style)
    assert found is not None, style
    return found.group(1), found.group(2)


@pytest.mark.parametrize("window", [LIGHT, DARK], ids=["light", "dark"])
def test_the_warning_reads_on_a_light_and_a_dark_theme(window: QColor) -> None:
    shade, text = shade_and_text(banner_style(window_of(window)))
    assert contrast(shade, text) >= 4.5
    # Its shade goes with the window's: no light box glaring on a dark theme.
    assert (QColor(shade).lightness() < 128) == (window.lightness() < 128)


def test_the_warning_follows_a_theme_switched_while_it_shows(qtbot, view, session) -> None:
    med = add_med(session)  # taper required: a plan that ends is warned about
    edits.add_plan_steps(session, [PlanStep(med.id, date(2026, 11, 20), 20_000, DEFAULT_TIMES,
                                            end=date(2026, 11, 30))])
    view.refresh()
    warning = view.plan.warning
    assert not warning.isHidden()
    view.plan.setPalette(window_of(LIGHT))
    light = shade_and_text(warning.styleSheet())
    view.plan.setPalette(window_of(DARK))
    dark = shade_and_text(warning.styleSheet())
    assert light != dark
    assert QColor(dark[0]).lightness() < 128 < QColor(dark[1]).lightness()


def buttons_in(qtbot, width: int) -> tuple[QWidget, list[QPushButton]]:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(None, 8)
    buttons = [push_button(text, text) for text in ("Add step…", "Edit step…", "Delete step",
                                                    "Titration from template…", "Taper…")]
    for button in buttons:
        flow.addWidget(button)
    holder.setLayout(flow)
    holder.resize(width, flow.heightForWidth(width))
    holder.show()
    qtbot.waitExposed(holder)
    return holder, buttons


def apart(buttons: list[QPushButton]) -> bool:
    rects = [b.geometry() for b in buttons]
    return all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_the_buttons_are_on_one_line_when_the_width_holds_them(qtbot) -> None:
    holder, buttons = buttons_in(qtbot, 2000)
    assert {b.y() for b in buttons} == {0}
    assert all(b.width() >= 44 and b.height() >= 44 for b in buttons)
    assert apart(buttons)
    assert holder.layout().heightForWidth(2000) == max(b.height() for b in buttons)


def test_the_buttons_wrap_whole_when_the_width_does_not(qtbot) -> None:
    _, one_line = buttons_in(qtbot, 2000)
    natural = [b.size() for b in one_line]
    widest = max(size.width() for size in natural)
    holder, buttons = buttons_in(qtbot, widest + 10)
    assert len({b.y() for b in buttons}) >= 3  # a line for each, or two for the short ones
    assert apart(buttons)
    inside = QRect(0, 0, holder.width(), holder.height())
    assert all(inside.contains(b.geometry()) for b in buttons)
    assert [b.size() for b in buttons] == natural  # none squeezed
    flow = holder.layout()
    assert flow.heightForWidth(widest + 10) > flow.heightForWidth(2000)
    assert flow.minimumSize().width() == widest
