"""The program's own medications.csv and symptoms.csv read beside an imported intakes.csv or
ratings.csv (diary/csv/settings.py): what is created takes their settings, only for what is new;
they are read with the care of any imported file, and another program's file of that name is
not read."""

from __future__ import annotations

import contextlib
import csv
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from diary.csv import exporting as csv_out
from diary.csv.importing import CsvImportError
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.units import Unit
from diary.storage.store import DiaryStore
from diary.storage.store import create_diary
from tests.csv.support import CET
from tests.csv.support import custom_export
from tests.csv.support import plan
from tests.csv.support import rewrite
from tests.csv.support import run_import
from tests.csv.support import symptoms
from tests.helpers.clock import NOW


def test_settings_come_from_medications_csv_beside_only_for_new_medications(
        tmp_path: Path) -> None:
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        mine = new.medications.add(Medication("Night drops", Unit.ML, max_daily=20_000))

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == "medications.csv"
        assert "Night drops" not in [m.name for m in found.created]
        assert new.medications.get(mine.id or 0).max_daily == 20_000
        baclofen = next(m for m in found.created if m.name == "Baclofen")
        assert baclofen == replace(demo.medications.named("Baclofen"), id=None)


def test_without_the_file_beside_new_medications_get_the_files_unit_only(
        tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        (folder / "medications.csv").unlink()

        found = plan(new, folder / "intakes.csv", create_medications=True)

        drops = next(m for m in found.created if m.name == "Night drops")
        assert (drops.unit, drops.max_daily, drops.min_interval_minutes) == (Unit.ML, None, None)
        assert found.settings_from == ""


def test_a_bad_line_in_medications_csv_beside_refuses_the_import(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        text = (folder / "medications.csv").read_text(encoding="utf-8-sig")
        (folder / "medications.csv").write_text(
            text.replace('"12.5"', '"lots"').replace('"360"', '"6h"'), encoding="utf-8-sig")
        counts = new.counts()
        line = next(n for n, text in enumerate(text.splitlines(), start=1) if "Night" in text)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "intakes.csv", create_medications=True)

        assert refused.value.summary == ("medications.csv, which the import reads beside the "
                                         "file, has 1 bad line; nothing was imported")
        assert refused.value.details == [
            f"medications.csv:{line}: column max_daily: 'lots' is not an amount; type a number "
            "such as 5 or 7.5"]
        assert new.counts() == counts and new.medications.all(include_archived=True) == []


def test_medications_csv_resaved_by_a_spreadsheet_is_still_read(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        path = folder / "medications.csv"
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
        with path.open("w", encoding="cp1252", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(lines)

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == "medications.csv"
        assert next(m for m in found.created if m.name == "Night drops") == replace(
            demo.medications.named("Night drops"), id=None)


def test_a_bad_line_in_symptoms_csv_beside_refuses_the_import(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        path = folder / "symptoms.csv"
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        line = next(n for n, text in enumerate(lines, start=1) if "Never rated" in text)
        path.write_text("".join(lines).replace('"Never rated","4"', '"Never rated","5"'),
                        encoding="utf-8-sig")
        before = symptoms(new)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert refused.value.summary == ("symptoms.csv, which the import reads beside the "
                                         "file, has 1 bad line; nothing was imported")
        assert refused.value.details == [f"symptoms.csv:{line}: column scale_max: '5' is not a "
                                         "scale's maximum: 10 or 4"]
        assert symptoms(new) == before


def test_another_programs_medications_csv_beside_is_not_read(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        (folder / "medications.csv").write_text("Name,Strength\nNight drops,lots\n")

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == ""
        assert {m.name for m in found.created} >= {"Night drops", "Baclofen"}


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            {"Night drops": {"archived": "2099-01-01T00:00:00+00:00"}},
            "column archived: 2099-01-01T00:00:00+00:00 is in the future",
        ),
        (
            {"Old spray": {"name": "Night drops", "archived": ""}},
            "column name: Night drops is active on line",
        ),
    ],
)
def test_medications_csv_that_no_diary_could_hold_is_refused(
    tmp_path: Path, change: dict[str, dict[str, str]], detail: str
) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        rewrite(folder / "medications.csv", change)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "intakes.csv")

        assert detail in " ".join([refused.value.summary, *refused.value.details])
        assert new.medications.all(include_archived=True) == []


def test_a_side_file_that_cannot_be_used_is_named_as_such(tmp_path: Path) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        (folder / "symptoms.csv").write_text("")

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert refused.value.summary == (
            "symptoms.csv, which the import reads beside ratings.csv, cannot be used: it is "
            "empty; move it away to import without it, or export the diary again"
        )


def test_symptoms_csv_with_a_name_twice_is_refused(tmp_path: Path) -> None:
    with (
        custom_export(tmp_path) as (_, folder),
        contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new,
    ):
        rewrite(folder / "symptoms.csv", {"Never rated": {"name": "Bladder urgency"}})
        before = symptoms(new)

        with pytest.raises(CsvImportError, match="column name: Bladder urgency is on line"):
            plan(new, folder / "ratings.csv", create_symptoms=True)

        assert symptoms(new) == before


def test_the_exports_medications_csv_wins_over_the_label(store: DiaryStore,
                                                         tmp_path: Path) -> None:
    """A Baclofen whose own settings say no max and no taper keeps them through a round trip:
    the export's medications.csv is the person's choice, the label only a default."""
    med = store.medications.add(Medication("Baclofen", Unit.MG, form="",
                                          min_interval_minutes=240))
    assert med.id is not None and med.max_daily is None and not med.taper_required
    store.intakes.add(Intake(med.id, datetime(2026, 11, 20, 8, 0, tzinfo=CET), 5000))
    csv_out.export_csv(store, tmp_path / "csv")

    with contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        run_import(new, tmp_path / "csv" / "intakes.csv", create_medications=True)

        [made] = new.medications.all()
        assert (made.name, made.max_daily, made.min_interval_minutes, made.taper_required,
                made.notes) == ("Baclofen", None, 240, False, "")


def test_new_medications_take_their_look_from_medications_csv(tmp_path: Path) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        rewrite(folder / "medications.csv", {"Night drops": {"colour": "grey", "shape": "Hexagon"}})

        run_import(new, folder / "intakes.csv", create_medications=True)

        made = {m.name: m for m in new.medications.all(include_archived=True)}
        drops = made["Night drops"]
        assert (drops.colour, drops.shape) == (Colour.GREY, Shape.HEXAGON)
        assert {(m.colour, m.shape) for name, m in made.items() if name != "Night drops"} == {
            (None, None)}


def test_medications_csv_exported_before_the_look_is_still_read(tmp_path: Path) -> None:
    """Its header without colour and shape: still the program's own file, read for the
    settings (the look then comes from the new id), and still not imported on its own."""
    with custom_export(tmp_path) as (demo, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        path = folder / "medications.csv"
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
        assert lines[0][-2:] == ["colour", "shape"]
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(line[:-2] for line in lines)

        found = plan(new, folder / "intakes.csv", create_medications=True)

        assert found.settings_from == "medications.csv"
        drops = next(m for m in found.created if m.name == "Night drops")
        assert drops == replace(demo.medications.named("Night drops"), id=None)
        assert (drops.colour, drops.shape, drops.max_daily) == (None, None, 12_500)
        with pytest.raises(CsvImportError, match=r"is the program's medications\.csv, which "
                           "is not imported"):
            plan(new, path)


@pytest.mark.parametrize(("change", "detail"), [
    ({"colour": "pink"}, "column colour: 'pink' is not one of blue, orange, green, purple, "
     "sky, vermilion, yellow, grey"),
    ({"shape": "Star"}, "column shape: 'Star' is not one of round, square, triangle, diamond, "
     "capsule, hexagon"),
])
def test_a_look_not_in_the_lists_refuses_the_import_naming_line_and_column(
        tmp_path: Path, change: dict[str, str], detail: str) -> None:
    with custom_export(tmp_path) as (_, folder), \
            contextlib.closing(create_diary(tmp_path / "new.diary", clock=lambda: NOW)) as new:
        rewrite(folder / "medications.csv", {"Night drops": change})
        text = (folder / "medications.csv").read_text(encoding="utf-8-sig")
        line = next(n for n, text in enumerate(text.splitlines(), start=1) if "Night" in text)

        with pytest.raises(CsvImportError) as refused:
            plan(new, folder / "intakes.csv", create_medications=True)

        assert refused.value.details == [f"medications.csv:{line}: {detail}"]
        assert new.medications.all(include_archived=True) == []
