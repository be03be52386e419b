"""`medication archive / unarchive` from the command line: a medication hidden and brought
back, the plan it would stop refused without --lower-dose, two archived namesakes told apart
by id, and the list when every medication is archived.

In-process through `main([...])`; the clock is Thursday 26 November 2026, 21:00 in Paris. The
diary is test_medication.py's (`regimen_diary`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_medication import medication
from tests.cli.test_medication import regimen_diary
from tests.cli.test_medication import stored
from tests.helpers.cli import Run
from tests.helpers.cli import digest


@pytest.fixture
def diary(tmp_path: Path, clock: list[datetime]) -> Path:
    return regimen_diary(tmp_path / "person.diary", clock)


def test_archive_and_unarchive_a_medication(run: Run, diary: Path,
                                            clock: list[datetime]) -> None:
    result = run("--diary", str(diary), "medication", "archive", "Tizanidine")
    assert result.code == 0, result.err
    assert result.out.startswith("Archived Tizanidine: it no longer shows in 'today'")
    assert "warning" not in result.out  # no plan: nothing scheduled to stop
    assert medication(diary, clock, "Tizanidine").archived_at is not None
    before = digest(diary)
    refused = run("--diary", str(diary), "plan", "show", "tizanidine")
    assert refused.code == 0  # its plan can still be read
    refused = run("--diary", str(diary), "plan", "add", "tizanidine", "--from", "2026-11-27",
                  "--amount", "2", "--as-needed")
    assert ("the medication 'tizanidine' is archived; bring it back with 'medication unarchive "
            "tizanidine' first") in refused.one_error_line()
    assert digest(diary) == before
    result = run("--diary", str(diary), "medication", "unarchive", "tizanidine")
    assert result.code == 0, result.err
    assert result.out.startswith("Unarchived Tizanidine: mg, tablet, max 36 mg/day")
    assert medication(diary, clock, "Tizanidine").archived_at is None


def test_archiving_a_medication_whose_plan_runs_is_refused_with_the_label(
        run: Run, diary: Path, clock: list[datetime]) -> None:
    """Archiving stops every dose the plan schedules: refused with the before -> after and the
    label's warning unless --lower-dose confirms it; with it, the same is said as a warning."""
    before = digest(diary)
    refused = run("--diary", str(diary), "medication", "archive", "baclofen")
    line = refused.one_error_line("medication-diary: refused: ")
    assert ("Baclofen: this change lowers the planned dose from today: 60 mg/day → nothing (no "
            "dose planned). The baclofen label warns: \"Hallucinations and seizures") in line
    assert "run the command again with --lower-dose" in line
    assert digest(diary) == before
    result = run("--diary", str(diary), "medication", "archive", "baclofen", "--lower-dose")
    assert result.code == 0, result.err
    assert result.out.startswith("warning (lowered with --lower-dose): Baclofen: this change "
                                 "lowers the planned dose from today: 60 mg/day → nothing")
    assert medication(diary, clock, "Baclofen").archived_at is not None


def test_unarchive_chooses_by_id_when_two_share_a_name(run: Run, diary: Path,
                                                       clock: list[datetime]) -> None:
    for _ in range(2):
        assert run("--diary", str(diary), "medication", "archive", "tizanidine").code == 0
        assert run("--diary", str(diary), "medication", "add", "tizanidine").code == 0
    assert run("--diary", str(diary), "medication", "archive", "tizanidine").code == 0
    before = digest(diary)
    result = run("--diary", str(diary), "medication", "unarchive", "Tizanidine")
    assert ("3 archived medications are named 'Tizanidine'; give '#2' or '#3' or '#4' instead "
            "of the name") in result.one_error_line()
    assert digest(diary) == before
    assert run("--diary", str(diary), "medication", "unarchive", "#3").code == 0
    with stored(diary, clock) as store:
        assert [m.id for m in store.medications.all() if m.name == "Tizanidine"] == [3]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["archive", "aspirin"], "no medication named 'aspirin' (known: Baclofen, Tizanidine)"),
        (["unarchive", "baclofen"], "the medication 'Baclofen' is not archived"),
        (["unarchive", "aspirin"], "no archived medication named 'aspirin' (archived: none)"),
    ],
)
def test_archive_bad_names(run: Run, diary: Path, argv: list[str], message: str) -> None:
    before = digest(diary)
    result = run("--diary", str(diary), "medication", *argv)
    assert message in result.one_error_line()
    assert digest(diary) == before


def test_archived_twice_or_unarchived_over_an_active_namesake(run: Run, diary: Path) -> None:
    assert run("--diary", str(diary), "medication", "archive", "tizanidine").code == 0
    before = digest(diary)
    again = run("--diary", str(diary), "medication", "archive", "tizanidine")
    assert "the medication 'tizanidine' is archived" in again.one_error_line()
    assert digest(diary) == before
    assert run("--diary", str(diary), "medication", "add", "tizanidine").code == 0
    before = digest(diary)
    clash = run("--diary", str(diary), "medication", "unarchive", "tizanidine")
    assert "name: a medication named 'Tizanidine' already exists" in clash.one_error_line()
    assert digest(diary) == before


def test_list_says_when_the_only_medications_are_archived(run: Run, diary: Path) -> None:
    for name in ("tizanidine", "baclofen"):
        assert run("--diary", str(diary), "medication", "archive", name,
                   "--lower-dose").code == 0
    result = run("--diary", str(diary), "medication", "list")
    assert result.out == ("No active medications; 2 archived ones ('medication list --all' shows "
                          "them).\n")
