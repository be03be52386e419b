"""One symptom's scale: large buttons with gaps, the chosen score unmistakable without colour (and
said "chosen"), today's saved score shown as chosen, and a focus frame of its own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.domain.entities import Symptom
from diary.ui.today.scale import ScoreScale
from diary.ui.widgets.targets import TARGET
from tests.helpers.qt import activate
from tests.helpers.qt import click
from tests.ui.today.support import at

SPASTICITY = Symptom("Spasticity", id=1)


def shown_scale(qtbot: object) -> tuple[QWidget, ScoreScale]:
    host = QWidget()
    box = QVBoxLayout(host)
    scale = ScoreScale(SPASTICITY)
    box.addWidget(scale)
    qtbot.addWidget(host)  # type: ignore[attr-defined]
    host.resize(700, 120)
    host.show()
    qtbot.waitExposed(host)  # type: ignore[attr-defined]
    return host, scale


def grey(colour: QColor) -> float:
    """How light a colour looks, as a grey from 0 (black) to 1 (white)."""
    return 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()


def fill(image: QImage) -> QColor:
    """The colour of a button's face: a point near its corner, away from the number."""
    return image.pixelColor(image.width() // 5, image.height() - image.height() // 4)


def test_the_chosen_score_is_filled_marked_and_said(qtbot) -> None:
    _, scale = shown_scale(qtbot)
    button = scale.buttons[4]
    plain = button.grab().toImage()
    click(qtbot, button)
    chosen = button.grab().toImage()
    assert button.isChecked() and scale.value() == 4
    assert button.accessibleName() == "Spasticity 4, chosen, not saved yet"
    assert scale.buttons[5].accessibleName() == "Spasticity 5"
    # Filled with the text colour against a light face: a difference of lightness, not of hue.
    assert abs(grey(fill(chosen)) - grey(fill(plain))) > 0.5
    assert button.text() == "4"  # the tick is drawn: the number stays the button's text
    unchosen = scale.buttons[3].grab().toImage()
    assert abs(grey(fill(unchosen)) - grey(fill(plain))) < 0.05


def test_every_button_is_a_target_whatever_it_shows(qtbot) -> None:
    _, scale = shown_scale(qtbot)
    sizes = {b.sizeHint() for b in scale.buttons}
    click(qtbot, scale.buttons[10])
    assert {b.sizeHint() for b in scale.buttons} == sizes  # choosing widens nothing
    assert all(b.width() >= TARGET and b.height() >= TARGET for b in scale.buttons)


def test_todays_saved_score_is_shown_as_chosen(qtbot) -> None:
    _, scale = shown_scale(qtbot)
    scale.set_saved(4, at(8, 10))
    assert scale.value() is None and scale.saved() == 4 and scale.shown() == 4
    assert scale.buttons[4].isChecked()
    assert scale.buttons[4].accessibleName() == "Spasticity 4, chosen, saved at 08:10"
    assert scale.current.text() == "Saved 4 at 08:10"
    assert scale.accessibleDescription() == "saved 4 of 10 at 08:10"
    click(qtbot, scale.buttons[6])  # a new score, not saved yet
    assert scale.value() == 6 and scale.buttons[6].isChecked()
    assert not scale.buttons[4].isChecked()
    assert scale.current.text() == "6 / 10, not saved yet (saved 4 at 08:10)"
    assert scale.buttons[6].accessibleName() == "Spasticity 6, chosen, not saved yet"
    click(qtbot, scale.buttons[6])  # a second click clears it: the saved score again
    assert scale.value() is None and scale.buttons[4].isChecked()


def test_the_keyboard_starts_from_the_saved_score(qtbot) -> None:
    _, scale = shown_scale(qtbot)
    scale.set_saved(4, at(8, 10))
    qtbot.keyClick(scale, Qt.Key.Key_Right)
    assert scale.value() == 5
    qtbot.keyClick(scale, Qt.Key.Key_Delete)
    assert scale.value() is None and scale.shown() == 4


def test_the_scale_draws_its_own_focus_frame(qtbot) -> None:
    host, scale = shown_scale(qtbot)
    activate(qtbot, host)
    host.setFocus()
    unfocused = scale.grab().toImage()
    scale.setFocus()
    qtbot.waitUntil(scale.hasFocus)
    focused = scale.grab().toImage()
    middle = scale.height() // 2
    edge = [(x, middle) for x in range(0, 4)] + [(scale.width() // 2, y) for y in range(0, 4)]
    changed = [p for p in edge if focused.pixelColor(*p) != unfocused.pixelColor(*p)]
    assert len(changed) >= 6  # a band several pixels wide on every side, not a hairline


def test_saved_score_at_its_own_clock(qtbot) -> None:
    """The saved time is the rating's own wall-clock time."""
    _, scale = shown_scale(qtbot)
    scale.set_saved(2, datetime.fromisoformat("2026-11-26T07:05+01:00"))
    assert scale.current.text() == "Saved 2 at 07:05"
