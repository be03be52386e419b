"""Running one measurement script in fresh processes, several times, and taking the median."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).parent / "scripts"
# One cache folder for the run: the record of full checks passed (diary/storage/file/verified.py)
# lasts from one command to the next, as on a person's computer.
CACHE = tempfile.mkdtemp(prefix="md-bench-cache-")


@dataclass(frozen=True)
class Sample:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)


def child_env() -> dict[str, str]:
    """Offscreen Qt and private config and runtime folders, so nothing of the user's is touched."""
    env = dict(os.environ)
    # As a person's installation runs: with compiled bytecode cached (pip compiles it on install;
    # an editable checkout caches it on first run). Some shells here disable the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="md-bench-config-")
    env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="md-bench-run-")
    env["XDG_CACHE_HOME"] = CACHE
    env["MPLBACKEND"] = "Agg"
    return env


def run_script(name: str, *args: str, key: str = "seconds") -> float:
    """One fresh process running bench/scripts/<name>.py; it prints one JSON object last."""
    done = subprocess.run([sys.executable, str(SCRIPTS / f"{name}.py"), *args],
                          capture_output=True, text=True, env=child_env(), check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])[key])


def until_ready(name: str, *args: str) -> float:
    """Seconds from starting a fresh process until it prints 'ready' (its window painted):
    interpreter start-up and imports included, as a person waits for them."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(SCRIPTS / f"{name}.py"), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=child_env())
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait()
    if line.strip() != "ready":
        problem = child.stderr.read() if child.stderr else ""
        raise RuntimeError(f"{name} did not get ready: {line!r} {problem}")
    return elapsed


def repeat(times: int, measure: object, *args: object, **kwargs: str) -> Sample:
    assert callable(measure)
    return Sample([measure(*args, **kwargs) for _ in range(times)])
