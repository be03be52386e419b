"""What a safety rule finds: a `Finding` (kind, severity, message, by how much), and the
`DoseVerdict` on recording one dose. The rules themselves are in `safety` (doses) and `taper`
(stopping a medication); `safety` re-exports everything here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from diary.domain.entities import Slot


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    DANGER = "danger"


class FindingKind(StrEnum):
    OVER_MAX_DAILY = "over_max_daily"
    INSIDE_MIN_INTERVAL = "inside_min_interval"
    DIFFERS_FROM_PLAN = "differs_from_plan"
    NO_PLAN_STEP = "no_plan_step"
    PLAN_ENDS_WITHOUT_TAPER = "plan_ends_without_taper"
    DOSES_UNLOGGED = "doses_unlogged"
    BEYOND_PLAN = "beyond_plan"
    EARLY_FOR_SLOT = "early_for_slot"
    NEAR_ANOTHER_DOSE = "near_another_dose"


# The kinds that need --force or an explicit confirmation before a dose is recorded.
RULE_KINDS = frozenset({FindingKind.OVER_MAX_DAILY, FindingKind.INSIDE_MIN_INTERVAL})
# What `check_timing` finds: only callers that ask for it (the window) see these, and ask.
TIMING_KINDS = frozenset({FindingKind.EARLY_FOR_SLOT, FindingKind.NEAR_ANOTHER_DOSE})
# Every kind that must be confirmed by the user before the dose is recorded.
CONFIRM_KINDS = RULE_KINDS | TIMING_KINDS


@dataclass(frozen=True)
class Finding:
    """One thing worth telling the user. `amount` says by how much (thousandths of the unit; over
    the max, or proposed minus planned); `minutes` by how long (short of the minimum interval)."""

    kind: FindingKind
    severity: Severity
    message: str
    medication_id: int | None
    amount: int | None = None
    minutes: int | None = None
    slot: Slot | None = None
    day: date | None = None


@dataclass(frozen=True)
class DoseVerdict:
    findings: tuple[Finding, ...] = ()

    @property
    def breaks_rule(self) -> bool:
        """True when recording the dose needs --force or an explicit confirmation."""
        return any(f.kind in RULE_KINDS for f in self.findings)

    @property
    def rule_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in RULE_KINDS)

    @property
    def needs_confirmation(self) -> bool:
        """True when the user must confirm before the dose is recorded: a broken rule, or a
        timing finding (when timing was checked)."""
        return any(f.kind in CONFIRM_KINDS for f in self.findings)

    @property
    def to_confirm(self) -> tuple[Finding, ...]:
        """The findings the user is asked to confirm, in the order they were found."""
        return tuple(f for f in self.findings if f.kind in CONFIRM_KINDS)

    def covered_by(self, seen: DoseVerdict) -> bool:
        """Whether what `seen` showed the user still covers this verdict: every finding to
        confirm here was there too (same kind, same medication) and is no worse now (not further
        over the max, not more minutes short or early). A re-check that finds more must be shown
        again before anything is recorded."""
        return all(
            any(g.kind is f.kind and g.medication_id == f.medication_id
                and (f.amount or 0) <= (g.amount or 0) and (f.minutes or 0) <= (g.minutes or 0)
                for g in seen.to_confirm)
            for f in self.to_confirm
        )
