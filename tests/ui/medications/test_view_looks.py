"""Each medication's pill in the Medications list (diary/ui/medications/view.py): its icon is the
look it shows everywhere, named in the details and the tooltip for those who do not see it, and
follows an edit of the look and its undo; archived ones keep theirs."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.ui import edits
from diary.ui.medications.view import MEDICATION_ROLE
from diary.ui.medications.view import MedicationsView
from diary.ui.widgets.pill import pill_pixmap
from tests.helpers.qt import click
from tests.ui.medications.support import add_med


def icons(view: MedicationsView) -> dict[str, QImage]:
    found = {}
    for row in range(view.med_list.count()):
        item = view.med_list.item(row)
        found[item.data(MEDICATION_ROLE).name] = item.icon().pixmap(QSize(16, 16)).toImage()
    return found


def pill(look: Look) -> QImage:
    return pill_pixmap(look, 16, 1.0).toImage()


def test_each_medication_shows_its_pill_and_names_it(qtbot, view, session) -> None:
    baclofen = add_med(session)
    tizanidine = add_med(session, "Tizanidine", 36_000)
    edits.edit_medication(session, replace(tizanidine, colour=Colour.SKY, shape=Shape.HEXAGON))

    assert icons(view) == {"Baclofen": pill(default_look(baclofen.id)),
                           "Tizanidine": pill(Look(Colour.SKY, Shape.HEXAGON))}
    assert view.med_list.iconSize().height() >= view.fontMetrics().height()
    assert view.med_list.item(1).toolTip().endswith("; sky blue hexagon pill")
    view.select_medication(baclofen.id)
    assert view.details["Look"].text() == "Blue round (automatic)"
    view.select_medication(tizanidine.id)
    assert view.details["Look"].text() == "Sky blue hexagon"


def test_the_pill_follows_an_edit_of_the_look_and_its_undo(qtbot, view, session) -> None:
    baclofen = add_med(session)
    click(qtbot, view.edit_medication)
    form = view.dialog
    assert form is not None
    form.look.shape.setFocus()
    qtbot.keyClicks(form.look.shape, "Triangle")
    click(qtbot, form.ok_button)

    assert icons(view) == {"Baclofen": pill(Look(Colour.BLUE, Shape.TRIANGLE))}
    assert view.details["Look"].text() == "Blue triangle (colour automatic)"
    session.undo_stack.undo()
    assert icons(view) == {"Baclofen": pill(default_look(baclofen.id))}
    assert view.details["Look"].text() == "Blue round (automatic)"


def test_an_archived_medication_keeps_its_pill(qtbot, view, session) -> None:
    old = add_med(session, "Old spray", None)
    edits.edit_medication(session, replace(old, colour=Colour.GREY))
    edits.archive_medication(session, old.id)
    view.show_archived.setChecked(True)
    assert icons(view) == {"Old spray": pill(Look(Colour.GREY, default_look(old.id).shape))}
    assert view.med_list.item(0).text() == "Old spray (archived)"
