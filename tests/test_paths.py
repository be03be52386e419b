"""Where diaries live (diary/paths.py): the data folder, from MEDICATION_DIARY_DIR or the
platform's, the default diary in it, folders made private, matplotlib's cache folder kept
private, and a path shown as a shell writes it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from diary import paths


def test_the_programs_cache_folder_is_private(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from diary import paths

    monkeypatch.setenv("MPLCONFIGDIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    paths.private_matplotlib_dir()
    ours = tmp_path / "cache" / "medication-diary"
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700
    assert stat.S_IMODE((ours / "matplotlib").stat().st_mode) == 0o700


def test_the_folder_set_by_the_variable_wins_and_a_tilde_is_the_home_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DIR_VARIABLE, "~/diaries")
    assert paths.data_dir() == Path.home() / "diaries"
    assert paths.default_diary() == Path.home() / "diaries" / "diary.sqlite"


def test_without_the_variable_the_platforms_user_data_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.DIR_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    if sys.platform.startswith("linux"):  # where XDG_DATA_HOME names it
        assert paths.data_dir() == tmp_path / "share" / "medication-diary"
    assert paths.data_dir().name == paths.APP_NAME


def test_a_private_folder_is_made_with_its_parents_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    assert paths.ensure_private_dir(folder) == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (folder / "diary.sqlite").write_text("x")
    paths.ensure_private_dir(folder)  # again: nothing in it is touched
    assert (folder / "diary.sqlite").read_text() == "x"


def test_a_matplotlib_folder_the_person_chose_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    paths.private_matplotlib_dir()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")
    assert not (tmp_path / "cache").exists()


def test_the_cache_folder_is_set_for_matplotlib_unless_it_cannot_be_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPLCONFIGDIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    paths.private_matplotlib_dir()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "cache" / "medication-diary" /
                                             "matplotlib")
    monkeypatch.delenv("MPLCONFIGDIR")
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    paths.private_matplotlib_dir()  # no cache is no reason to refuse to start
    assert "MPLCONFIGDIR" not in os.environ


@pytest.mark.skipif(os.name != "posix", reason="a path under the home folder starts with ~")
def test_a_path_under_the_home_folder_is_shown_from_a_tilde() -> None:
    home = Path.home()
    assert paths.shown(home / ".local" / "share" / "diary.sqlite") == \
        "~/.local/share/diary.sqlite"
    assert paths.shown(Path("/srv/shared/diary.sqlite")) == "/srv/shared/diary.sqlite"
