"""History's notice line (diary/ui/history/notice.py): the same room whatever it says, that of a
long message at its width and never more than LINES lines; a message longer than that cut short
with "…", the whole of it in the tooltip and the accessible description."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from diary.ui.history.notice import LINES
from diary.ui.history.notice import LONG_SAMPLE
from diary.ui.history.notice import Notice
from tests.ui.today.support import settle
from tests.ui.today.support import text_times

SHORT = "Nothing recorded: you said it was not taken."
LONGER = f"{LONG_SAMPLE} Note: Paracetamol: 1000 mg differs from the planned 500 mg per dose."


class Window(QWidget):
    """A window `width` px wide: a notice above a line that stands for the table."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.notice = Notice()
        self.below = QLabel("the table")
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.below)
        layout.addStretch(1)
        self.resize(width, 400)


def shown(qtbot, width: int) -> Window:  # type: ignore[no-untyped-def]
    window = Window(width)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


@pytest.mark.parametrize(("factor", "width"), [(1.0, 1000), (1.0, 360), (2.0, 1000),
                                               (2.0, 600)])
def test_the_room_is_the_same_whatever_it_says(qtbot, factor: float, width: int) -> None:
    with text_times(factor):
        window = shown(qtbot, width)
        notice, below = window.notice, window.below
        top, room = below.y(), notice.height()
        assert notice.minimumHeight() == notice.maximumHeight() == room
        for text in (SHORT, LONG_SAMPLE, LONGER, ""):
            notice.say(text)
            settle()
            assert (notice.height(), below.y()) == (room, top), text
            # What shows fits the room: never more lines than it keeps.
            assert notice.heightForWidth(notice.width()) <= room, text


def test_a_short_message_shows_whole_without_a_tooltip(qtbot) -> None:
    window = shown(qtbot, 1000)
    notice = window.notice
    notice.say(SHORT)
    assert notice.text() == notice.said == SHORT and not notice.cut_short
    assert notice.toolTip() == "" and notice.accessibleDescription() == ""


def test_a_message_longer_than_the_room_is_cut_short_and_whole_in_its_tooltip(qtbot) -> None:
    window = shown(qtbot, 360)
    notice = window.notice
    assert notice.reserved_lines() == LINES  # narrow: the long sample would take more
    notice.say(LONGER)
    assert notice.cut_short and notice.said == LONGER
    shown_text = notice.text()
    assert shown_text.endswith("…") and LONGER.startswith(shown_text[:-1].rstrip())
    assert notice.toolTip() == LONGER and notice.accessibleDescription() == LONGER
    notice.say(SHORT)  # the next message, whole again
    assert notice.text() == SHORT and notice.toolTip() == ""


def test_a_wider_notice_shows_more_of_it_and_keeps_less_room(qtbot) -> None:
    window = shown(qtbot, 360)
    notice = window.notice
    notice.say(LONGER)
    narrow = (notice.text(), notice.height())
    window.resize(1300, 400)
    settle()
    assert notice.reserved_lines() < LINES
    assert notice.height() < narrow[1]
    assert notice.text() == LONGER or len(notice.text()) > len(narrow[0])
