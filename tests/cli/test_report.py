"""`report` on the command line: the PDF of a range of diary days, on a read-only diary too."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pypdf
import pytest

from tests.helpers.cli import Run
from tests.helpers.cli import digest
from tests.helpers.clock import PARIS_WINTER

SHORT = ("--no-charts", "--no-log")  # page 1 alone: quick


@pytest.fixture
def diary(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite"
    assert run("demo", "--out", str(path), "--days", "20").code == 0
    return path


def test_a_report_of_the_last_90_days_by_default(run: Run, diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    result = run("--diary", str(diary), "report", "-o", str(target))
    assert result.code == 0, result.err
    pages = pypdf.PdfReader(target).pages
    log_pages = result.out.split("chart pages, ")[1].split(" daily log")[0]
    assert result.out == (f"Wrote {target}: {len(pages)} pages (1 summary page, 4 chart pages, "
                          f"{log_pages} daily log pages), A4, diary days 2026-08-29 to "
                          "2026-11-26\n")
    assert "Diary days Sat 29 Aug 2026 to Thu 26 Nov 2026 (90 days;" in \
        " ".join(pages[0].extract_text().split())
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_read_only_letter_paper_and_chosen_days(run: Run, diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    result = run("--diary", str(diary), "--read-only", "report", "--from", "2026-11-10",
                 "--to", "2026-11-20", "-o", str(target), "--paper", "letter", *SHORT)
    assert result.code == 0, result.err
    assert result.out == (f"Wrote {target}: 1 page (1 summary page), US Letter, diary days "
                          "2026-11-10 to 2026-11-20\n")
    page = pypdf.PdfReader(target).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612.0, 792.0)
    assert "Diary days Tue 10 Nov 2026 to Fri 20 Nov 2026 (11 days;" in \
        " ".join(page.extract_text().split())


def test_an_existing_file_is_refused(run: Run, diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF- someone else's")
    before = digest(target)
    line = run("--diary", str(diary), "report", "-o", str(target), *SHORT).one_error_line()
    assert line == (f"medication-diary: error: {target} already exists; choose another file "
                    "name (nothing was written)")
    assert digest(target) == before


@pytest.mark.parametrize(("options", "message"), [
    (("--from", "2026-11-20", "--to", "2026-11-10"),
     "--from: 2026-11-20 is after --to 2026-11-10; the range would be empty"),
    (("--from", "2026-12-01"), "--from: 2026-12-01 is after --to 2026-11-26; the range would be "
                               "empty"),
    (("--from", "1950-01-01", "--to", "2026-01-01"),
     "--from: the range from 1950-01-01 to 2026-01-01 is longer than twenty years; choose a "
     "shorter range"),
])
def test_bad_ranges_are_refused(run: Run, diary: Path, tmp_path: Path,
                                options: tuple[str, ...], message: str) -> None:
    target = tmp_path / "report.pdf"
    line = run("--diary", str(diary), "report", *options, "-o", str(target)).one_error_line()
    assert line == f"medication-diary: error: {message}"
    assert not target.exists()


def test_a_date_not_written_as_one_is_a_usage_error(run: Run, diary: Path,
                                                    tmp_path: Path) -> None:
    result = run("--diary", str(diary), "report", "--to", "26/11/2026", "-o",
                 str(tmp_path / "r.pdf"))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "argument --to: '26/11/2026' is not a date; use YYYY-MM-DD" in result.err


def test_a_folder_or_a_missing_folder_is_named(run: Run, diary: Path, tmp_path: Path) -> None:
    line = run("--diary", str(diary), "report", "-o", str(tmp_path), *SHORT).one_error_line()
    assert line == (f"medication-diary: error: {tmp_path} is a folder; give the name of a new "
                    f"PDF file, such as {tmp_path / 'report.pdf'}")
    missing = tmp_path / "nowhere" / "r.pdf"
    line = run("--diary", str(diary), "report", "-o", str(missing), *SHORT).one_error_line()
    assert line == f"medication-diary: error: {missing.parent}: there is no such file or folder"


def test_a_chosen_baseline_before_the_range(run: Run, diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "baseline.pdf"
    result = run("--diary", str(diary), "report", "--from", "2026-11-14", "--to", "2026-11-26",
                 "--baseline-from", "2026-11-07", "--baseline-to", "2026-11-09", "-o",
                 str(target), *SHORT)
    assert result.code == 0, result.err
    page = " ".join(pypdf.PdfReader(target).pages[0].extract_text().split())
    assert "at baseline (chosen for this report, 7–9 Nov 2026)" in page
    assert "in the recent days (20–26 Nov 2026)" in page


@pytest.mark.parametrize(("options", "message"), [
    (("--baseline-from", "2026-11-07"),
     "--baseline-from: give --baseline-to too: a baseline is a first and a last day"),
    (("--baseline-to", "2026-11-09"),
     "--baseline-to: give --baseline-from too: a baseline is a first and a last day"),
    (("--baseline-from", "2026-11-09", "--baseline-to", "2026-11-07"),
     "--baseline-from: the baseline ends on 2026-11-07 before it starts on 2026-11-09"),
    (("--baseline-from", "2026-11-15", "--baseline-to", "2026-11-21"),
     "--baseline-from: the baseline (2026-11-15 to 2026-11-21) must end before the recent days, "
     "which begin on 2026-11-20"),
])
def test_a_baseline_that_cannot_be_compared_is_refused(
    run: Run, diary: Path, tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "report.pdf"
    line = run("--diary", str(diary), "report", *options, "-o", str(target),
               *SHORT).one_error_line()
    assert line == f"medication-diary: error: {message}"
    assert not target.exists()


def test_a_last_day_after_today_is_refused(run: Run, diary: Path, tmp_path: Path) -> None:
    """Days that have not happened would count as days without a dose: --to is today at the
    latest, and today is the diary day, which at 02:00 is still the day before."""
    target = tmp_path / "report.pdf"
    line = run("--diary", str(diary), "report", "--to", "2026-12-10", "-o", str(target),
               *SHORT).one_error_line()
    assert line == ("medication-diary: error: --to: 2026-12-10 is after today, 2026-11-26; "
                    "choose today or an earlier day")
    assert not target.exists()


def test_today_is_the_diary_day(run: Run, diary: Path, tmp_path: Path,
                                clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 27, 2, 0, tzinfo=PARIS_WINTER)  # before the 04:00 day start
    target = tmp_path / "report.pdf"
    line = run("--diary", str(diary), "report", "--to", "2026-11-27", "-o", str(target),
               *SHORT).one_error_line()
    assert line == ("medication-diary: error: --to: 2026-11-27 is after today, 2026-11-26; "
                    "choose today or an earlier day")
    result = run("--diary", str(diary), "report", "--to", "2026-11-26", "-o", str(target), *SHORT)
    assert result.code == 0, result.err
    assert result.out.endswith("diary days 2026-08-29 to 2026-11-26\n")


def test_matplotlibs_cache_is_private_and_ours(diary: Path, tmp_path: Path) -> None:
    """Before (issue 17) `report` made ~/.cache/matplotlib and ~/.config/matplotlib, 644/755.
    In a process of its own, with a home of its own, as a person runs it."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("XDG_") and key != "MPLCONFIGDIR"}
    env["HOME"] = str(home)
    target = tmp_path / "report.pdf"
    done = subprocess.run([sys.executable, "-m", "diary", "--diary", str(diary), "report",
                           "-o", str(target), *SHORT], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    ours = home / ".cache" / "medication-diary" / "matplotlib"
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700
    assert any(ours.iterdir())  # matplotlib's font cache went there
    assert not (home / ".cache" / "matplotlib").exists()
    assert not (home / ".config" / "matplotlib").exists()
