"""The one error type the domain raises for bad input."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value a person or a file supplied is not acceptable.

    `field` names what is wrong (amount, name, score...) so a form can highlight it and a CSV import
    can report the column; `message` says why in plain words.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
