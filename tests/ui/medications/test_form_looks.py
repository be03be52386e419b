"""The look in the medication form (diary/ui/medications/form.py with look_picker.py): adding, the
Automatic entry names the look the new medication will get; a colour and a shape chosen are
saved, through the edit that Undo takes back; a label never fills them; every key of the form is
its own."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel

from diary.domain.entities import Medication
from diary.domain.looks import Colour
from diary.domain.looks import Look
from diary.domain.looks import Shape
from diary.domain.looks import default_look
from diary.domain.units import Unit
from diary.ui import edits
from diary.ui.medications.form import MedicationForm
from diary.ui.shell.session import DiarySession
from tests.helpers.qt import click
from tests.ui.medications.support import add_med


def opened(qtbot, session: DiarySession, med: Medication | None = None) -> MedicationForm:
    form = MedicationForm(session, med)
    qtbot.addWidget(form)
    form.show()  # shown, not exec'd: no modal loop
    return form


def choose(qtbot, combo: QComboBox, typed: str) -> None:
    """Pick an entry as the keyboard does: focus the box, type the start of its name."""
    combo.setFocus()
    qtbot.keyClicks(combo, typed)


def saved_as(qtbot, form: MedicationForm, session: DiarySession, name: str) -> Medication:
    click(qtbot, form.ok_button)
    assert not form.isVisible(), form.error.text()
    return session.store.medications.named(name)


def test_adding_names_the_look_the_new_one_gets_and_keeps_it(qtbot, session) -> None:
    add_med(session)  # Baclofen, id 1: the next one gets the look of id 2
    form = opened(qtbot, session)
    assert form.look.colour.currentText() == "Automatic (orange)"
    assert form.look.shape.currentText() == "Automatic (square)"
    qtbot.keyClicks(form.name, "Gabapentin")

    gabapentin = saved_as(qtbot, form, session, "Gabapentin")

    assert (gabapentin.colour, gabapentin.shape) == (None, None)
    assert gabapentin.look == default_look(2) == Look(Colour.ORANGE, Shape.SQUARE)


def test_adding_with_a_colour_and_a_shape_chosen(qtbot, session) -> None:
    form = opened(qtbot, session)
    qtbot.keyClicks(form.name, "Gabapentin")
    choose(qtbot, form.look.colour, "Purple")
    choose(qtbot, form.look.shape, "Diamond")
    assert form.look.colour.accessibleDescription() == "The pill: purple diamond"

    gabapentin = saved_as(qtbot, form, session, "Gabapentin")

    assert (gabapentin.colour, gabapentin.shape) == (Colour.PURPLE, Shape.DIAMOND)


def test_editing_the_look_alone_is_saved_and_undone(qtbot, session) -> None:
    baclofen = add_med(session)
    form = opened(qtbot, session, baclofen)
    assert form.look.colour.currentText() == "Automatic (blue)"
    choose(qtbot, form.look.colour, "Red")

    changed = saved_as(qtbot, form, session, "Baclofen")

    assert (changed.colour, changed.shape) == (Colour.VERMILION, None)
    assert form.saved == changed
    assert session.undo_stack.undoText() == "Edit Baclofen"
    assert edits.undo_last(session)
    assert session.store.medications.named("Baclofen").colour is None
    session.undo_stack.redo()
    assert session.store.medications.named("Baclofen").colour is Colour.VERMILION


def test_editing_shows_the_chosen_look_and_automatic_gives_it_back(qtbot, session) -> None:
    baclofen = add_med(session)
    edits.edit_medication(session, replace(baclofen, colour=Colour.GREEN, shape=Shape.CAPSULE))
    form = opened(qtbot, session, session.store.medications.named("Baclofen"))
    assert (form.look.colour.currentText(), form.look.shape.currentText()) == (
        "Green", "Capsule")
    choose(qtbot, form.look.shape, "Automatic")

    changed = saved_as(qtbot, form, session, "Baclofen")

    assert (changed.colour, changed.shape) == (Colour.GREEN, None)
    assert changed.look == Look(Colour.GREEN, default_look(changed.id).shape)


def test_a_label_never_fills_the_look(qtbot, session) -> None:
    form = opened(qtbot, session)
    choose(qtbot, form.look.colour, "Yellow")
    choose(qtbot, form.look.shape, "Hexagon")
    qtbot.keyClicks(form.name, "Baclofen")
    assert form.template.currentData() == "baclofen"
    form.choose_template("tizanidine")

    tizanidine = saved_as(qtbot, form, session, "Tizanidine")

    assert (tizanidine.colour, tizanidine.shape) == (Colour.YELLOW, Shape.HEXAGON)
    assert tizanidine.max_daily == 36_000


def test_an_unchanged_look_is_no_edit(qtbot, session) -> None:
    baclofen = add_med(session, unit=Unit.MG)
    form = opened(qtbot, session, baclofen)
    changes = session.undo_stack.count()
    click(qtbot, form.ok_button)
    assert not form.isVisible() and form.saved is None
    assert session.undo_stack.count() == changes


@pytest.mark.parametrize("adding", [True, False])
def test_every_key_of_the_form_is_its_own(qtbot, session, adding: bool) -> None:
    form = opened(qtbot, session, None if adding else add_med(session))
    texts = [b.text() for b in form.findChildren(QAbstractButton) if "&" in b.text()]
    texts += [label.text() for label in form.findChildren(QLabel)
              if label.buddy() is not None and label.isVisibleTo(form)]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert {"l", "h"} <= set(keys) and len(keys) == len(set(keys)), texts
    buddies = {label.text(): label.buddy() for label in form.findChildren(QLabel)}
    assert buddies["Co&lour:"] is form.look.colour and buddies["S&hape:"] is form.look.shape
