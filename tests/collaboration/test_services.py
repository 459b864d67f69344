"""Collaboration services and selectors: conferences, decisions, AVE scaling and the escalation proposal."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from tests.collaboration.conftest import overdue_vt_report
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import CaseAccess
from wijkveilig.collaboration import selectors, services
from wijkveilig.collaboration.models import AvePhaseChange, CaseConference
from wijkveilig.collaboration.services import DecisionIn
from wijkveilig.collaboration.stagnation import Reason
from wijkveilig.core.errors import DomainError


def _conference(world, decisions=(), participants=None):
    return services.conference_record(
        actor=Actor.system(world.worker), access=world.access, scheduled_at=timezone.now(),
        participant_ids=participants or [world.worker.pk, world.specialist.pk], question="Fictieve vraag",
        known="Fictief bekend", risk_estimate="high", decisions=list(decisions))


def test_conference_stores_encrypted_text_participants_decisions_and_audit(world):
    conference = _conference(world, [DecisionIn("Fictief huisbezoek", world.worker.pk, date(2030, 1, 1))])
    assert set(conference.participants.all()) == {world.worker, world.specialist}
    assert conference.decisions.get().owner == world.worker
    with connection.cursor() as cursor:
        cursor.execute("SELECT question FROM collaboration_caseconference WHERE id = %s", [conference.pk])
        assert "Fictieve vraag" not in str(cursor.fetchone()[0])
    assert AccessLogEntry.objects.filter(event="collaboration.conference_recorded", case_id=world.case.pk).count() == 1


def test_participant_from_another_team_is_refused_and_nothing_saved(world):
    with pytest.raises(DomainError) as exc:
        _conference(world, participants=[world.worker.pk, world.outsider.pk])
    assert exc.value.field == "participants"
    assert not CaseConference.objects.exists()


def test_decision_owner_must_be_able_to_write_on_the_case(world):
    with pytest.raises(DomainError):
        _conference(world, [DecisionIn("Fictief", world.colleague.pk, date(2030, 1, 1))])
    assert not CaseConference.objects.exists()


def test_only_the_owner_completes_a_decision_once(world):
    conference = _conference(world, [DecisionIn("Fictief", world.worker.pk, date(2030, 1, 1))])
    decision = conference.decisions.get()
    coordinator_access = CaseAccess(case=world.case, grant="team", can_write=True)
    with pytest.raises(PermissionDenied):
        services.decision_complete(actor=Actor.system(world.coordinator), access=coordinator_access,
                                   decision_id=decision.pk)
    denied = AccessLogEntry.objects.filter(user_id=world.coordinator.pk, event="collaboration.decision_complete_denied")
    assert denied.get().outcome == "denied"
    services.decision_complete(actor=Actor.system(world.worker), access=world.access, decision_id=decision.pk)
    decision.refresh_from_db()
    assert decision.done_at is not None
    with pytest.raises(DomainError):
        services.decision_complete(actor=Actor.system(world.worker), access=world.access, decision_id=decision.pk)


RESPONSIBLE = {"operational_responsibility": "Teamleider wijkteam (fictief)",
               "administrative_responsibility": "Wethouder sociaal domein (fictief)"}


def test_scaling_up_and_down_keeps_every_row_with_reason(world):
    actor = Actor.system(world.worker)
    services.ave_phase_change(actor=actor, access=world.access, phase=3, reason="Fictief: stagnatie",
                              case_direction="Wijkteam", process_direction="Gemeente", **RESPONSIBLE)
    services.ave_phase_change(actor=actor, access=world.access, phase=2, reason="Fictief: rust",
                              case_direction="Wijkteam", process_direction="Wijkteam", **RESPONSIBLE)
    rows = list(AvePhaseChange.objects.order_by("id").values_list("previous_phase", "phase", "changed_by"))
    assert rows == [(1, 3, world.worker.pk), (3, 2, world.worker.pk)]
    assert services.current_phase(world.case) == 2
    assert AccessLogEntry.objects.filter(event="collaboration.ave_scaled_up").count() == 1
    assert AccessLogEntry.objects.filter(event="collaboration.ave_scaled_down").count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"reason": "  "}, "reason"), ({"case_direction": ""}, "case_direction"), ({"phase": 5}, "phase"),
    ({"operational_responsibility": " "}, "operational_responsibility"),
    ({"administrative_responsibility": ""}, "administrative_responsibility"),
])
def test_scaling_needs_reason_directions_and_another_phase(world, changes, field):
    data = {"phase": 2, "reason": "Fictief", "case_direction": "Wijkteam", "process_direction": "Gemeente",
            **RESPONSIBLE} | changes
    with pytest.raises(DomainError) as exc:
        services.ave_phase_change(actor=Actor.system(world.worker), access=world.access, **data)
    assert exc.value.field == field
    assert not AvePhaseChange.objects.exists()


def test_emergency_grant_may_not_scale(world):
    access = CaseAccess(case=world.case, grant="emergency", can_write=True)
    with pytest.raises(PermissionDenied):
        services.ave_phase_change(actor=Actor.system(world.colleague), access=access, phase=2, reason="x",
                                  case_direction="x", process_direction="x", **RESPONSIBLE)
    row = AccessLogEntry.objects.get(user_id=world.colleague.pk, event="collaboration.ave_change_denied")
    assert row.outcome == "denied" and row.is_emergency


def test_overdue_vt_feedback_gives_a_proposal(world):
    assert selectors.proposal_for(world.case) is None
    overdue_vt_report(world)
    proposal = selectors.proposal_for(world.case)
    assert proposal.to_phase == 2 and proposal.reasons == (Reason.OVERDUE_VT_FEEDBACK,)


def test_feedback_due_today_is_not_yet_overdue(world):
    overdue_vt_report(world, days_ago=0)
    assert selectors.proposal_for(world.case) is None


def test_falling_safety_scale_from_assessment_gives_a_proposal(world):
    from wijkveilig.assessment import services as assessment_services
    from wijkveilig.assessment.models import SafetyMapping
    from wijkveilig.assessment.services import ScaleEntry

    for score in (7, 4):
        assessment_services.safety_mapping_record(actor=Actor.system(world.worker), access=world.access,
                                                  dangers=[], scales=[ScaleEntry(party="worker", score=score)])
    mappings = list(SafetyMapping.objects.order_by("id"))
    SafetyMapping.objects.filter(pk=mappings[0].pk).update(recorded_at=timezone.now() - timedelta(days=10))
    assert selectors.proposal_for(world.case).reasons == (Reason.FALLING_SAFETY_SCALE,)


def test_a_decision_due_before_the_meeting_is_refused_and_nothing_saved(world):
    meeting = timezone.now() + timedelta(days=3)

    def record(due_on):
        return services.conference_record(
            actor=Actor.system(world.worker), access=world.access, scheduled_at=meeting,
            participant_ids=[world.worker.pk], question="Fictieve vraag", risk_estimate="high",
            decisions=[DecisionIn("Fictief huisbezoek", world.worker.pk, due_on)])

    with pytest.raises(DomainError) as exc:
        record(timezone.localdate(meeting) - timedelta(days=1))
    assert "casusbespreking" in exc.value.message
    assert not CaseConference.objects.exists()
    record(timezone.localdate(meeting))  # the day of the meeting itself is fine
