"""AVE stagnation rules: pure functions over plain data → a proposal to scale up, or None.

Rules (one row each in RULES; a case matches a rule when its count is at least the threshold):
- overdue_agreements: at least one safety-plan agreement is past its date and not met;
- overdue_vt_feedback: Veilig Thuis feedback is overdue, after the safety assessment or after its own investigation;
- missed_reviews: at least one review date of the safety plan passed without a review;
- falling_safety_scale: any party's safety scale is falling (see `is_falling`);
- missed_monitoring: a monitoring date agreed when the Meldcode route closed (question 5 = yes) passed unchecked.
- overdue_decisions: at least one case-conference decision is past its due date and not completed.
A case already in AVE 4 gets no proposal: there is nothing to scale up to.
"""

from dataclasses import dataclass, field
from datetime import date

MAX_PHASE = 4
# A drop of this many points between the last two measurements counts as falling at once (a product choice).
SHARP_DROP = 2


class Reason:
    OVERDUE_AGREEMENTS = "overdue_agreements"
    OVERDUE_VT_FEEDBACK = "overdue_vt_feedback"
    MISSED_REVIEWS = "missed_reviews"
    FALLING_SAFETY_SCALE = "falling_safety_scale"
    MISSED_MONITORING = "missed_monitoring"
    OVERDUE_DECISIONS = "overdue_decisions"


@dataclass(frozen=True)
class Signals:
    phase: int = 1
    overdue_agreements: int = 0
    overdue_vt_feedback: int = 0
    missed_reviews: int = 0
    # One series per party: [(date, value)] in any order.
    safety_scales: list[list[tuple[date, int]]] = field(default_factory=list)
    missed_monitoring: int = 0
    overdue_decisions: int = 0


@dataclass(frozen=True)
class Proposal:
    to_phase: int
    reasons: tuple[str, ...]


RULES = (
    (Reason.OVERDUE_AGREEMENTS, lambda s: s.overdue_agreements >= 1),
    (Reason.OVERDUE_VT_FEEDBACK, lambda s: s.overdue_vt_feedback >= 1),
    (Reason.MISSED_REVIEWS, lambda s: s.missed_reviews >= 1),
    (Reason.FALLING_SAFETY_SCALE, lambda s: any(is_falling(series) for series in s.safety_scales)),
    (Reason.MISSED_MONITORING, lambda s: s.missed_monitoring >= 1),
    (Reason.OVERDUE_DECISIONS, lambda s: s.overdue_decisions >= 1),
)


def is_falling(series: list[tuple[date, int]]) -> bool:
    """Falling: the latest value is at least SHARP_DROP below the one before, or the last three strictly drop."""
    values = [value for _on, value in sorted(series, key=lambda point: point[0])]
    if len(values) >= 2 and values[-2] - values[-1] >= SHARP_DROP:
        return True
    return len(values) >= 3 and values[-3] > values[-2] > values[-1]


def propose(signals: Signals) -> Proposal | None:
    """A proposal to scale up one phase with the codes of every rule that matched; None when nothing stagnates."""
    if signals.phase >= MAX_PHASE:
        return None
    reasons = tuple(code for code, matches in RULES if matches(signals))
    return Proposal(to_phase=signals.phase + 1, reasons=reasons) if reasons else None
