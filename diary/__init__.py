"""Medication Diary: a private, local diary of medication doses and symptom ratings."""

from __future__ import annotations


def installed_version() -> str:
    """The installed package's version, or 'unknown' (a bare checkout). importlib.metadata is
    imported only when the version is asked for: it would cost every start ~15 ms."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version

    try:
        return version("medication-diary")
    except PackageNotFoundError:
        return "unknown"
