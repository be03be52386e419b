"""Shared test set-up: no display, no network, a fresh data folder for every test."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

# Before anything imports Qt: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from diary.storage.store import DiaryStore
from diary.storage.store import create_diary

# pytester runs a test session inside a test: tests/test_no_network.py uses it to show that an
# attempt the code under test swallows still fails the test.
pytest_plugins = ["pytester", "tests.helpers.dialogs"]

from tests.helpers.clock import NOW  # noqa: E402

# The network block (tests/netblock/_diary_netblock.py): an audit hook, installed here before any
# test module is imported, that refuses every non-Unix socket, name resolution, and Qt's network
# classes, and records each attempt. Loaded under one module name only, whether or not this
# process is itself a child that sitecustomize already blocked.
NETBLOCK_DIR = Path(__file__).resolve().parent / "netblock"


def _load_netblock() -> ModuleType:
    name = "_diary_netblock"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, NETBLOCK_DIR / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


netblock = _load_netblock()
netblock.install(child=False)
NetworkBlocked = netblock.NetworkBlocked

# Attempts made outside any test (collection, a session fixture): they fail the whole run.
_outside_tests: list[object] = []


def _children_blocked_too() -> str:
    """PYTHONPATH for the processes a test starts: sitecustomize.py installs the block there."""
    inherited = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    return os.pathsep.join([str(NETBLOCK_DIR), *inherited])


@pytest.fixture(scope="session")
def _matplotlib_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One matplotlib folder for the whole run: its font cache is built once, not by every
    process a test starts (the program makes its own private one: diary/paths.py)."""
    return tmp_path_factory.mktemp("matplotlib")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              _matplotlib_dir: Path) -> Iterator[None]:
    """Every test gets its own data, settings and cache folders, and no way to reach the network.

    Any attempt at the network during the test, or in a process it started, is refused; one
    the code under test caught and swallowed still fails the test here, in teardown.
    """
    monkeypatch.setenv("MEDICATION_DIARY_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # The record of full checks passed (diary/storage/file/verified.py) is the test's own.
    # Beside tmp_path, not in it: tests look at what a command leaves in their folder.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.with_name(f"{tmp_path.name}-cache")))
    monkeypatch.setenv("MPLCONFIGDIR", str(_matplotlib_dir))
    monkeypatch.setenv("PYTHONPATH", _children_blocked_too())
    _outside_tests.extend(netblock.take())
    yield
    attempts = netblock.take()
    if attempts:
        listed = "\n\n".join(str(attempt) for attempt in attempts)
        pytest.fail(f"the test attempted network access {len(attempts)} time(s), refused "
                    f"(caught or not):\n\n{listed}", pytrace=False)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stray = [*_outside_tests, *netblock.take()]
    _outside_tests.clear()
    if not stray:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"network access attempted outside any test, refused: {len(stray)}",
                            red=True)
        for attempt in stray:
            reporter.write_line(str(attempt))
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def clock() -> list[datetime]:
    """A settable clock: tests move time with clock[0] = ..."""
    return [NOW]


@pytest.fixture
def store(tmp_path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    diary = create_diary(tmp_path / "test.diary", clock=lambda: clock[0])
    yield diary
    diary.close()
