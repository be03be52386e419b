"""The local zone keeps daylight-saving rules, so a time typed for summer gets the summer offset."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from diary import localzone
from diary.app import main
from diary.domain.templates import medication_from_template
from diary.storage.store import create_diary
from diary.storage.store import open_diary


@pytest.fixture(autouse=True)
def _fresh_zone_cache():
    localzone.local_zone.cache_clear()
    yield
    localzone.local_zone.cache_clear()


def test_tz_variable_names_the_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    zone = localzone.local_zone()
    assert datetime(2026, 7, 1, 8, tzinfo=zone).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 11, 1, 8, tzinfo=zone).utcoffset() == timedelta(hours=1)


def test_a_posix_tz_rule_is_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "CET-1")
    time.tzset()
    try:
        assert localzone.local_now().utcoffset() == timedelta(hours=1)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_summer_time_typed_in_winter_gets_the_summer_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 11, 26, 21, 0, tzinfo=paris)
    path = tmp_path / "p.diary"
    store = create_diary(path, clock=lambda: now)
    store.medications.add(medication_from_template("baclofen"))
    store.close()
    code = main(["--diary", str(path), "log", "dose", "baclofen", "5", "--at",
                 "2026-07-01T08:00"], clock=lambda: now)
    assert code == 0, capsys.readouterr().err
    store = open_diary(path)
    [intake] = store.intakes.between(date(2026, 7, 1), date(2026, 7, 1))
    assert intake.at.utcoffset() == timedelta(hours=2)
    assert intake.at.hour == 8
    store.close()
