"""The one error the domain raises for bad input (diary/domain/errors.py): it names the field,
so a form can point at it and an import at its column, and says why in words."""

from __future__ import annotations

import pytest

from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.domain.units import parse_amount


def test_it_names_the_field_and_says_why() -> None:
    error = ValidationError("amount", "must be more than 0")
    assert (error.field, error.message) == ("amount", "must be more than 0")
    assert str(error) == "amount: must be more than 0"


def test_it_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^score: is outside the scale$"):
        raise ValidationError("score", "is outside the scale")


def test_the_domain_raises_it_for_a_bad_value() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_amount("five", Unit.MG)
    assert refused.value.field == "amount" and refused.value.message
    assert str(refused.value) == f"{refused.value.field}: {refused.value.message}"
