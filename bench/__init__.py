"""Benchmarks of Medication Diary against the floor of its stack, measured in the same run.

Run by hand: `python -m bench` (or `python -m bench --quick`); results go to bench/RESULTS.md.
One figure alone: `python -m bench --only window` (`--help` lists them).
Tests never assert on time: this is where time is measured.
"""
