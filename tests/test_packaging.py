"""The desktop entry and its icon install where a desktop looks for them, and name each other.

`Icon=medication-diary` resolves only through the icon theme (share/icons/hicolor/...), and
`Exec=` must be the console script the package installs; pyproject.toml's data-files put both
files under the install prefix (they stay package data too: the window loads its icon there).
"""

from __future__ import annotations

import configparser
import shlex
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from pathlib import PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPLICATIONS = "share/applications"
SCALABLE_ICONS = "share/icons/hicolor/scalable/apps"


@pytest.fixture(scope="module")
def pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def data_files(pyproject: dict) -> dict[str, list[str]]:
    return pyproject["tool"]["setuptools"]["data-files"]


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_every_data_file_exists(data_files: dict[str, list[str]]) -> None:
    assert set(data_files) == {APPLICATIONS, SCALABLE_ICONS}
    for target, sources in data_files.items():
        assert sources, target
        for source in sources:
            assert not PurePosixPath(source).is_absolute(), source
            assert (ROOT / source).is_file(), f"{target}: {source} does not exist"


def test_the_entry_names_the_installed_icon_and_the_console_script(
        pyproject: dict, data_files: dict[str, list[str]]) -> None:
    [entry_file] = data_files[APPLICATIONS]
    [icon_file] = data_files[SCALABLE_ICONS]
    assert entry_file.endswith(".desktop") and icon_file.endswith(".svg")
    entry = desktop_entry(ROOT / entry_file)
    assert entry["Type"] == "Application"
    assert entry["Icon"] == PurePosixPath(icon_file).stem
    scripts = pyproject["project"]["scripts"]
    assert shlex.split(entry["Exec"])[0] in scripts
    assert list(scripts) == ["medication-diary"]


def test_the_files_stay_package_data_for_the_window_icon(
        pyproject: dict, data_files: dict[str, list[str]]) -> None:
    setuptools = pyproject["tool"]["setuptools"]
    resources = Path(setuptools["package-dir"]["diary.resources"])
    patterns = setuptools["package-data"]["diary.resources"]
    for sources in data_files.values():
        for source in sources:
            path = Path(source)
            assert path.parent == resources, source
            assert any(fnmatch(path.name, pattern) for pattern in patterns), source


def test_every_package_folder_of_the_program_is_installed(pyproject: dict) -> None:
    """The package list is written out by hand (resources/ installs as diary.resources): a new
    folder left out of it imports in a checkout and fails in an installed program."""
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    folders = {".".join(init.parent.relative_to(ROOT).parts)
               for init in (ROOT / "diary").rglob("__init__.py")}
    assert folders - listed == set()
