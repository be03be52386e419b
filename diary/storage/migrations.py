"""The migrations of the diary's schema, through sqlite-utils' Migrations: each in its own
savepoint, all the pending ones of an upgrade in one transaction (store._migrate), so an upgrade
happens whole or not at all; each bumps `user_version` so that a newer file is recognised from
its header alone.

Imported only to create or upgrade a diary (see schema.py for why).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from diary.storage.schema import KNOWN
from diary.storage.schema import MIGRATION_SET
from diary.storage.schema import MIGRATIONS_TABLE
from diary.storage.schema import V1
from diary.storage.schema import V2
from diary.storage.schema import V3
from diary.storage.schema import V4
from diary.storage.schema import statements

migrations = Migrations(MIGRATION_SET)


def _run(db: Database, script: str) -> None:
    for statement in statements(script):
        db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    _run(db, V1)
    db.execute("PRAGMA user_version = 1")


@migrations(name="0002_seal")
def _seal(db: Database) -> None:
    _run(db, V2)
    db.execute("PRAGMA user_version = 2")


@migrations(name="0003_step_recorded")
def _step_recorded(db: Database) -> None:
    _run(db, V3)
    db.execute("PRAGMA user_version = 3")


@migrations(name="0004_looks_and_person")
def _looks_and_person(db: Database) -> None:
    _run(db, V4)
    db.execute("PRAGMA user_version = 4")


def names(migration_set: Migrations) -> tuple[str, ...]:
    return tuple(m.name for m in migration_set._migrations)


if names(migrations) != KNOWN or migrations.migrations_table != MIGRATIONS_TABLE:
    raise RuntimeError("schema.KNOWN must list the migrations defined here, in order")
