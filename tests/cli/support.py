"""What the command-line tests share: the result of one in-process run, and file digests."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    code: int
    out: str
    err: str

    def one_error_line(self, start: str = "medication-diary: error: ") -> str:
        """The refusal's single stderr line (asserted to be exactly one, and no traceback)."""
        assert self.code == 1, (self.out, self.err)
        assert self.err.count("\n") == 1, self.err
        assert self.err.startswith(start), self.err
        assert self.out == "", self.out
        return self.err.strip()


Run = Callable[..., Result]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
