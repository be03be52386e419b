"""`medication-diary --diary PATH today`, as a person runs it; prints its seconds and peak
memory (the whole command: start-up, opening and checking the diary, reading today)."""

import contextlib
import io
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

started = time.perf_counter()
from diary.app import main  # noqa: E402 - imports are part of what a person waits for

with contextlib.redirect_stdout(io.StringIO()):
    code = main(["--diary", sys.argv[1], "today"])
elapsed = time.perf_counter() - started
assert code == 0
print(json.dumps({"seconds": elapsed,
                  "megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
