"""The `run` fixture: the program's main() in-process, with the test's clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from diary.app import main
from tests.cli.support import Result, Run


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: list[datetime]) -> Run:
    def invoke(*argv: str) -> Result:
        code = main(list(argv), clock=lambda: clock[0])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke
