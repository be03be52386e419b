"""`medication-diary --diary PATH today`, as a person runs it (at the bench's fixed "now", the
demo diary's last day); prints its seconds and peak memory (the whole command: start-up, opening
and checking the diary, reading today) and how many full checks of the diary it ran."""

import contextlib
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))
from bench.diaries import NOW  # cheap: datetime only

started = time.perf_counter()
from fullcheck import watch  # noqa: E402
from peak import peak_megabytes  # noqa: E402

checks = watch(sys.argv[1])
from diary.app import main  # noqa: E402 - imports are part of what a person waits for

with contextlib.redirect_stdout(io.StringIO()):
    code = main(["--diary", sys.argv[1], "today"], clock=lambda: NOW)
elapsed = time.perf_counter() - started
assert code == 0
print(json.dumps({"seconds": elapsed, "full_checks": checks.count,
                  "megabytes": peak_megabytes()}))
