"""A medication's look from the command line (diary/cli/medication.py): `--colour` and `--shape`
on `medication add` and `edit`, by value or by the name the window shows, `auto` back to the one
the id gives; shown by `medication list` and its --json; a colour or shape not in the lists is a
usage error naming the choices, and nothing is stored."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from diary.domain.entities import Medication
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.templates import medication_from_template
from diary.storage.store import create_diary
from diary.storage.store import open_diary
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    """Baclofen, with the look its id gives (blue round)."""
    path = tmp_path / "person.diary"
    with create_diary(path, clock=lambda: clock[0]) as store:
        store.medications.add(medication_from_template("baclofen"))
    return path


def saved(path: Path, name: str) -> Medication:
    with open_diary(path, read_only=True) as store:
        return store.medications.named(name)


def test_add_with_a_colour_and_a_shape(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "add", "tizanidine", "--colour", "green",
                 "--shape", "Capsule")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].endswith("taper required, look: green capsule.")
    med = saved(diary, "Tizanidine")
    assert (med.colour, med.shape) == (Colour.GREEN, Shape.CAPSULE)


@pytest.mark.parametrize(("typed", "colour"), [
    ("red", Colour.VERMILION), ("Sky  Blue", Colour.SKY), ("VERMILION", Colour.VERMILION),
    (" grey ", Colour.GREY)])
def test_a_colour_by_the_name_the_window_shows_or_its_value(
        run: Run, diary: Path, typed: str, colour: Colour) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--colour", typed)
    assert result.code == 0, result.err
    assert saved(diary, "Baclofen").colour is colour


def test_edit_changes_the_look_and_auto_gives_it_back_to_the_id(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--shape", "triangle")
    assert result.out == ("Changed Baclofen: look blue round (automatic) -> blue triangle "
                          "(colour automatic).\n")
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--colour", "purple")
    assert result.out == ("Changed Baclofen: look blue triangle (colour automatic) -> purple "
                          "triangle.\n")
    assert (saved(diary, "Baclofen").colour, saved(diary, "Baclofen").shape) == (
        Colour.PURPLE, Shape.TRIANGLE)
    result = run("--diary", str(diary), "medication", "edit", "baclofen", "--colour", "auto",
                 "--shape", "AUTO")
    assert result.out == "Changed Baclofen: look purple triangle -> blue round (automatic).\n"
    med = saved(diary, "Baclofen")
    assert (med.colour, med.shape) == (None, None)
    again = run("--diary", str(diary), "medication", "edit", "baclofen", "--colour", "auto")
    assert again.out == "Baclofen: nothing changed (the values given are the current ones).\n"


def test_list_and_json_show_the_look_and_whether_it_was_chosen(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "medication", "add", "tizanidine", "--colour",
               "yellow").code == 0
    listed = run("--diary", str(diary), "medication", "list").out.splitlines()
    assert listed[0].endswith(", look: blue round (automatic)")
    assert listed[1].endswith(", look: yellow square (shape automatic)")
    data = json.loads(run("--diary", str(diary), "medication", "list", "--json").out)
    assert [m["look"] for m in data["medications"]] == [
        {"colour": "blue", "shape": "round", "chosen": False},
        {"colour": "yellow", "shape": "square", "chosen": True},
    ]


@pytest.mark.parametrize(("argv", "message"), [
    (["--colour", "pink"], "argument --colour: 'pink' is not one of blue, orange, green, "
     "purple, sky (sky blue), vermilion (red), yellow, grey or auto"),
    (["--shape", "star"], "argument --shape: 'star' is not one of round, square, triangle, "
     "diamond, capsule, hexagon or auto"),
    (["--colour", ""], "argument --colour: '' is not one of"),
])
@pytest.mark.parametrize("command", ["add", "edit"])
def test_a_colour_or_shape_not_in_the_lists_is_refused(
        run: Run, diary: Path, command: str, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", command, "baclofen", *argv)
    assert result.code == 2
    assert result.err.count("\n") == 1 and message in result.err
    assert digest(diary) == before


def test_the_help_lists_the_choices(run: Run) -> None:
    result = run("medication", "edit", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert ("--colour COLOUR its colour in the window's lists, reminders and charts: blue, "
            "orange, green, purple, sky (sky blue), vermilion (red), yellow, grey or auto" in text)
    assert ("--shape SHAPE the shape of its pill there: round, square, triangle, diamond, "
            "capsule, hexagon or auto" in text)


def test_edit_with_nothing_to_change_names_the_look_options(run: Run, diary: Path) -> None:
    result = run("--diary", str(diary), "medication", "edit", "baclofen")
    assert "--note, --colour, --shape" in result.one_error_line()
