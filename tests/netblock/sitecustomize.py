"""Installs the tests' network block in every Python process a test starts.

tests/conftest.py puts this folder at the front of PYTHONPATH for each test; Python imports
sitecustomize at start-up, before the child's own code, so the child is blocked as the test
process is (see _diary_netblock.py), and exits with CHILD_EXIT_CODE if it tried.
"""

import importlib.machinery
import importlib.util
import os
import sys

import _diary_netblock

_diary_netblock.install(child=True)


def _run_the_next_sitecustomize() -> None:
    """A sitecustomize further along sys.path (a distribution's, a venv's) still runs."""
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None or spec.origin == os.path.abspath(__file__):
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


_run_the_next_sitecustomize()
