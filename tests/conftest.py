"""Shared test set-up: no display, no network, a fresh data folder for every test."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from diary.storage.store import DiaryStore, create_diary

PARIS_WINTER = timezone(timedelta(hours=1))
# A fixed "now" for every store in the tests: Thursday 26 November 2026, 21:00 in Paris.
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC).astimezone(PARIS_WINTER)


_NETWORK = (socket.AF_INET, socket.AF_INET6)


class _NoNetwork(socket.socket):
    """Local (AF_UNIX) sockets stay usable; anything that could leave the machine is refused."""

    def connect(self, address: object) -> None:
        if self.family in _NETWORK:
            raise RuntimeError("tests must not open network connections")
        super().connect(address)  # type: ignore[arg-type]

    def connect_ex(self, address: object) -> int:
        if self.family in _NETWORK:
            raise RuntimeError("tests must not open network connections")
        return super().connect_ex(address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data folder and settings, and no way to reach the network."""
    monkeypatch.setenv("MEDICATION_DIARY_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    yield


def _refuse(*args: object, **kwargs: object) -> None:
    raise RuntimeError("tests must not open network connections")


@pytest.fixture
def clock() -> list[datetime]:
    """A settable clock: tests move time with clock[0] = ..."""
    return [NOW]


@pytest.fixture
def store(tmp_path: Path, clock: list[datetime]) -> Iterator[DiaryStore]:
    diary = create_diary(tmp_path / "test.diary", clock=lambda: clock[0])
    yield diary
    diary.close()
