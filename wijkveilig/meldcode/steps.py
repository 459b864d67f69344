"""The order of the five Meldcode steps and what each needs before it can be completed. Pure functions."""

from dataclasses import dataclass
from enum import IntEnum


class Step(IntEnum):
    SIGNALS = 1
    CONSULTATION = 2
    CONVERSATION = 3
    WEIGHING = 4
    DECISION = 5


class Blocker:
    """Reasons a step cannot be completed yet (codes; the service turns them into Dutch messages)."""

    EARLIER_STEP_OPEN = "earlier_step_open"
    ALREADY_COMPLETED = "already_completed"
    NO_SIGNALS = "no_signals"
    KINDCHECK_OPEN = "kindcheck_open"
    KINDCHECK_MISSING = "kindcheck_missing"
    NO_CONSULTATION = "no_consultation"
    NO_CONVERSATION = "no_conversation"
    NO_WEIGHING = "no_weighing"
    DOUBT_WITHOUT_VT = "doubt_without_vt"
    DECISION_OPEN = "decision_open"


@dataclass(frozen=True)
class RouteFacts:
    """What has been recorded on a route, as plain values."""

    completed: frozenset[int] = frozenset()
    signal_count: int = 0
    kindcheck_required: bool = False
    kindcheck_answered: bool = False
    has_minors: bool = False  # the household has a registered minor (under 18, or the role child)
    kindcheck_denies_minors: bool = False  # the route's kindcheck says "no minors"
    consultation_count: int = 0
    conversation_recorded: bool = False
    weighing_recorded: bool = False
    weighing_in_doubt: bool = False
    vt_consulted: bool = False
    decision_final: bool = False


def current_step(completed: frozenset[int]) -> Step | None:
    """The first step not yet completed; None when all five are done."""
    for step in Step:
        if step.value not in completed:
            return step
    return None


def kindcheck_blockers(f: RouteFacts) -> list[str]:
    """Step 1 needs the kindcheck when minors are registered (an answer other than "no minors", e.g. "niet van
    toepassing" with its reason), and an answer on minors once a risk situation is ticked."""
    if f.has_minors and (not f.kindcheck_answered or f.kindcheck_denies_minors):
        return [Blocker.KINDCHECK_MISSING]
    return [Blocker.KINDCHECK_OPEN] * (f.kindcheck_required and not f.kindcheck_answered)


REQUIREMENTS = {
    Step.SIGNALS: lambda f: [Blocker.NO_SIGNALS] * (f.signal_count == 0) + kindcheck_blockers(f),
    Step.CONSULTATION: lambda f: [Blocker.NO_CONSULTATION] * (f.consultation_count == 0),
    Step.CONVERSATION: lambda f: [Blocker.NO_CONVERSATION] * (not f.conversation_recorded),
    # Meldcode: "bij twijfel altijd Veilig Thuis raadplegen" before the weighing can end.
    Step.WEIGHING: lambda f: [Blocker.NO_WEIGHING] * (not f.weighing_recorded)
    + [Blocker.DOUBT_WITHOUT_VT] * (f.weighing_in_doubt and not f.vt_consulted),
    Step.DECISION: lambda f: [Blocker.DECISION_OPEN] * (not f.decision_final),
}


def completion_blockers(step: Step, facts: RouteFacts) -> list[str]:
    """Why `step` cannot be completed now; an empty list means it can."""
    if step.value in facts.completed:
        return [Blocker.ALREADY_COMPLETED]
    if current_step(facts.completed) != step:
        return [Blocker.EARLIER_STEP_OPEN]
    return REQUIREMENTS[step](facts)


def reopen(step: Step, completed: frozenset[int]) -> frozenset[int] | None:
    """Going back to a completed step reopens it and every later step; None if the step was not completed."""
    if step.value not in completed:
        return None
    return frozenset(s for s in completed if s < step.value)
