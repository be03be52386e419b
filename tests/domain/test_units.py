"""Amount parsing and formatting: exact thousandths, the medication's own unit, clear refusals."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.errors import ValidationError
from diary.domain.units import HARD_CEILING
from diary.domain.units import Unit
from diary.domain.units import amount_from_float
from diary.domain.units import format_amount
from diary.domain.units import format_number
from diary.domain.units import parse_amount
from diary.domain.units import parse_unit


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("5", Unit.MG, 5000),
        ("5 mg", Unit.MG, 5000),
        ("5mg", Unit.MG, 5000),
        (" 7.5 ", Unit.MG, 7500),
        ("7,5", Unit.MG, 7500),
        ("7,5 MG", Unit.MG, 7500),
        ("0.125", Unit.MG, 125),
        ("250 µg", Unit.MCG, 250000),
        ("½", Unit.TABLET, 500),
        ("1½", Unit.TABLET, 1500),
        ("1/2", Unit.TABLET, 500),
        ("1/2 tablet", Unit.TABLET, 500),
        ("2 tablets", Unit.TABLET, 2000),
        ("1/3", Unit.TABLET, 333),
        ("¼ caps", Unit.CAPSULE, 250),
        ("3 drops", Unit.DROP, 3000),
        ("1000 IU", Unit.IU, 1_000_000),
        ("10 ml", Unit.ML, 10000),
    ],
)
def test_parse_amount_accepts_what_people_type(text: str, unit: Unit, expected: int) -> None:
    assert parse_amount(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "reason"),
    [
        ("", Unit.MG, "not an amount"),
        ("   ", Unit.MG, "not an amount"),
        ("abc", Unit.MG, "not an amount"),
        ("0", Unit.MG, "more than zero"),
        ("0.0", Unit.MG, "more than zero"),
        ("-5", Unit.MG, "not an amount"),
        ("5 ml", Unit.MG, "not in mg"),
        ("5 tablets", Unit.MG, "not in mg"),
        ("5 kg", Unit.MG, "not in mg"),
        ("1e3", Unit.MG, "'1e3' is written as a power of ten; write the number in full"),
        ("2E-1 mg", Unit.MG, "written as a power of ten"),
        ("5e", Unit.MG, "written as a power of ten"),
        ("1_000", Unit.MG, "'1_000' is not an amount"),
        ("0x10", Unit.MG, "'0x10' is not an amount"),
        ("1,5,", Unit.MG, "'1,5,' is not an amount"),
        ("½", Unit.MG, "only for tablets"),
        ("1/2", Unit.MG, "only for tablets"),
        ("1/0", Unit.TABLET, "not a fraction"),
        ("0.0005", Unit.MG, "three decimal places"),
        ("5001", Unit.MG, "check the decimal point"),
        ("51", Unit.TABLET, "check the decimal point"),
        ("nan", Unit.MG, "not an amount"),
        ("inf", Unit.MG, "not an amount"),
        ("1.2.3", Unit.MG, "not"),
    ],
)
def test_parse_amount_refuses_with_a_reason(text: str, unit: Unit, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, unit)
    assert caught.value.field == "amount"
    assert reason in caught.value.message


@pytest.mark.parametrize("text", ["1,000", "2,500 IU", "10,000"])
def test_a_comma_before_three_digits_is_ambiguous(text: str) -> None:
    # A thousands separator in one country, a decimal comma in another: never guess.
    with pytest.raises(ValidationError, match="ambiguous"):
        parse_amount(text, Unit.IU)


def test_unambiguous_three_decimal_forms() -> None:
    assert parse_amount("0,125", Unit.MG) == 125
    assert parse_amount("1.000", Unit.MG) == 1000
    assert parse_amount("1000 IU", Unit.IU) == 1_000_000


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_floats_that_are_not_numbers_are_refused(value: float) -> None:
    with pytest.raises(ValidationError, match="not an amount"):
        amount_from_float(value, Unit.MG)


def test_float_amounts_are_exact() -> None:
    assert amount_from_float(0.1, Unit.MG) == 100
    assert amount_from_float(7.5, Unit.MG) == 7500


def test_each_unit_has_a_hard_ceiling_and_it_is_inclusive() -> None:
    for unit in Unit:
        ceiling = HARD_CEILING[unit]
        assert parse_amount(format_number(ceiling), unit) == ceiling
        with pytest.raises(ValidationError):
            parse_amount(format_number(ceiling + 1), unit)


def test_unknown_units_are_named() -> None:
    assert parse_unit("Milligrams") is Unit.MG
    with pytest.raises(ValidationError, match="unknown unit 'furlong'"):
        parse_unit("furlong")


@pytest.mark.parametrize(
    ("thousandths", "unit", "text"),
    [
        (5000, Unit.MG, "5 mg"),
        (7500, Unit.MG, "7.5 mg"),
        (125, Unit.MG, "0.125 mg"),
        (500, Unit.TABLET, "0.5 tablet"),
        (1000, Unit.TABLET, "1 tablet"),
        (2000, Unit.TABLET, "2 tablets"),
        (80000, Unit.MG, "80 mg"),
    ],
)
def test_format_strips_trailing_zeros(thousandths: int, unit: Unit, text: str) -> None:
    assert format_amount(thousandths, unit) == text


@given(st.integers(min_value=1, max_value=HARD_CEILING[Unit.MG]))
def test_formatting_then_parsing_gives_the_same_amount(thousandths: int) -> None:
    assert parse_amount(format_amount(thousandths, Unit.MG), Unit.MG) == thousandths


@given(
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([".", ","]),
)
def test_decimal_comma_and_point_agree(whole: int, frac: int, sep: str) -> None:
    text = f"{whole}{sep}{frac:02d}"
    expected = whole * 1000 + frac * 10
    if expected == 0 or expected > HARD_CEILING[Unit.MG]:
        with pytest.raises(ValidationError):
            parse_amount(text, Unit.MG)
    else:
        assert parse_amount(text, Unit.MG) == expected


@given(
    st.fractions(min_value=Fraction(1, 4), max_value=Fraction(20)).filter(
        lambda f: f.denominator in (1, 2, 4)
    )
)
def test_tablet_fractions_parse_exactly(value: Fraction) -> None:
    text = f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)
    assert parse_amount(text, Unit.TABLET) == int(value * 1000)
