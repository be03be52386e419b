"""Whether a plan ends with a taper (an aspect of diary/domain/plans/steps.py: ends_with_taper
and the taper template): the dose at least halved for at least a week in the last eight weeks,
and every taper the template makes is one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from diary.domain.entities import PlanStep
from diary.domain.errors import ValidationError
from diary.domain.findings import FindingKind
from diary.domain.plans.steps import TAPER_MIN_DAYS
from diary.domain.plans.steps import ends_with_taper
from diary.domain.plans.steps import taper_template
from diary.domain.plans.taper import taper_findings
from tests.domain.test_safety import BACLOFEN
from tests.domain.test_safety import FOUR
from tests.domain.test_safety import MON
from tests.domain.test_safety import PARIS
from tests.domain.test_safety import TID
from tests.domain.test_safety import USUAL
from tests.domain.test_safety import at
from tests.domain.test_safety import day
from tests.domain.test_safety import mg


def with_final(days: int, amount: int) -> list[PlanStep]:
    """20 mg three times a day until Sunday, then `amount` per dose for `days` days, then stop."""
    return [USUAL, PlanStep(1, MON, amount, TID, end=MON + timedelta(days=days - 1))]


def test_taper_rule_edges() -> None:
    assert ends_with_taper(with_final(7, mg(10)), 1, day(6))  # halved, for a week
    assert not ends_with_taper(with_final(6, mg(10)), 1, day(5))  # a day short of a week
    assert not ends_with_taper(with_final(7, mg(10) + 1), 1, day(6))  # not quite halved
    assert not ends_with_taper([USUAL], 1, MON - timedelta(days=1))  # steady dose, then nothing


def test_taper_rule_sees_a_long_taper() -> None:
    steps = [
        USUAL,
        PlanStep(1, MON, mg(15), TID, end=day(13)),
        PlanStep(1, day(14), mg(10), TID, end=day(27)),
        PlanStep(1, day(28), mg(5), TID, end=day(41)),
    ]
    assert ends_with_taper(steps, 1, day(41))


def test_taper_rule_with_two_week_steps_longer_than_its_window() -> None:
    # 16, 12, 8, 4 mg three times a day, two weeks each: the 20 mg before is outside the 8 weeks.
    steps = [USUAL] + [
        PlanStep(1, day(14 * k), mg(16 - 4 * k), TID, end=day(14 * k + 13)) for k in range(4)
    ]
    assert ends_with_taper(steps, 1, day(55))


def test_an_old_reduction_is_not_a_taper() -> None:
    # 20 mg until a year ago, then 10 mg for a year, then nothing: an abrupt stop.
    steps = [
        PlanStep(1, day(-500), mg(20), TID, end=day(-366)),
        PlanStep(1, day(-365), mg(10), TID, end=MON),
    ]
    assert not ends_with_taper(steps, 1, MON)


def test_the_taper_template_is_a_taper() -> None:
    ended, taper = taper_template(BACLOFEN, USUAL, MON, 14)
    assert ends_with_taper([ended, *taper], 1, day(13))


def test_the_shortest_taper_the_template_makes_is_not_flagged() -> None:
    # Before the fix the template made 2- to 6-day tapers that this rule then flagged.
    for days in (2, 5, 6):
        with pytest.raises(ValidationError, match=f"at least {TAPER_MIN_DAYS} days"):
            taper_template(BACLOFEN, USUAL, MON, days)
    ended, taper = taper_template(BACLOFEN, replace(USUAL, end=None), MON, TAPER_MIN_DAYS)
    assert ended == USUAL  # ended on Sunday, the day before the taper
    last = day(TAPER_MIN_DAYS - 1)
    assert ends_with_taper([ended, *taper], 1, last)
    findings = taper_findings(BACLOFEN, [ended, *taper], [], at(last, 9), FOUR, PARIS)
    assert FindingKind.PLAN_ENDS_WITHOUT_TAPER not in {f.kind for f in findings}
