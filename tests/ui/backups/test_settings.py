"""Where this computer keeps each diary's backups and how often and how many (QSettings): one
entry per diary by its resolved path, the default folder beside the diary, and a policy read
back value by value."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diary.domain.errors import ValidationError
from diary.domain.retention import BackupPolicy
from diary.ui.backups.settings import backup_folder
from diary.ui.backups.settings import backup_policy
from diary.ui.backups.settings import folders_to_search
from diary.ui.backups.settings import known_identity
from diary.ui.backups.settings import remember_identity
from diary.ui.backups.settings import set_backup_folder
from diary.ui.backups.settings import set_backup_policy


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_without_a_choice_backups_go_beside_the_diary(settings: QSettings,
                                                       tmp_path: Path) -> None:
    diary = tmp_path / "people" / "ann.diary"
    assert backup_folder(settings, diary) == tmp_path / "people" / "backups"
    assert folders_to_search(settings, diary) == [tmp_path / "people" / "backups"]


def test_each_diary_keeps_its_own_folder(settings: QSettings, tmp_path: Path) -> None:
    ann, bob = tmp_path / "ann.diary", tmp_path / "bob.diary"
    drive = tmp_path / "drive"
    set_backup_folder(settings, ann, drive)
    assert backup_folder(settings, ann) == drive
    assert backup_folder(settings, bob) == tmp_path / "backups"  # not another person's choice
    # The same file by another spelling of its path is the same diary.
    assert backup_folder(settings, tmp_path / "sub" / ".." / "ann.diary") == drive
    assert folders_to_search(settings, ann) == [drive, tmp_path / "backups"]


@pytest.mark.parametrize("back_to", [None, "default"])
def test_the_default_folder_again_forgets_the_choice(settings: QSettings, tmp_path: Path,
                                                     back_to: str | None) -> None:
    diary = tmp_path / "ann.diary"
    set_backup_folder(settings, diary, tmp_path / "drive")
    set_backup_folder(settings, diary, None if back_to is None else tmp_path / "backups")
    assert backup_folder(settings, diary) == tmp_path / "backups"
    assert [key for key in settings.allKeys() if key.startswith("backups/folder_")] == []


def test_the_choice_is_on_disk_for_the_next_window(settings: QSettings, tmp_path: Path) -> None:
    diary = tmp_path / "ann.diary"
    set_backup_folder(settings, diary, tmp_path / "drive")
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert backup_folder(again, diary) == tmp_path / "drive"


def test_whose_diary_lives_at_a_path_is_remembered(settings: QSettings, tmp_path: Path) -> None:
    diary = tmp_path / "ann.diary"
    assert known_identity(settings, diary) is None
    remember_identity(settings, diary, None)  # a diary too damaged to say: nothing noted
    assert known_identity(settings, diary) is None
    remember_identity(settings, diary, "3f2a")
    assert known_identity(settings, diary) == "3f2a"
    assert known_identity(settings, tmp_path / "bob.diary") is None
    remember_identity(settings, diary, "77c1")  # another diary put at the same path
    assert known_identity(settings, diary) == "77c1"


def test_the_policy_is_the_default_until_one_is_saved(settings: QSettings) -> None:
    assert backup_policy(settings) == BackupPolicy()
    chosen = BackupPolicy(interval_minutes=240, daily=3, weekly=2, monthly=6)
    set_backup_policy(settings, chosen)
    assert backup_policy(settings) == chosen


def test_an_impossible_policy_is_refused_and_nothing_saved(settings: QSettings) -> None:
    with pytest.raises(ValidationError, match="interval minutes: must be from 5 to 10080"):
        set_backup_policy(settings, BackupPolicy(interval_minutes=1))
    assert settings.allKeys() == []
    assert backup_policy(settings) == BackupPolicy()


def test_a_value_edited_by_hand_into_nonsense_falls_back_alone(settings: QSettings) -> None:
    set_backup_policy(settings, BackupPolicy(daily=3, weekly=2))
    settings.setValue("backups/keep_weekly", "many")
    settings.setValue("backups/interval_minutes", 0)
    assert backup_policy(settings) == BackupPolicy(interval_minutes=60, daily=3, weekly=4)
