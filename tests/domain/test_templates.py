"""Medication templates: the labels' figures as editable defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from datetime import datetime

import pytest

from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.templates import BACLOFEN_WITHDRAWAL_WARNING
from diary.domain.templates import GENERIC_WITHDRAWAL_WARNING
from diary.domain.templates import TEMPLATES
from diary.domain.templates import find_template
from diary.domain.templates import medication_for_name
from diary.domain.templates import medication_from_template
from diary.domain.templates import saved_name
from diary.domain.templates import taper_off_warning
from diary.domain.templates import withdrawal_warning
from diary.domain.units import Unit
from diary.domain.validation import valid_medication


def test_baclofen_template_follows_the_label() -> None:
    med = medication_from_template("baclofen")
    assert (med.name, med.unit, med.form) == ("Baclofen", Unit.MG, "tablet")
    assert med.max_daily == 80_000  # 80 mg a day (20 mg four times a day)
    assert med.taper_required
    assert med.id is None  # a new medication, not saved yet


@pytest.mark.parametrize(
    ("name", "max_daily", "interval"),
    [("tizanidine", 36_000, 360), ("diazepam", 40_000, None)],
)
def test_other_templates_follow_their_labels(
    name: str, max_daily: int, interval: int | None
) -> None:
    med = medication_from_template(name)
    assert med.unit is Unit.MG
    assert med.max_daily == max_daily
    assert med.min_interval_minutes == interval
    assert med.taper_required


def test_template_names_are_forgiving() -> None:
    assert medication_from_template("  BACLOFEN ").name == "Baclofen"
    assert medication_from_template("Lioresal").name == "Baclofen"
    assert medication_from_template("Zanaflex").name == "Tizanidine"
    assert medication_from_template("valium").name == "Diazepam"


def test_unknown_template_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        medication_from_template("aspirin")
    assert caught.value.field == "template"
    assert "baclofen, diazepam, tizanidine" in caught.value.message


def test_templates_are_valid_medications() -> None:
    for key in TEMPLATES:
        med = medication_from_template(key)
        assert valid_medication(med) == med


def test_the_baclofen_label_is_quoted_faithfully() -> None:
    assert BACLOFEN_WITHDRAWAL_WARNING == (
        "Hallucinations and seizures have occurred on abrupt withdrawal of baclofen. Therefore, "
        "except for serious adverse reactions, the dose should be reduced slowly when the drug "
        "is discontinued."
    )


def test_withdrawal_warning_by_medication_name() -> None:
    def named(name: str) -> Medication:
        return Medication(name, Unit.MG, taper_required=True)

    assert BACLOFEN_WITHDRAWAL_WARNING in withdrawal_warning(named("Baclofen 10 mg"))
    assert "rebound hypertension" in withdrawal_warning(named("tizanidine"))
    assert "gradual taper" in withdrawal_warning(named("Diazepam"))
    assert withdrawal_warning(named("Gabapentin")) == GENERIC_WITHDRAWAL_WARNING


def test_find_template_matches_whole_words_only() -> None:
    assert find_template("Baclofen oral solution") is TEMPLATES["baclofen"]
    assert find_template("notbaclofen") is None


def test_templates_are_editable_defaults() -> None:
    med = medication_from_template("baclofen")
    edited = valid_medication(
        Medication(med.name, med.unit, max_daily=100_000, taper_required=False,
                   archived_at=datetime(2026, 1, 1, tzinfo=UTC))
    )
    assert edited.max_daily == 100_000
    assert medication_from_template("baclofen").max_daily == 80_000  # the template is untouched


@pytest.mark.parametrize(("typed", "saved"), [
    (" baclofen ", "Baclofen"), ("BACLOFEN", "Baclofen"), ("Lioresal", "Lioresal"),
    ("Baclofen 10 mg", "Baclofen 10 mg"), ("zanaflex", "zanaflex"), ("Gabapentin", "Gabapentin")])
def test_saved_name_spells_a_generic_name_as_the_template(typed: str, saved: str) -> None:
    assert saved_name(typed) == saved


@pytest.mark.parametrize(("name", "key"), [
    ("Baclofen", "baclofen"), ("Lioresal", "baclofen"), ("ozobax", "baclofen"),
    ("Tizanidine 4 mg", "tizanidine"), ("ZANAFLEX", "tizanidine"), ("Valium", "diazepam")])
def test_medication_for_name_takes_the_labels_values(name: str, key: str) -> None:
    template = TEMPLATES[key]
    med = medication_for_name(name)
    assert med is not None
    assert med.name == saved_name(name)
    assert (med.unit, med.form, med.max_daily, med.min_interval_minutes, med.taper_required,
            med.notes) == (template.unit, template.form, template.max_daily,
                           template.min_interval_minutes, template.taper_required, template.notes)
    assert med.id is None


def test_medication_for_name_in_another_unit_leaves_the_max_and_form_out() -> None:
    med = medication_for_name("Baclofen oral solution", Unit.ML)
    assert med is not None
    assert (med.unit, med.form, med.max_daily, med.taper_required) == (Unit.ML, "", None, True)
    same = medication_for_name("Baclofen", Unit.MG)
    assert same is not None and same.max_daily == 80_000


def test_medication_for_name_knows_nothing_of_other_names() -> None:
    assert medication_for_name("Gabapentin") is None
    assert medication_for_name("Gabapentin", Unit.MG) is None


@pytest.mark.parametrize("name", ["Lioresal®", "Baclofen/Lioresal", "baclofen,", "(Zanaflex)"])
def test_a_name_with_punctuation_still_finds_its_label(name: str) -> None:
    found = find_template(name)
    assert found is not None and found.key in {"baclofen", "tizanidine"}


@pytest.mark.parametrize("name", ["Lioresal Intrathecal", "baclofen intrathecal",
                                  "Diazepam rectal"])
def test_another_route_than_the_oral_labels_finds_none(name: str) -> None:
    assert find_template(name) is None


def test_turning_the_taper_off_a_label_medication_is_warned_of() -> None:
    baclofen = medication_from_template("baclofen")
    off = replace(baclofen, taper_required=False)
    warning = taper_off_warning(baclofen, off)
    assert warning is not None and "no longer be refused or asked about" in warning
    assert BACLOFEN_WITHDRAWAL_WARNING in warning
    assert taper_off_warning(off, baclofen) is None  # turning it on
    custom = Medication("Pain pill", Unit.MG, taper_required=True)
    assert taper_off_warning(custom, replace(custom, taper_required=False)) is None
