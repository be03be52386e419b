"""The window's preferences file, read by the command line without Qt: the same file, and the
same values, as QSettings writes them (diary/preferences.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from diary import preferences
from diary.domain.retention import BackupPolicy

WHERE_QT_WRITES = """
from PySide6.QtCore import QSettings
from diary.preferences import APPLICATION, ORGANIZATION
print(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                APPLICATION).fileName())
"""


def test_the_file_is_where_qsettings_keeps_the_windows_preferences(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", WHERE_QT_WRITES], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    expected = tmp_path / "config" / "medication-diary" / "medication-diary.ini"
    assert Path(done.stdout.strip()) == expected
    # The tests' own config folder (tests/conftest.py) is that same tmp_path / "config".
    assert preferences.preferences_file() == expected


def test_the_policy_qsettings_writes_is_the_policy_the_command_line_reads(tmp_path: Path) -> None:
    path = tmp_path / "medication-diary.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    chosen = BackupPolicy(interval_minutes=240, daily=3, weekly=2, monthly=6)
    for field, key in preferences.POLICY_KEYS.items():
        settings.setValue(key, getattr(chosen, field))
    settings.sync()
    assert preferences.backup_policy(path) == chosen


def test_a_missing_or_hand_broken_file_falls_back_value_by_value(tmp_path: Path) -> None:
    assert preferences.backup_policy(tmp_path / "none.ini") == BackupPolicy()
    broken = tmp_path / "broken.ini"
    broken.write_text("[backups]\nkeep_daily=lots\nkeep_weekly=9999\nkeep_monthly=2\n",
                      encoding="utf-8")
    assert preferences.backup_policy(broken) == BackupPolicy(monthly=2)
    garbage = tmp_path / "garbage.ini"
    garbage.write_bytes(b"\xff\xfe not an ini [[[")
    assert preferences.backup_policy(garbage) == BackupPolicy()
