"""Services of issue 9: returning violence, Veilig Thuis's answer on questions 3-5, consultations at any step,
feedback deadlines and what the werkvoorraad and stagnation count."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.meldcode.conftest import walk_to_decision
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Case, TimelineEvent
from wijkveilig.collaboration.selectors import proposals_for
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import monitoring_services, selectors
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.afwegingskader import Outcome, Phase
from wijkveilig.meldcode.models import RouteConsultation, RouteStatus
from wijkveilig.meldcode.state import route_state
from wijkveilig.safety.selectors import vt_conditions_hint


def _answer(world, route, question, value, **extra):
    return ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                            question=question, answer=value, justification="Onderbouwing (fictief)", **extra)


def to_help_period(world, route):
    walk_to_decision(world, route)
    for question, value in (("suspicion", True), ("unsafety", False), ("can_help", True)):
        _answer(world, route, question, value)
    _answer(world, route, "help_accepted", True, evaluation_on=timezone.localdate() + timedelta(days=42))
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)


def report(world, route, key="key-help-0001"):
    return ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                             idempotency_key=key, not_informed_reason="Gevaar voor cliënte (fictief)")


def returning(world, route, description="Vader sloeg moeder opnieuw (fictief)."):
    return ms.returning_violence_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                                        occurred_on=timezone.localdate(), description=description)


def to_vt_answer(world, route):
    walk_to_decision(world, route)
    _answer(world, route, "suspicion", True)
    _answer(world, route, "unsafety", True)
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)
    return report(world, route, key="key-norm1-001")


def listed(world, selector) -> list:
    """What one of the werkvoorraad's line readers lists for the worker's case."""
    return list(selector(Case.objects.filter(pk=world.case.pk)))


def vt_answer(world, route, answer, **extra):
    return ms.vt_answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                               answer=answer, summary="Overleg met Veilig Thuis (fictief)", **extra)


def test_returning_violence_during_help_period_goes_straight_to_the_report(world, route):
    to_help_period(world, route)
    assert not ms.may_report(route_state(route))
    returning(world, route, description="CANARY-terug: moeder met blauw oog (fictief).")
    state = route_state(route)
    assert (state.decision.outcome, state.decision.report_norm, state.phase) == (Outcome.REPORT_AGAIN, 3,
                                                                                 Phase.REPORT_DUE)
    assert [r.pk for r in listed(world, selectors.returning_violence_to_report)] == [route.pk]
    with time_machine.travel(timezone.now() + timedelta(days=43)):  # not "answer question 5" on top of it
        assert listed(world, selectors.evaluations_due) == []
    sent = report(world, route)
    assert "CANARY-terug" in json.dumps(json.loads(sent.content)["returning_violence"])
    assert listed(world, selectors.returning_violence_to_report) == []
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED  # meldnorm 3: zicht op veiligheid passes to Veilig Thuis
    assert TimelineEvent.objects.filter(case=world.case, event="meldcode.returning_violence").count() == 1
    assert AccessLogEntry.objects.filter(event="meldcode.returning_violence_recorded", case_id=world.case.pk).exists()


def test_returning_violence_refused_before_the_help_period_and_with_bad_input(world, route):
    walk_to_decision(world, route)
    with pytest.raises(DomainError, match="hulpperiode"):
        returning(world, route)
    with pytest.raises(DomainError, match="toekomst"):
        ms.returning_violence_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                                     occurred_on=timezone.localdate() + timedelta(days=1), description="Iets ergs")
    with pytest.raises(DomainError, match="Beschrijf"):
        ms.returning_violence_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                                     occurred_on=timezone.localdate(), description="  ")


def test_returning_violence_reopens_a_route_closed_with_monitoring(world, route):
    to_help_period(world, route)
    with time_machine.travel(timezone.now() + timedelta(days=43)):
        _answer(world, route, "result_achieved", True)
        monitoring_services.monitoring_agreement_record(
            actor=Actor.system(world.worker), access=world.access, route_id=route.pk, what="Of het veilig blijft",
            checker_text="Huisarts (fictief)", due_on=timezone.localdate() + timedelta(days=10))
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    returning(world, route)
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE
    assert route_state(route).phase == Phase.REPORT_DUE


def test_report_and_help_waits_for_vt_answer_then_helps_under_conditions(world, route):
    to_vt_answer(world, route)
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE  # not closed: questions 3-5 go together with Veilig Thuis
    assert route_state(route).phase == Phase.AWAITING_VT_ANSWER
    with pytest.raises(DomainError, match="veiligheidsvoorwaarden"):
        vt_answer(world, route, "help_under_conditions", monitoring_on=timezone.localdate() + timedelta(days=30))
    with pytest.raises(DomainError, match="monitoringsdatum"):
        vt_answer(world, route, "help_under_conditions", safety_conditions="Geen alcohol in huis")
    vt_answer(world, route, "help_under_conditions", safety_conditions="CANARY-voorwaarde: vader woont elders",
              monitoring_on=timezone.localdate() + timedelta(days=30))
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE and route.evaluation_on == timezone.localdate() + timedelta(days=30)
    assert route_state(route).phase == Phase.HELP_UNDER_VT_CONDITIONS
    assert "CANARY-voorwaarde" in vt_conditions_hint(world.case)
    assert listed(world, selectors.evaluations_due) == []
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert [r.pk for r in listed(world, selectors.vt_monitoring_due)] == [route.pk]
        assert listed(world, selectors.evaluations_due) == []
    returning(world, route)  # under VT's conditions the unsafety returns: meldnorm 3
    assert route_state(route).decision.report_norm == 3


@pytest.mark.parametrize("answer, extra", [("vt_takes_over", {}), ("other_organisation", {"organisation": "GGZ"})])
def test_vt_taking_over_or_another_organisation_closes_the_route(world, route, answer, extra):
    to_vt_answer(world, route)
    with pytest.raises(DomainError, match="organisatie"):
        vt_answer(world, route, "other_organisation")
    vt_answer(world, route, answer, **extra)
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    assert TimelineEvent.objects.filter(case=world.case, event="meldcode.vt_answered", detail=answer).exists()


def test_vt_answer_refused_without_a_meldnorm_1_report(world, route):
    to_help_period(world, route)
    with pytest.raises(DomainError, match="meldnorm 1"):
        vt_answer(world, route, "vt_takes_over")


def test_vt_feedback_own_investigation_closes_a_route_awaiting_vt_answer(world, route):
    sent = to_vt_answer(world, route)
    ms.vt_feedback_record(actor=Actor.system(world.vt_liaison), access=CaseAccess(world.case, "veilig_thuis", True),
                          report_id=sent.pk, moment="after_assessment", decision="own_investigation",
                          summary="Veilig Thuis onderzoekt (fictief)", received_on=timezone.localdate())
    route.refresh_from_db()
    sent.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    assert sent.investigation_due_on == timezone.localdate() + timedelta(weeks=10)


def test_vt_consultation_during_the_help_period_and_injury_expert(world, route):
    to_help_period(world, route)
    for kind in ("veilig_thuis", "injury_expert"):
        ms.consultation_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, kind=kind,
                               with_whom="Forensisch arts (fictief)", consulted_on=timezone.localdate(),
                               topic="Letsel bij het kind", advice="Foto's laten maken")
    assert set(RouteConsultation.objects.filter(route=route).values_list("kind", flat=True)) >= {
        "veilig_thuis", "injury_expert"}


def test_acute_report_is_due_the_same_day_and_urgent_at_once(world, route):
    ms.acute_danger_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           police_called_at=timezone.now(), called_by="Medewerker (fictief)")
    sent = report(world, route, key="key-acute-001")
    assert sent.assessment_due_on == timezone.localdate()
    assert [r.pk for r in listed(world, selectors.urgent_vt_reports)] == [sent.pk]
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert [r.pk for r in listed(world, selectors.overdue_vt_reports)] == [sent.pk]
        assert listed(world, selectors.urgent_vt_reports) == []


def test_overdue_investigation_feedback_is_stagnation(world, route):
    ms.acute_danger_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           police_called_at=timezone.now(), called_by="Medewerker (fictief)")
    sent = report(world, route, key="key-invest-01")
    ms.vt_feedback_record(actor=Actor.system(world.vt_liaison), access=CaseAccess(world.case, "veilig_thuis", True),
                          report_id=sent.pk, moment="after_assessment", decision="own_investigation",
                          summary="Veilig Thuis onderzoekt (fictief)", received_on=timezone.localdate())
    cases = Case.objects.filter(pk=world.case.pk)
    with time_machine.travel(timezone.now() + timedelta(weeks=10)):
        assert list(selectors.overdue_vt_reports(cases)) == []
    with time_machine.travel(timezone.now() + timedelta(weeks=10, days=1)):
        assert [r.pk for r in selectors.overdue_vt_reports(cases)] == [sent.pk]
        proposal = proposals_for([world.case]).get(world.case.pk)
        assert proposal is not None and "overdue_vt_feedback" in [str(r) for r in proposal.reasons]


def test_returning_violence_before_the_monitoring_agreements_goes_to_the_report(world, route):
    """Question 5 said safety was reached, but before the monitoring agreements were made the violence returns."""
    to_help_period(world, route)
    with time_machine.travel(timezone.now() + timedelta(days=43)):
        _answer(world, route, "result_achieved", True)
        returning(world, route)
        route.refresh_from_db()
        assert route.status == RouteStatus.ACTIVE and route_state(route).phase == Phase.REPORT_DUE
        with pytest.raises(DomainError):
            monitoring_services.monitoring_agreement_record(
                actor=Actor.system(world.worker), access=world.access, route_id=route.pk, what="Of het veilig blijft",
                checker_text="Huisarts (fictief)", due_on=timezone.localdate() + timedelta(days=10))
