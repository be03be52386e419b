"""The damaged-diary fuzzer's session fixture: the diaries and their pristine outputs."""

from tests.scenarios.fuzz.damaged_world import world

__all__ = ["world"]
