"""Read a route's rows into plain facts for the pure rules (a fixed number of queries per route)."""

from dataclasses import dataclass

from django.utils import timezone

from wijkveilig.cases.minors import has_minors
from wijkveilig.meldcode import afwegingskader
from wijkveilig.meldcode.models import (
    ConsultationKind,
    DecisionAnswer,
    MeldcodeRoute,
    MinorsAnswer,
    RouteStatus,
    StepAction,
    VtRouteAnswer,
)
from wijkveilig.meldcode.steps import Blocker, RouteFacts, Step, current_step, kindcheck_blockers


@dataclass(frozen=True)
class RouteState:
    route: MeldcodeRoute
    facts: RouteFacts
    decision: afwegingskader.Decision
    latest_answers: dict[str, DecisionAnswer]
    phase: afwegingskader.Phase = afwegingskader.Phase.DECIDING
    vt_answer: VtRouteAnswer | None = None

    @property
    def current_step(self) -> Step | None:
        return current_step(self.facts.completed)

    @property
    def kindcheck_missing(self) -> bool:
        """Step 1 is open and waits for a kindcheck because minors are registered."""
        return Step.SIGNALS not in self.facts.completed and Blocker.KINDCHECK_MISSING in kindcheck_blockers(self.facts)


def completed_steps(events) -> frozenset[int]:
    """Replay completed/reopened events in order: reopening a step reopens every later step too."""
    done: set[int] = set()
    for event in events:
        if event.action == StepAction.COMPLETED:
            done.add(event.step)
        else:
            done = {step for step in done if step < event.step}
    return frozenset(done)


def route_state(route: MeldcodeRoute) -> RouteState:
    completed = completed_steps(route.step_events.all())
    kindcheck = route.kindchecks.first()
    weighing = route.weighings.first()
    consultations = list(route.consultations.all())
    latest: dict[str, DecisionAnswer] = {}
    for answer in route.answers.all():
        latest[answer.question] = answer
    returning = list(route.returning_violence.all())
    decision = afwegingskader.decide({q: a.answer for q, a in latest.items()}, returning_violence=bool(returning))
    vt_answer = route.vt_answers.last()
    # The report that counts is one sent after the latest thing that made reporting the norm.
    trigger = max([a.answered_at for a in latest.values()] + [r.recorded_at for r in returning], default=None)
    reported = trigger is not None and route.reports.filter(sent_at__gte=trigger).exists()
    phase = afwegingskader.phase(decision, is_closed=route.status == RouteStatus.CLOSED, reported=reported,
                                 vt_answer=vt_answer.answer if vt_answer else None)
    facts = RouteFacts(
        completed=completed,
        signal_count=route.signals.count(),
        kindcheck_required=bool(kindcheck and kindcheck.risk_situations),
        kindcheck_answered=bool(kindcheck and kindcheck.minors),
        has_minors=has_minors(route.case_id, today=timezone.localdate()),
        kindcheck_denies_minors=bool(kindcheck and kindcheck.minors == MinorsAnswer.NO),
        consultation_count=len(consultations),
        conversation_recorded=route.conversations.exists(),
        weighing_recorded=weighing is not None,
        weighing_in_doubt=bool(weighing and weighing.is_in_doubt),
        vt_consulted=any(c.kind == ConsultationKind.VEILIG_THUIS for c in consultations),
        decision_final=decision.is_final or decision.outcome == afwegingskader.Outcome.ORGANISE_HELP,
    )
    return RouteState(route=route, facts=facts, decision=decision, latest_answers=latest, phase=phase,
                      vt_answer=vt_answer)
