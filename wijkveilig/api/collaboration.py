"""Collaboration API operations: case conferences with decisions, and the AVE phase (same services as the pages)."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema

from wijkveilig.api.schemas import ErrorOut, LocalDatetime, RequiredText, Text
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.collaboration import selectors, services

router = Router(tags=["collaboration"])
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422, 503)}
SECTION = services.SECTION


class DecisionIn(Schema):
    description: RequiredText = Field(..., min_length=1, max_length=5000)
    owner_id: int = Field(..., ge=1, le=2**62)
    due_on: date


class ConferenceIn(Schema):
    scheduled_at: LocalDatetime
    participant_ids: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(..., min_length=1, max_length=50)
    question: RequiredText = Field(..., min_length=1, max_length=5000)
    known: Text = Field("", max_length=5000)
    not_known: Text = Field("", max_length=5000)
    to_find_out: Text = Field("", max_length=5000)
    risk_estimate: str = Field(..., pattern="^(low|moderate|high|unknown)$")
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=20)


class DecisionOut(Schema):
    id: int
    description: str
    owner_id: int
    due_on: date
    done_at: datetime | None


class ConferenceOut(Schema):
    id: int
    scheduled_at: datetime
    participant_ids: list[int]
    question: str
    known: str
    not_known: str
    to_find_out: str
    risk_estimate: str
    decisions: list[DecisionOut]


class AveIn(Schema):
    phase: int = Field(..., ge=1, le=4)
    reason: RequiredText = Field(..., min_length=1, max_length=5000)
    case_direction: RequiredText = Field(..., min_length=1, max_length=300)
    process_direction: RequiredText = Field(..., min_length=1, max_length=300)


class AveChangeOut(Schema):
    id: int
    phase: int
    previous_phase: int
    reason: str
    case_direction: str
    process_direction: str
    changed_at: datetime
    changed_by_id: int


class ProposalOut(Schema):
    to_phase: int
    reasons: list[str]


class CollaborationOut(Schema):
    phase: int
    proposal: ProposalOut | None
    ave_changes: list[AveChangeOut]
    conferences: list[ConferenceOut]


def _decision_out(d) -> dict:
    return {"id": d.pk, "description": d.description, "owner_id": d.owner_id, "due_on": d.due_on,
            "done_at": d.done_at}


def _conference_out(c) -> dict:
    return {"id": c.pk, "scheduled_at": c.scheduled_at, "participant_ids": [p.pk for p in c.participants.all()],
            "question": c.question, "known": c.known, "not_known": c.not_known, "to_find_out": c.to_find_out,
            "risk_estimate": c.risk_estimate, "decisions": [_decision_out(d) for d in c.decisions.all()]}


def _ave_out(ch) -> dict:
    return {"id": ch.pk, "phase": ch.phase, "previous_phase": ch.previous_phase, "reason": ch.reason,
            "case_direction": ch.case_direction, "process_direction": ch.process_direction,
            "changed_at": ch.changed_at, "changed_by_id": ch.changed_by_id}


@router.get("/cases/{case_id}/collaboration", response={200: CollaborationOut, **ERRORS})
def get_collaboration(request, case_id: int):
    """The case's AVE phase and history, the escalation proposal (if any) and its case conferences."""
    access = access_case(request, case_id, section=SECTION)
    data = selectors.case_overview(access.case)
    proposal = data["proposal"]
    return {"phase": data["phase"],
            "proposal": {"to_phase": proposal.to_phase, "reasons": list(proposal.reasons)} if proposal else None,
            "ave_changes": [_ave_out(ch) for ch in data["ave_changes"]],
            "conferences": [_conference_out(c) for c in data["conferences"]]}


@router.post("/cases/{case_id}/conferences", response={201: ConferenceOut, **ERRORS})
def create_conference(request, case_id: int, payload: ConferenceIn):
    """Record a case conference; participants and decision owners must be members of the case's team."""
    access = access_case(request, case_id, write=True, section=SECTION)
    data = payload.dict()
    decisions = [services.DecisionIn(**d) for d in data.pop("decisions")]
    conference = services.conference_record(actor=Actor.from_request(request), access=access,
                                            decisions=decisions, **data)
    return 201, _conference_out(conference)


@router.post("/cases/{case_id}/decisions/{decision_id}/done", response={200: DecisionOut, **ERRORS})
def complete_decision(request, case_id: int, decision_id: int):
    """Mark a conference decision done; only its owner may."""
    access = access_case(request, case_id, write=True, section=SECTION)
    decision = services.decision_complete(actor=Actor.from_request(request), access=access,
                                          decision_id=decision_id)
    return _decision_out(decision)


@router.post("/cases/{case_id}/ave", response={201: AveChangeOut, **ERRORS})
def change_ave_phase(request, case_id: int, payload: AveIn):
    """Scale the case up or down to another AVE phase (coordinator or assigned worker), with a reason."""
    access = access_case(request, case_id, write=True, section=SECTION)
    if access.grant not in services.SCALING_GRANTS:
        raise PermissionDenied
    change = services.ave_phase_change(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _ave_out(change)
