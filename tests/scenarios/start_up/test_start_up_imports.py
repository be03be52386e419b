"""Opening an up-to-date diary does not import sqlite-utils (which pulls in numpy, ~160 ms of
start-up, see bench/); creating or upgrading one does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from diary.storage.store import create_diary

PROBE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import diary.app
    from diary.storage.store import create_diary, open_diary

    with open_diary(Path(sys.argv[1])) as store:
        from datetime import datetime, timedelta, timezone
        from diary.domain.entities import Event, EventKind
        an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
        store.events.add(Event(an_hour_ago, EventKind.OTHER, "written without sqlite-utils"))
    print("opened", "sqlite_utils" in sys.modules, "numpy" in sys.modules)
    create_diary(Path(sys.argv[2])).close()
    print("created", "sqlite_utils" in sys.modules)
    """
)


def test_opening_and_writing_need_no_sqlite_utils(tmp_path: Path) -> None:
    create_diary(tmp_path / "old.diary").close()
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "old.diary"),
                           str(tmp_path / "new.diary")], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines() == ["opened False False", "created True"]
