"""What a safety rule finds (diary/domain/findings.py): the verdict on a dose says whether it
breaks a rule, what must be confirmed before it is recorded, and whether what the person was
shown still covers it."""

from __future__ import annotations

from datetime import time

from diary.domain.entities import Slot
from diary.domain.findings import DoseVerdict
from diary.domain.findings import Finding
from diary.domain.findings import FindingKind
from diary.domain.findings import Severity
from diary.domain.safety import check_dose
from diary.domain.safety import check_timing
from tests.domain.test_safety import BACLOFEN
from tests.domain.test_safety import FOUR
from tests.domain.test_safety import HOUR
from tests.domain.test_safety import MON
from tests.domain.test_safety import NO_INTERVAL
from tests.domain.test_safety import STEPS
from tests.domain.test_safety import at
from tests.domain.test_safety import mg
from tests.domain.test_safety import taken


def test_what_needs_a_confirmation_and_whether_it_was_seen() -> None:
    day_doses = [taken(at(MON, 8), mg(30)), taken(at(MON, 13), mg(30))]
    shown = check_dose(BACLOFEN, taken(at(MON, 20), mg(25)), day_doses, None, STEPS)
    assert shown.needs_confirmation and shown.to_confirm == shown.rule_findings
    notice = check_dose(BACLOFEN, taken(at(MON, 8), mg(25)), [], None, STEPS)
    assert not notice.needs_confirmation and notice.to_confirm == ()
    timing = DoseVerdict(check_timing(NO_INTERVAL, taken(at(MON, 8), mg(20),
                                                         slot=Slot(MON, time(14))),
                                      [], None, HOUR, FOUR))
    assert timing.needs_confirmation and not timing.breaks_rule
    # The same verdict, or a milder one, is covered by what was shown; more is not.
    assert shown.covered_by(shown)
    milder = check_dose(BACLOFEN, taken(at(MON, 20), mg(22)), day_doses, None, STEPS)
    assert milder.covered_by(shown)
    worse = check_dose(BACLOFEN, taken(at(MON, 20), mg(25)), [*day_doses, taken(at(MON, 14),
                                                                                 mg(5))],
                       None, STEPS)
    assert not worse.covered_by(shown)
    assert not timing.covered_by(shown)
    assert notice.covered_by(DoseVerdict())


def finding(kind: FindingKind, medication_id: int = 1, amount: int | None = None,
            minutes: int | None = None) -> Finding:
    return Finding(kind, Severity.WARNING, kind.value, medication_id, amount, minutes)


def test_an_empty_verdict_breaks_no_rule_and_asks_nothing() -> None:
    empty = DoseVerdict()
    assert not empty.breaks_rule and not empty.needs_confirmation
    assert empty.rule_findings == () and empty.to_confirm == ()


def test_only_the_rules_break_and_timing_is_asked_about_in_the_order_found() -> None:
    plan = finding(FindingKind.DIFFERS_FROM_PLAN)
    near = finding(FindingKind.NEAR_ANOTHER_DOSE, minutes=5)
    over = finding(FindingKind.OVER_MAX_DAILY, amount=2_000)
    verdict = DoseVerdict((plan, near, over))
    assert verdict.breaks_rule and verdict.rule_findings == (over,)
    assert verdict.needs_confirmation and verdict.to_confirm == (near, over)
    timing_only = DoseVerdict((plan, near))
    assert not timing_only.breaks_rule and timing_only.needs_confirmation
    assert not DoseVerdict((plan,)).needs_confirmation


def test_a_verdict_is_covered_only_by_one_at_least_as_bad_for_the_same_medication() -> None:
    shown = DoseVerdict((finding(FindingKind.INSIDE_MIN_INTERVAL, minutes=30),))
    assert DoseVerdict((finding(FindingKind.INSIDE_MIN_INTERVAL, minutes=20),)).covered_by(shown)
    assert not DoseVerdict((finding(FindingKind.INSIDE_MIN_INTERVAL, minutes=31),)).covered_by(
        shown)
    other = DoseVerdict((finding(FindingKind.INSIDE_MIN_INTERVAL, medication_id=2,
                                 minutes=10),))
    assert not other.covered_by(shown)
    # What needs no confirmation needs no cover.
    assert DoseVerdict((finding(FindingKind.BEYOND_PLAN),)).covered_by(DoseVerdict())
