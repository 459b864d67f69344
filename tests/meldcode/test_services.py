"""Meldcode route services: each transition allowed and refused, with its log row."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.meldcode.conftest import walk_to_decision
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import CaseAccess
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.afwegingskader import Outcome
from wijkveilig.meldcode.models import MeldcodeSetting, RouteStatus, StepEvent, VtReport
from wijkveilig.meldcode.state import route_state
from wijkveilig.meldcode.steps import Step


def answer(world, route, question, value, **extra):
    return ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                            question=question, answer=value, justification="Onderbouwing (fictief)", **extra)


def test_one_active_route_per_case(world, route):
    with pytest.raises(DomainError):
        ms.route_start(actor=Actor.system(world.worker), access=world.access)


def test_skipping_forward_is_refused(world, route):
    with pytest.raises(DomainError, match="vorige stap"):
        ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=2)
    with pytest.raises(DomainError, match="nog niet aan de beurt"):
        ms.weighing_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, nature="x",
                           severity="low", risk="y", is_in_doubt=False)


def test_kindcheck_blocks_step_one_until_minors_answered(world, route):
    actor = Actor.system(world.worker)
    ms.signal_add(actor=actor, access=world.access, route_id=route.pk, supports_suspicion=False,
                  statement_kind="opinion", occurred_at=timezone.now(), body="Buurvrouw maakt zich zorgen.")
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=["addiction"], minors="")
    with pytest.raises(DomainError, match="Kindcheck"):
        ms.step_complete(actor=actor, access=world.access, route_id=route.pk, step=1)
    with pytest.raises(DomainError, match="gedaan voor de kinderen"):
        ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=["addiction"],
                            minors="yes")
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=["addiction"],
                        minors="yes", pregnancy=True, action_taken="Kinderen gezien, opvang geregeld.")
    state = ms.step_complete(actor=actor, access=world.access, route_id=route.pk, step=1)
    assert state.current_step == Step.CONSULTATION


def test_in_doubt_weighing_needs_veilig_thuis(world, route):
    with pytest.raises(DomainError, match="twijfel"):
        walk_to_decision(world, route, in_doubt=True, vt=False)
    ms.consultation_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           kind="veilig_thuis", with_whom="Veilig Thuis", consulted_on=timezone.localdate(),
                           topic="Twijfel", advice="Melden")
    state = ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=4)
    assert state.current_step == Step.DECISION


def test_conversation_skip_needs_reason_and_explanation(world, route):
    actor = Actor.system(world.worker)
    state = route_state(route)
    assert state.current_step == Step.SIGNALS
    with pytest.raises(DomainError):
        ms.conversation_record(actor=actor, access=world.access, route_id=route.pk, held=False)


def test_no_suspicion_closes_route(world, route):
    walk_to_decision(world, route)
    decision = answer(world, route, "suspicion", False)
    assert decision.outcome == Outcome.CLOSE_AND_RECORD
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED


def test_answers_in_order_only(world, route):
    walk_to_decision(world, route)
    with pytest.raises(DomainError, match="volgorde"):
        answer(world, route, "can_help", True)


def test_help_path_with_evaluation_date_then_close_with_monitoring(world, route):
    walk_to_decision(world, route)
    answer(world, route, "suspicion", True)
    answer(world, route, "unsafety", False)
    answer(world, route, "can_help", True)
    with pytest.raises(DomainError, match="evaluatiedatum"):
        answer(world, route, "help_accepted", True)
    evaluation = timezone.localdate() + timedelta(days=42)
    decision = answer(world, route, "help_accepted", True, evaluation_on=evaluation)
    assert decision.outcome == Outcome.ORGANISE_HELP
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)
    with pytest.raises(DomainError, match="evaluatiedatum"):
        answer(world, route, "result_achieved", True)
    with time_machine.travel(timezone.now() + timedelta(days=43)):
        decision = answer(world, route, "result_achieved", True)
    assert decision.outcome == Outcome.CLOSE_WITH_MONITORING
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE  # closing needs a monitoring agreement: tests/meldcode/test_monitoring.py


def test_report_is_idempotent_and_sets_deadline(world, route):
    walk_to_decision(world, route)
    answer(world, route, "suspicion", True)
    answer(world, route, "unsafety", True)
    actor = Actor.system(world.worker)
    kwargs = {"actor": actor, "access": world.access, "route_id": route.pk, "idempotency_key": "key-12345678",
              "informed_whom": "Moeder", "informed_reaction": "Begrijpt het, maakt bezwaar"}
    first = ms.vt_report_send(**kwargs)
    second = ms.vt_report_send(**kwargs)
    assert first.pk == second.pk
    assert VtReport.objects.count() == 1
    assert first.assessment_due_on > timezone.localdate()
    assert AccessLogEntry.objects.filter(event="vt_report.sent", case_id=world.case.pk).count() == 1


def test_report_needs_informed_or_reason(world, route):
    walk_to_decision(world, route)
    answer(world, route, "suspicion", True)
    answer(world, route, "unsafety", True)
    with pytest.raises(DomainError, match="geïnformeerd"):
        ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                          idempotency_key="key-abcdefgh")


def test_report_refused_without_report_outcome_or_acute_danger(world, route):
    with pytest.raises(DomainError, match="Melden volgt"):
        ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                          idempotency_key="key-abcdefgh", not_informed_reason="Gevaar voor cliënte")
    ms.acute_danger_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           police_called_at=timezone.now(), called_by="Medewerker zelf")
    report = ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                               idempotency_key="key-abcdefgh", not_informed_reason="Gevaar voor cliënte")
    assert report.is_acute


def test_going_back_is_recorded(world, route):
    walk_to_decision(world, route)
    state = ms.step_reopen(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=2,
                           reason="Nieuw signaal van school")
    assert state.current_step == Step.CONSULTATION
    assert StepEvent.objects.filter(route=route, action="reopened", step=2).exists()


def test_coordinator_confirmation_when_organisation_requires_it(world, route):
    MeldcodeSetting.objects.create(municipality=world.team.municipality, final_responsibility="coordinator_confirms")
    walk_to_decision(world, route)
    answer(world, route, "suspicion", False)
    with pytest.raises(DomainError, match="teamcoördinator"):
        ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)
    with pytest.raises(PermissionDenied):  # the worker may not confirm; the refusal is logged
        ms.decision_confirm(actor=Actor.system(world.worker), access=world.access, route_id=route.pk)
    assert AccessLogEntry.objects.filter(event="meldcode.confirm_denied", outcome="denied", user_id=world.worker.pk,
                                         case_id=world.case.pk).count() == 1
    ms.decision_confirm(actor=Actor.system(world.coordinator), access=CaseAccess(world.case, "team", True),
                        route_id=route.pk)
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)


def test_vt_feedback_only_by_liaison(world, route):
    ms.acute_danger_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           police_called_at=timezone.now(), called_by="Buurman")
    report = ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                               idempotency_key="key-feedback1", not_informed_reason="Acuut gevaar")
    feedback_kwargs = {"report_id": report.pk, "moment": "after_assessment", "decision": "transfer",
                       "summary": "Overdracht aan het wijkteam", "received_on": timezone.localdate()}
    with pytest.raises(PermissionDenied):  # only Veilig Thuis answers for Veilig Thuis; the refusal is logged
        ms.vt_feedback_record(actor=Actor.system(world.worker), access=world.access, **feedback_kwargs)
    assert AccessLogEntry.objects.filter(event="vt_report.feedback_denied", outcome="denied",
                                         user_id=world.worker.pk).count() == 1
    vt_access = CaseAccess(world.case, "veilig_thuis", True)
    with pytest.raises(DomainError, match="veiligheidsvoorwaarden"):
        ms.vt_feedback_record(actor=Actor.system(world.vt_liaison), access=vt_access,
                              **{**feedback_kwargs, "decision": "conditions"})
    feedback = ms.vt_feedback_record(actor=Actor.system(world.vt_liaison), access=vt_access, **feedback_kwargs)
    assert feedback.report == report


def test_sending_the_report_after_step_five_closes_the_route(world, route):
    """Meldnorm 2 (cannot help): zicht op veiligheid passes to Veilig Thuis. Meldnorm 1: see test_report_and_help."""
    walk_to_decision(world, route)
    answer(world, route, "suspicion", True)
    answer(world, route, "unsafety", False)
    answer(world, route, "can_help", False)
    actor = Actor.system(world.worker)
    ms.step_complete(actor=actor, access=world.access, route_id=route.pk, step=5)
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE  # the report still has to be sent
    ms.vt_report_send(actor=actor, access=world.access, route_id=route.pk, idempotency_key="key-close-1",
                      not_informed_reason="Gevaar voor cliënte")
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED


def test_only_signals_can_be_linked(world, route):
    from wijkveilig.cases import services as cs

    note = cs.note_add(actor=Actor.system(world.worker), access=world.access, kind="note", statement_kind="opinion",
                       occurred_at=timezone.now(), body="Gewone notitie")
    with pytest.raises(DomainError, match="signaal"):
        ms.signal_link(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, note_id=note.pk,
                       supports_suspicion=True)
