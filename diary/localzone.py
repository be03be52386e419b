"""The system's time zone, with its daylight-saving rules.

A fixed offset taken from "now" would put a time typed for July, in November, an hour out; the
zone's rules give each instant its own offset.
"""

from __future__ import annotations

import functools
import os
from datetime import datetime
from datetime import tzinfo
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError

LOCALTIME = "/etc/localtime"


@functools.cache
def local_zone() -> tzinfo:
    """$TZ if it names a zone, else the system's zone file, else the current fixed offset."""
    key = os.environ.get("TZ", "").lstrip(":")
    if key:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            # A POSIX rule such as "CET-1": the C library reads it; follow it, not the zone file.
            return _offset_now()
    try:
        with open(LOCALTIME, "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        pass
    # Windows, or a system without a zone file: the offset in force now is the best there is.
    return _offset_now()


def _offset_now() -> tzinfo:
    offset = datetime.now().astimezone().tzinfo
    assert offset is not None
    return offset


def local_now() -> datetime:
    return datetime.now(local_zone())
