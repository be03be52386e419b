"""Units and exact amounts.

Amounts are integers in thousandths of the medication's unit (5 mg -> 5000), so that sums and
comparisons are exact. This module parses what people type and formats amounts back.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from decimal import InvalidOperation
from enum import StrEnum
from fractions import Fraction

from diary.domain.errors import ValidationError

SCALE = 1000  # thousandths of the unit


class Unit(StrEnum):
    MG = "mg"
    MCG = "mcg"
    G = "g"
    ML = "ml"
    TABLET = "tablet"
    CAPSULE = "capsule"
    DROP = "drop"
    IU = "IU"
    PUFF = "puff"


# The most a single dose or a single day can plausibly hold, per unit. Anything above is a typing
# slip (500 for 5.00), never a dose: 5 g of an oral drug, half a litre, fifty tablets at once.
HARD_CEILING: dict[Unit, int] = {
    Unit.MG: 5_000 * SCALE,
    Unit.MCG: 100_000 * SCALE,
    Unit.G: 50 * SCALE,
    Unit.ML: 500 * SCALE,
    Unit.TABLET: 50 * SCALE,
    Unit.CAPSULE: 50 * SCALE,
    Unit.DROP: 200 * SCALE,
    Unit.IU: 1_000_000 * SCALE,
    Unit.PUFF: 50 * SCALE,
}

# Units in which people count pieces and may write "1/2" or "½".
COUNTED_UNITS = frozenset({Unit.TABLET, Unit.CAPSULE})

_ALIASES: dict[str, Unit] = {
    "mg": Unit.MG,
    "milligram": Unit.MG,
    "milligrams": Unit.MG,
    "mcg": Unit.MCG,
    "µg": Unit.MCG,
    "μg": Unit.MCG,
    "ug": Unit.MCG,
    "microgram": Unit.MCG,
    "micrograms": Unit.MCG,
    "g": Unit.G,
    "gram": Unit.G,
    "grams": Unit.G,
    "ml": Unit.ML,
    "millilitre": Unit.ML,
    "milliliter": Unit.ML,
    "millilitres": Unit.ML,
    "milliliters": Unit.ML,
    "tablet": Unit.TABLET,
    "tablets": Unit.TABLET,
    "tab": Unit.TABLET,
    "tabs": Unit.TABLET,
    "capsule": Unit.CAPSULE,
    "capsules": Unit.CAPSULE,
    "cap": Unit.CAPSULE,
    "caps": Unit.CAPSULE,
    "drop": Unit.DROP,
    "drops": Unit.DROP,
    "iu": Unit.IU,
    "puff": Unit.PUFF,
    "puffs": Unit.PUFF,
}

_VULGAR = {
    "½": Fraction(1, 2),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
}

_AMOUNT_RE = re.compile(
    r"^\s*(?P<number>[0-9]*[.,]?[0-9]*(?:\s*/\s*[0-9]+)?)\s*(?P<vulgar>[½¼¾⅓⅔])?\s*(?P<unit>[^\d\s].*?)?\s*$"
)


def parse_unit(text: str) -> Unit:
    """The unit named by `text` (case-insensitive, common spellings), or a ValidationError."""
    unit = _ALIASES.get(text.strip().lower())
    if unit is None:
        known = ", ".join(u.value for u in Unit)
        raise ValidationError("unit", f"unknown unit {text.strip()!r}; known units: {known}")
    return unit


def parse_amount(text: str, unit: Unit) -> int:
    """Parse what a person types ("5", "5 mg", "7,5", "½", "1/2 tablet") into thousandths of `unit`.

    A unit written in the text must be the medication's own unit: "5 ml" for a medication in mg is
    an error, never a conversion.
    """
    raw = text
    match = _AMOUNT_RE.match(text)
    if match is None or not (match.group("number") or match.group("vulgar")):
        raise ValidationError(
            "amount", f"{raw.strip()!r} is not an amount; type a number such as 5 or 7.5"
        )
    number, vulgar, written_unit = match.group("number"), match.group("vulgar"), match.group("unit")
    if written_unit:
        _check_written_unit(raw, written_unit, unit)
    value = _number(number.replace(" ", ""), raw, unit)
    if vulgar:
        if unit not in COUNTED_UNITS:
            raise ValidationError(
                "amount", f"fractions like {vulgar} are only for tablets and capsules"
            )
        value += _VULGAR[vulgar]
    return amount_from_fraction(value, unit, raw)


def _check_written_unit(raw: str, written: str, unit: Unit) -> None:
    """The unit typed after the number must be the medication's; say which mistake it is."""
    found = parse_unit_or_none(written)
    if found == unit:
        return
    if found is None and re.fullmatch(r"[eE][+-]?\d*(\s.*)?", written):
        # "1e3" is a number to Python but a typing slip to a person: never read it as 1000.
        raise ValidationError(
            "amount", f"{raw.strip()!r} is written as a power of ten; write the number in "
            "full, such as 1000"
        )
    if found is None and not written.strip().replace(" ", "").isalpha():
        # "1_000", "0x10", "1,5,": not a number followed by a unit at all.
        raise ValidationError(
            "amount", f"{raw.strip()!r} is not an amount; type a number such as 5 or 7.5"
        )
    raise ValidationError(
        "amount", f"{raw.strip()!r} is not in {unit.value}, the unit of this medication"
    )


def parse_unit_or_none(text: str) -> Unit | None:
    return _ALIASES.get(text.strip().lower())


def _number(text: str, raw: str, unit: Unit) -> Fraction:
    if not text:
        return Fraction(0)
    if "/" in text:
        if unit not in COUNTED_UNITS:
            raise ValidationError("amount", "fractions like 1/2 are only for tablets and capsules")
        num, _, den = text.partition("/")
        if not num or not num.isdigit() or int(den) == 0:
            raise ValidationError("amount", f"{raw.strip()!r} is not a fraction such as 1/2")
        return Fraction(int(num), int(den))
    whole, comma, decimals = text.partition(",")
    if comma and len(decimals) == 3 and whole.strip("0"):
        # "1,000 IU" is a thousand in one country and one in another: never guess which.
        raise ValidationError(
            "amount", f"{raw.strip()!r} is ambiguous; write {whole}{decimals} or {whole}.{decimals}"
        )
    try:
        return Fraction(Decimal(text.replace(",", ".")))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            "amount", f"{raw.strip()!r} is not a number such as 5 or 7.5"
        ) from None


def amount_from_fraction(value: Fraction, unit: Unit, shown: str | None = None) -> int:
    """Thousandths of `unit` for an exact value, checked against zero and the hard ceiling."""
    label = repr(shown.strip()) if shown is not None else str(float(value))
    thousandths = value * SCALE
    if thousandths.denominator != 1:
        # A third of a tablet is a real dose and rounds to 0.333; 0.0005 mg is a typing slip.
        if unit not in COUNTED_UNITS or round(thousandths) == 0:
            raise ValidationError("amount", f"{label} has more than three decimal places")
        thousandths = Fraction(round(thousandths))
    return check_amount(int(thousandths), unit)


def amount_from_float(value: float, unit: Unit) -> int:
    """Thousandths for a float from a script or file; NaN and infinity are refused."""
    if math.isnan(value) or math.isinf(value):
        raise ValidationError("amount", f"{value} is not an amount")
    return amount_from_fraction(Fraction(Decimal(repr(value))), unit, repr(value))


def check_amount(thousandths: int, unit: Unit) -> int:
    if thousandths <= 0:
        raise ValidationError("amount", "an amount must be more than zero")
    ceiling = HARD_CEILING[unit]
    if thousandths > ceiling:
        raise ValidationError(
            "amount",
            f"{format_amount(thousandths, unit)} is more than the {format_amount(ceiling, unit)} "
            "any single entry can hold; check the decimal point",
        )
    return thousandths


def format_number(thousandths: int) -> str:
    """Thousandths as a plain number with trailing zeros stripped: 7500 -> '7.5'."""
    sign = "-" if thousandths < 0 else ""
    whole, frac = divmod(abs(thousandths), SCALE)
    if frac == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac:03d}".rstrip("0")


def format_amount(thousandths: int, unit: Unit) -> str:
    """'7.5 mg', '1 tablet', '0.5 tablet'."""
    text = format_number(thousandths)
    name = unit.value
    if unit in (Unit.TABLET, Unit.CAPSULE, Unit.DROP, Unit.PUFF) and thousandths > SCALE:
        name += "s"
    return f"{text} {name}"
