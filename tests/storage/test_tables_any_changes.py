"""The tables' cache under any sequence of changes (diary/storage/tables.py): whatever changes
the regimen or the diary row, in whatever order and by whatever way (the store, plain SQL,
another program, a write or a savepoint rolled back), every kept read matches the file."""

from __future__ import annotations

from datetime import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from diary.domain.entities import PlanStep
from diary.domain.templates import medication_from_template
from diary.storage import rows
from diary.storage.store import DiaryStore
from tests.helpers import store_sql
from tests.storage.test_tables import TIMES
from tests.storage.test_tables import TODAY
from tests.storage.test_tables import WRITERS
from tests.storage.test_tables import Undo
from tests.storage.test_tables import assert_reads_are_fresh
from tests.storage.test_tables import plain_sql
from tests.storage.test_tables import set_info
from tests.storage.test_tables import set_max
from tests.storage.test_tables import set_name
from tests.storage.test_tables import set_step_amount
from tests.storage.test_tables import stored_medications
from tests.storage.test_tables import stored_steps

CHANGES = ("max", "name", "step", "day start", "window", "archive", "new step")
WAYS = (*WRITERS, "rolled back write", "rolled back SQL")


def apply(store: DiaryStore, change: str, how: str, n: int) -> None:
    """One change to the first medication (or its first live step, or the diary row)."""
    med = stored_medications(store, include_archived=True)[0]
    assert med.id is not None
    if how == "rolled back write":
        with pytest.raises(Undo), store.write():
            apply(store, change, "the store", n)
            assert_reads_are_fresh(store)
            raise Undo
        return
    if how == "rolled back SQL":
        store_sql.connection(store).execute("BEGIN")
        apply(store, change, "plain SQL", n)
        assert_reads_are_fresh(store)
        store_sql.connection(store).execute("ROLLBACK")
        return
    if change == "max":
        set_max(store, how, med, n * 10_000)
    elif change == "name":
        set_name(store, how, med, f"Baclofen {n}")
    elif change == "step":
        steps = stored_steps(store, med.id)
        if steps:
            set_step_amount(store, how, steps[0], n * 1_000)
    elif change == "day start":
        set_info(store, how, day_starts_at=time(n))
    elif change == "window":
        set_info(store, how, on_time_window_minutes=n * 10)
    elif change == "archive":
        archived = n % 2 == 0
        if how == "the store":
            store.medications.archive(med.id, archived=archived)
        else:
            plain_sql(
                store,
                how,
                "UPDATE medications SET archived_utc = ? WHERE id = ?",
                [store_sql.tables(store).now_utc() if archived else None, med.id],
            )
    else:  # a new step
        step = PlanStep(med.id, TODAY - timedelta(days=n), n * 1_000, TIMES)
        if how == "the store":
            store.plans.add(step)
        else:
            row = rows.plan_step_row(step)
            plain_sql(
                store,
                how,
                f"INSERT INTO plan_steps ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(CHANGES), st.sampled_from(WAYS), st.integers(min_value=1, max_value=9)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_every_read_matches_the_file_after_any_changes(
    store: DiaryStore, changes: list[tuple[str, str, int]]
) -> None:
    # The same store serves every example: each starts from where the last left it, and every
    # expectation is read from the file, so that is only more to check.
    if not store.medications.all(include_archived=True):
        store.medications.add(medication_from_template("baclofen"))
    for change, how, n in changes:
        assert_reads_are_fresh(store)  # kept before the change
        apply(store, change, how, n)
        assert_reads_are_fresh(store)
