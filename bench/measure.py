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
# lasts from one command to the next, as on a person's computer. Figures that measure the cost of
# opening a diary keep a Home of their own instead, so that which of them ran first matters not.
CACHE = tempfile.mkdtemp(prefix="md-bench-cache-")


@dataclass(frozen=True)
class Home:
    """A person's cache and config folders, kept from one process to the next: the first open of
    a diary in it is the day's first (the full check runs and is recorded), later ones are not."""

    cache: str
    config: str


def new_home() -> Home:
    return Home(tempfile.mkdtemp(prefix="md-bench-cache-"),
                tempfile.mkdtemp(prefix="md-bench-config-"))


@dataclass(frozen=True)
class Sample:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)


def child_env(home: Home | None = None) -> dict[str, str]:
    """Offscreen Qt and private config and runtime folders, so nothing of the user's is touched:
    the run's cache and a fresh config folder, or those of `home`."""
    env = dict(os.environ)
    # As a person's installation runs: with compiled bytecode cached (pip compiles it on install;
    # an editable checkout caches it on first run). Some shells here disable the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = home.config if home else tempfile.mkdtemp(prefix="md-bench-config-")
    env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="md-bench-run-")
    env["XDG_CACHE_HOME"] = home.cache if home else CACHE
    env["MPLBACKEND"] = "Agg"
    return env


def run_json(name: str, *args: str, home: Home | None = None) -> dict[str, float]:
    """One fresh process running bench/scripts/<name>.py; the JSON object it prints last."""
    done = subprocess.run([sys.executable, str(SCRIPTS / f"{name}.py"), *args],
                          capture_output=True, text=True, env=child_env(home), check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(found, dict)
    return found


def run_script(name: str, *args: str, key: str = "seconds", home: Home | None = None) -> float:
    """One fresh process running bench/scripts/<name>.py; it prints one JSON object last."""
    return float(run_json(name, *args, home=home)[key])


def window_json(name: str, *args: str, home: Home | None = None) -> dict[str, float]:
    """Seconds from starting a fresh process until it prints 'ready' (its window painted):
    interpreter start-up and imports included, as a person waits for them; with whatever the
    script prints as a JSON object on its last line once its window has closed."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(SCRIPTS / f"{name}.py"), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=child_env(home))
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    rest, problem = child.communicate()
    if line.strip() != "ready" or child.returncode != 0:
        raise RuntimeError(f"{name} did not get ready or failed: {line!r} {problem}")
    lines = rest.strip().splitlines()
    found = json.loads(lines[-1]) if lines else {}
    assert isinstance(found, dict)
    return {**found, "seconds": elapsed}


def until_ready(name: str, *args: str, home: Home | None = None) -> float:
    """Seconds from starting a fresh process until its window is painted (window_json)."""
    return window_json(name, *args, home=home)["seconds"]


def repeat(times: int, measure: object, *args: object, **kwargs: object) -> Sample:
    assert callable(measure)
    return Sample([measure(*args, **kwargs) for _ in range(times)])


def repeat_json(times: int, measure: object, *args: object, **kwargs: object
                ) -> list[dict[str, float]]:
    """`times` runs of a measure that returns a JSON object (run_json, window_json)."""
    assert callable(measure)
    return [measure(*args, **kwargs) for _ in range(times)]


def interleaved(times: int, measure: object, first: tuple[object, ...],
                second: tuple[object, ...], **kwargs: object
                ) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """`times` runs each of a JSON measure with two sets of arguments, taken in turn, so that a
    machine growing busier or quieter during the runs weighs on both sides of their ratio."""
    assert callable(measure)
    ones: list[dict[str, float]] = []
    others: list[dict[str, float]] = []
    for _ in range(times):
        ones.append(measure(*first, **kwargs))
        others.append(measure(*second, **kwargs))
    return ones, others


def sample(found: list[dict[str, float]], key: str) -> Sample:
    return Sample([float(one[key]) for one in found])
