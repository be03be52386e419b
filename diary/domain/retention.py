"""Which automatic backups to keep: when one is due, and the thinning of old ones.

The scheme of mature backup programs (borg's prune, Time Machine): every backup of today, and
the newest backup of each of the `daily` most recent days that have one, of each of the
`weekly` most recent weeks (Monday to Sunday) and of each of the `monthly` most recent months.
A person who finds a mistake made weeks ago still has a copy from before it, and the folder does
not grow without end. The newest backup is always kept, however old; a backup dated in the
future (the clock was wrong when it was taken) is never thinned, since its place in the scheme
cannot be known.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo

from diary.domain.errors import ValidationError

INTERVAL_CHOICES_MINUTES = (15, 30, 60, 120, 240, 480, 1440)


@dataclass(frozen=True)
class BackupPolicy:
    interval_minutes: int = 60  # a changed diary is backed up when its last backup is older
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)


LIMITS = {"interval_minutes": (5, 7 * 24 * 60), "daily": (0, 365), "weekly": (0, 260),
          "monthly": (0, 1200)}


def valid_policy(policy: BackupPolicy) -> BackupPolicy:
    for field, (low, high) in LIMITS.items():
        value = getattr(policy, field)
        if not low <= value <= high:
            raise ValidationError(field.replace("_", " "), f"must be from {low} to {high}, "
                                  f"not {value}")
    return policy


def backup_due(last: datetime | None, changed: bool, now: datetime,
               policy: BackupPolicy) -> bool:
    """A backup is due when something changed since the last one and that one is older than
    the interval (or there is none). A last backup from the future is treated as missing."""
    if not changed:
        return False
    return last is None or last > now or now - last >= policy.interval


def to_keep(taken: Iterable[datetime], now: datetime, tz: tzinfo,
            policy: BackupPolicy) -> set[datetime]:
    """The backup times (aware) to keep at `now`; calendar days, weeks and months are read in
    `tz`, the person's zone."""
    times = sorted(set(taken), reverse=True)
    if not times:
        return set()
    today = now.astimezone(tz).date()
    past = [t for t in times if t <= now]
    keep = {times[0]} | {t for t in times if t > now}
    keep |= {t for t in past if t.astimezone(tz).date() == today}
    keep |= _newest_per(past, tz, lambda d: d, policy.daily)
    keep |= _newest_per(past, tz, _week_start, policy.weekly)
    keep |= _newest_per(past, tz, _month_start, policy.monthly)
    return keep


def _newest_per(times: list[datetime], tz: tzinfo, bucket: Callable[[date], date],
                count: int) -> set[datetime]:
    """The newest time in each of the `count` most recent buckets (days, weeks, months) that
    hold a backup: a diary left alone for a season keeps its spread of copies."""
    newest: dict[date, datetime] = {}
    for t in times:  # newest first: the first seen in a bucket is its newest
        key = bucket(t.astimezone(tz).date())
        if key not in newest:
            if len(newest) == count:
                break
            newest[key] = t
    return set(newest.values())


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date) -> date:
    return day.replace(day=1)
