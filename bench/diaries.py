"""The deterministic demo diaries the benchmarks run on: twenty years and one month.

Each run works on its own copies, in its own temporary folder (the figures open them for writing,
and a window may leave backups beside them). The diaries themselves are built once and kept in
the temporary folder's `md-bench-diaries`, keyed by their days, seed and "now" and by the
program's own code (any change to it builds them again, since it may change what is written).
Twenty years take some seconds to build; a copy takes milliseconds. Delete that folder to build
them again regardless.

Importing this module is cheap (the scripts timed from their start import NOW from it): the
program's modules are imported only to build a diary.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=timezone(timedelta(hours=1)))
TWENTY_YEARS = 7300
ONE_MONTH = 30
SEED = 1
PROGRAM = Path(__file__).parents[1] / "diary"


def build(folder: Path, days: int) -> Path:
    """This run's own copy, in `folder`, of the demo diary of `days` days ending on NOW's day."""
    import shutil

    path = folder / f"demo-{days}d.sqlite"
    if not path.exists():
        shutil.copy(kept(days), path)  # the bytes and the mode (0600, as the program made it)
    return path


def kept(days: int) -> Path:
    """The demo diary of `days` days as built for the program's code as it is now."""
    import contextlib
    import os
    import shutil
    import tempfile

    folder = Path(tempfile.gettempdir()) / "md-bench-diaries"
    path = folder / f"demo-{days}d-{_key(days)}.sqlite"
    if path.exists():
        return path
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in folder.glob(f"demo-{days}d-*.sqlite"):  # built by an earlier version of the code
        with contextlib.suppress(OSError):
            stale.unlink()
    scratch = Path(tempfile.mkdtemp(prefix="building-", dir=folder))
    try:
        from diary.demo import build_demo  # the program, only when a diary is to be built

        built = scratch / path.name
        build_demo(built, days=days, seed=SEED, now=NOW)
        os.replace(built, path)  # whole or not at all, should another run look at the same time
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return path


def _key(days: int) -> str:
    import hashlib

    digest = hashlib.sha256(f"{days} {SEED} {NOW.isoformat()}".encode())
    for source in sorted(PROGRAM.rglob("*.py")):
        digest.update(str(source.relative_to(PROGRAM)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
