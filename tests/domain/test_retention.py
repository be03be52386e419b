"""When an automatic backup is due, and which old backups thinning keeps."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.domain.errors import ValidationError
from diary.domain.retention import BackupPolicy
from diary.domain.retention import backup_due
from diary.domain.retention import to_keep
from diary.domain.retention import valid_policy
from tests.helpers.clock import NOW

PARIS = timezone(timedelta(hours=1))
POLICY = BackupPolicy(interval_minutes=60, daily=3, weekly=2, monthly=2)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def test_a_backup_is_due_only_after_a_change_and_the_interval() -> None:
    hour_ago = NOW - timedelta(minutes=60)
    assert backup_due(None, True, NOW, POLICY)
    assert not backup_due(None, False, NOW, POLICY)  # nothing changed: nothing to keep
    assert backup_due(hour_ago, True, NOW, POLICY)
    assert not backup_due(hour_ago + timedelta(seconds=1), True, NOW, POLICY)
    assert not backup_due(hour_ago - timedelta(days=9), False, NOW, POLICY)
    assert backup_due(NOW + timedelta(days=1), True, NOW, POLICY)  # a clock that was wrong


def test_thinning_keeps_today_then_one_per_day_week_and_month() -> None:
    taken = [
        local(2026, 11, 26, 9), local(2026, 11, 26, 14), local(2026, 11, 26, 20),  # today
        local(2026, 11, 25, 8), local(2026, 11, 25, 22),  # yesterday: 22:00 is its newest
        local(2026, 11, 24, 10),  # the third day with a backup
        local(2026, 11, 23, 10),  # Monday: fourth day, beyond daily=3, but newest of its week
        local(2026, 11, 20, 10), local(2026, 11, 21, 10),  # last week: Saturday is its newest
        local(2026, 11, 11, 10),  # two weeks back: beyond weekly=2
        local(2026, 10, 30, 10), local(2026, 10, 3, 10),  # October's newest is the 30th
        local(2026, 9, 1, 10),  # beyond monthly=2
    ]
    kept = to_keep(taken, NOW, PARIS, POLICY)
    assert sorted(kept) == sorted([
        local(2026, 11, 26, 9), local(2026, 11, 26, 14), local(2026, 11, 26, 20),
        local(2026, 11, 25, 22), local(2026, 11, 24, 10),
        local(2026, 11, 21, 10),
        local(2026, 10, 30, 10),
    ])
    # The 23rd goes: beyond the three newest days, and this week's newest is today's.


def test_days_are_the_persons_days_not_utcs() -> None:
    # 00:30 in Paris on the 26th is 23:30 UTC on the 25th: it belongs to today.
    just_after_midnight = local(2026, 11, 26, 0, 30)
    earlier = local(2026, 11, 26, 0, 10)
    assert to_keep([earlier, just_after_midnight], NOW, PARIS,
                   BackupPolicy(daily=0, weekly=0, monthly=0)) == {earlier, just_after_midnight}
    assert to_keep([earlier, just_after_midnight], NOW, UTC,
                   BackupPolicy(daily=0, weekly=0, monthly=0)) == {just_after_midnight}


def test_the_newest_backup_is_kept_however_old() -> None:
    old = [local(2020, 1, 1, 10), local(2019, 1, 1, 10)]
    assert to_keep(old, NOW, PARIS, BackupPolicy(daily=0, weekly=0, monthly=0)) == {old[0]}


def test_a_diary_left_alone_keeps_its_spread() -> None:
    # Backups a day apart, then nothing for months: the last three days that had one are kept.
    taken = [local(2026, 3, day, 12) for day in range(1, 11)]
    kept = to_keep(taken, NOW, PARIS, BackupPolicy(daily=3, weekly=0, monthly=0))
    assert kept == {local(2026, 3, 10, 12), local(2026, 3, 9, 12), local(2026, 3, 8, 12)}


def test_backups_from_the_future_are_never_thinned() -> None:
    future = NOW + timedelta(days=40)
    assert future in to_keep([future, NOW - timedelta(days=1)], NOW, PARIS, POLICY)


@pytest.mark.parametrize(("field", "value"), [("interval_minutes", 4), ("daily", -1),
                                              ("weekly", 261), ("monthly", 1201)])
def test_impossible_settings_are_refused(field: str, value: int) -> None:
    with pytest.raises(ValidationError, match=field.replace("_", " ")):
        valid_policy(BackupPolicy(**{field: value}))


moments = st.lists(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 11, 26, 20)).map(
        lambda naive: naive.replace(tzinfo=PARIS)), max_size=60)
policies = st.builds(BackupPolicy, daily=st.integers(0, 10), weekly=st.integers(0, 6),
                     monthly=st.integers(0, 14))


@given(moments, policies)
def test_thinning_properties(taken: list[datetime], policy: BackupPolicy) -> None:
    kept = to_keep(taken, NOW, PARIS, policy)
    assert kept <= set(taken)
    if taken:
        assert max(taken) in kept
    assert {t for t in taken if t.date() == NOW.date()} <= kept
    today = len({t for t in taken if t.date() == NOW.date()})
    assert len(kept) <= today + policy.daily + policy.weekly + policy.monthly + 1
    assert to_keep(kept, NOW, PARIS, policy) == kept  # thinning again removes nothing more
