"""Meldcode API operations: every step, the report to Veilig Thuis and its feedback (same services as the pages)."""

import json
from datetime import date, datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from wijkveilig.api.schemas import ErrorOut, LocalDatetime, PastDate, RequiredText, Text, Version
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import monitoring
from wijkveilig.meldcode import monitoring_services as mons
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import Complexity, MeldcodeRoute, MonitoringOutcome, VtReport
from wijkveilig.meldcode.monitoring_selectors import route_monitoring
from wijkveilig.meldcode.state import route_state
from wijkveilig.meldcode.weighing_selectors import complexity_suggestion, specialist_contacts

router = Router(tags=["meldcode"])
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), ErrorOut)
TEXT = Field(..., min_length=1, max_length=5000)
OPTIONAL_TEXT = Field("", max_length=5000)


class ReturningViolenceOut(Schema):
    id: int
    occurred_on: date
    description: str
    recorded_at: datetime


class VtAnswerOut(Schema):
    id: int
    answer: str
    summary: str
    safety_conditions: str
    organisation: str
    monitoring_on: date | None
    recorded_at: datetime


class RouteOut(Schema):
    id: int
    case_id: int
    status: str
    phase: str
    completed_steps: list[int]
    current_step: int | None
    outcome: str | None
    report_norm: int | None
    next_question: str | None
    evaluation_on: date | None
    returning_violence: list[ReturningViolenceOut]
    vt_answers: list[VtAnswerOut]


class SignalIn(Schema):
    supports_suspicion: bool
    note_id: int | None = Field(None, ge=1, le=2**62, description="Koppel een bestaand signaal; anders een nieuw")
    statement_kind: str = Field("observation", pattern="^(observation|opinion|hypothesis)$")
    occurred_at: LocalDatetime | None = None
    body: Text = Field("", max_length=20000)
    place: Text = Field("", max_length=200)
    observer: Text = Field("", max_length=200)
    source: Text = Field("", max_length=300)


class KindcheckIn(Schema):
    risk_situations: list[str] = Field(default_factory=list, max_length=6)
    minors: str = Field("", pattern="^(|yes|no|unclear|not_applicable)$")
    not_applicable_reason: Text = OPTIONAL_TEXT
    includes_partner_children: bool = False
    pregnancy: bool = False
    where_children_stay: Text = OPTIONAL_TEXT
    action_taken: Text = OPTIONAL_TEXT


class ConsultationIn(Schema):
    kind: str = Field(..., pattern="^(colleague|specialist|veilig_thuis|injury_expert)$")
    with_whom: Text = Field("", max_length=200)
    specialist_id: int | None = Field(None, ge=1, le=2**62)
    consulted_on: PastDate
    topic: RequiredText = TEXT
    advice: RequiredText = TEXT


class ConversationIn(Schema):
    held: bool
    held_on: PastDate | None = None
    with_whom: Text = Field("", max_length=200)
    facts_presented: Text = OPTIONAL_TEXT
    reaction: Text = OPTIONAL_TEXT
    skip_reason: Text = Field("", max_length=25)
    skip_explanation: Text = OPTIONAL_TEXT


class WeighingIn(Schema):
    nature: RequiredText = TEXT
    severity: str = Field(..., pattern="^(low|moderate|serious)$")
    risk: RequiredText = TEXT
    is_in_doubt: bool = False
    threatened_person_ids: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(default_factory=list, max_length=50,
                                             description="Wie worden bedreigd: personen uit het huishouden")
    has_great_harm: bool = Field(False, description="Groot letsel of ernstige schade")
    complexity_kinds: list[Literal[tuple(Complexity.values)]] = Field(default_factory=list, max_length=6)
    complexity_note: Text = OPTIONAL_TEXT


class SpecialistContactOut(Schema):
    name: str
    expertise: list[str]
    phone: str
    email: str
    note: str


class WeighingOut(Schema):
    recorded: bool = Field(..., description="Of er al een weging is vastgelegd (stap 4)")
    nature: str = ""
    severity: str = ""
    risk: str = ""
    is_in_doubt: bool = False
    threatened_person_ids: list[int] = Field(default_factory=list)
    has_great_harm: bool = False
    complexity_kinds: list[str] = Field(default_factory=list)
    is_complex: bool = False
    complexity_note: str = ""
    suggested_complexity_kinds: list[str]
    specialist_contacts: list[SpecialistContactOut] = Field(
        ..., description="Bij een complexe situatie: schakel specialistische hulp in (contacten van de gemeente)")


class MonitoringAgreementIn(Schema):
    what: RequiredText = TEXT
    due_on: PastDate
    checker_id: int | None = Field(None, ge=1, le=2**62, description="Een lid van het team van de casus")
    checker_text: Text = Field("", max_length=200)


class MonitoringCheckIn(Schema):
    agreement_id: int = Field(..., ge=1, le=2**62)
    version: Version
    checked_on: PastDate
    outcome: Literal[tuple(MonitoringOutcome.values)]
    check_note: Text = OPTIONAL_TEXT


class MonitoringAgreementOut(Schema):
    id: int
    version: int
    what: str
    checker_id: int | None
    checker: str
    due_on: date
    status: str
    checked_on: date | None
    outcome: str
    check_note: str
    suggests_returning_violence: bool


class AnswerIn(Schema):
    question: str = Field(..., pattern="^(suspicion|unsafety|can_help|help_accepted|result_achieved)$")
    answer: bool
    justification: RequiredText = TEXT
    evaluation_on: PastDate | None = None


class ReturningViolenceIn(Schema):
    occurred_on: PastDate
    description: RequiredText = TEXT


class VtAnswerIn(Schema):
    answer: str = Field(..., pattern="^(vt_takes_over|help_under_conditions|other_organisation)$")
    summary: RequiredText = TEXT
    safety_conditions: Text = OPTIONAL_TEXT
    organisation: Text = Field("", max_length=300)
    monitoring_on: PastDate | None = None


class ReopenIn(Schema):
    reason: RequiredText = TEXT


class AcuteDangerIn(Schema):
    police_called_at: LocalDatetime  # naive input is Dutch time, else comparing with now() fails (500)
    called_by: RequiredText = Field(..., max_length=200)
    note: Text = OPTIONAL_TEXT


class ReportIn(Schema):
    idempotency_key: str = Field(..., min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")
    informed_whom: Text = Field("", max_length=300)
    informed_reaction: Text = OPTIONAL_TEXT
    not_informed_reason: Text = OPTIONAL_TEXT


class ReportOut(Schema):
    id: int
    case_id: int
    route_id: int
    sent_at: datetime
    assessment_due_on: date
    investigation_due_on: date | None
    is_acute: bool
    content: dict


class FeedbackIn(Schema):
    moment: str = Field(..., pattern="^(after_assessment|after_investigation)$")
    decision: str = Field(..., pattern="^(own_investigation|rvdk_request|conditions|transfer|end)$")
    summary: RequiredText = TEXT
    received_on: PastDate
    safety_conditions: Text = OPTIONAL_TEXT


class FeedbackOut(Schema):
    id: int
    report_id: int
    moment: str
    decision: str
    received_on: PastDate


def _route_out(route: MeldcodeRoute) -> dict:
    state = route_state(route)
    decision = state.decision
    return {"id": route.pk, "case_id": route.case_id, "status": route.status, "phase": state.phase.value,
            "completed_steps": sorted(state.facts.completed),
            "current_step": state.current_step.value if state.current_step else None,
            "outcome": decision.outcome.value if decision.outcome else None, "report_norm": decision.report_norm,
            "next_question": decision.next_question.value if decision.next_question else None,
            "evaluation_on": route.evaluation_on,
            "returning_violence": list(route.returning_violence.all()), "vt_answers": list(route.vt_answers.all())}


def _act(request, case_id: int, route_id: int, call) -> dict:
    """Write access to the case, one service call on the route, the route's new state back."""
    access = access_case(request, case_id, write=True, section="meldcode")
    route = get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case)
    call(Actor.from_request(request), access, route.pk)
    route.refresh_from_db()
    return _route_out(route)


def _report_out(report: VtReport) -> dict:
    return {"id": report.pk, "case_id": report.case_id, "route_id": report.route_id, "sent_at": report.sent_at,
            "assessment_due_on": report.assessment_due_on, "investigation_due_on": report.investigation_due_on,
            "is_acute": report.is_acute,
            "content": json.loads(report.content)}


@router.post("/cases/{case_id}/meldcode", response={201: RouteOut, **ERRORS})
def start_meldcode_route(request, case_id: int):
    access = access_case(request, case_id, write=True, section="meldcode")
    return 201, _route_out(ms.route_start(actor=Actor.from_request(request), access=access))


@router.get("/cases/{case_id}/meldcode/{route_id}", response={200: RouteOut, **ERRORS})
def get_meldcode_route(request, case_id: int, route_id: int):
    access = access_case(request, case_id, section="meldcode")
    return _route_out(get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case))


@router.post("/cases/{case_id}/meldcode/{route_id}/signals", response={200: RouteOut, **ERRORS})
def add_meldcode_signal(request, case_id: int, route_id: int, payload: SignalIn):
    data = payload.dict()
    note_id, supports = data.pop("note_id"), data.pop("supports_suspicion")
    if note_id:
        return _act(request, case_id, route_id, lambda a, acc, r: ms.signal_link(
            actor=a, access=acc, route_id=r, note_id=note_id, supports_suspicion=supports))
    return _act(request, case_id, route_id, lambda a, acc, r: ms.signal_add(
        actor=a, access=acc, route_id=r, supports_suspicion=supports, **_note_fields(data)))


def _note_fields(data: dict) -> dict:
    return {**data, "occurred_at": data["occurred_at"] or timezone.now()}


@router.post("/cases/{case_id}/meldcode/{route_id}/kindcheck", response={200: RouteOut, **ERRORS})
def record_kindcheck(request, case_id: int, route_id: int, payload: KindcheckIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.kindcheck_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/consultations", response={200: RouteOut, **ERRORS})
def record_meldcode_consultation(request, case_id: int, route_id: int, payload: ConsultationIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.consultation_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/conversation", response={200: RouteOut, **ERRORS})
def record_conversation(request, case_id: int, route_id: int, payload: ConversationIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.conversation_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/weighing", response={200: RouteOut, **ERRORS})
def record_weighing(request, case_id: int, route_id: int, payload: WeighingIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.weighing_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.get("/cases/{case_id}/meldcode/{route_id}/weighing", response={200: WeighingOut, **ERRORS})
def get_weighing(request, case_id: int, route_id: int):
    access = access_case(request, case_id, section="meldcode")
    route = get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case)
    record = route.weighings.first()
    suggested = sorted(complexity_suggestion(route))
    if record is None:
        return {"recorded": False, "suggested_complexity_kinds": suggested, "specialist_contacts": []}
    contacts = [{"name": c.name, "expertise": c.expertise, "phone": c.phone, "email": c.email, "note": c.note}
                for c in specialist_contacts(route, record)]
    return {"recorded": True, "nature": record.nature, "severity": record.severity, "risk": record.risk,
            "is_in_doubt": record.is_in_doubt, "threatened_person_ids": [p.pk for p in record.threatened_persons.all()],
            "has_great_harm": record.has_great_harm, "complexity_kinds": record.complexity_kinds,
            "is_complex": record.is_complex, "complexity_note": record.complexity_note,
            "suggested_complexity_kinds": suggested, "specialist_contacts": contacts}


def _monitoring_out(route: MeldcodeRoute) -> list[dict]:
    return [{"id": a.pk, "version": a.version, "what": a.what, "checker_id": a.checker_id,
             "checker": a.checker_display(), "due_on": a.due_on, "status": status, "checked_on": a.checked_on,
             "outcome": a.outcome, "check_note": a.check_note,
             "suggests_returning_violence": monitoring.suggests_returning_violence(a.outcome)}
            for a, status in route_monitoring(route)]


@router.get("/cases/{case_id}/meldcode/{route_id}/monitoring", response={200: list[MonitoringAgreementOut], **ERRORS})
def list_monitoring(request, case_id: int, route_id: int):
    access = access_case(request, case_id, section="meldcode")
    return _monitoring_out(get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case))


@router.post("/cases/{case_id}/meldcode/{route_id}/monitoring", response={201: RouteOut, **ERRORS})
def record_monitoring_agreement(request, case_id: int, route_id: int, payload: MonitoringAgreementIn):
    """Question 5 = yes: one monitoring agreement; the first one closes the route."""
    return 201, _act(request, case_id, route_id,
                     lambda a, acc, r: mons.monitoring_agreement_record(actor=a, access=acc, route_id=r,
                                                                        **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/monitoring/checks",
             response={200: list[MonitoringAgreementOut], **ERRORS})
def record_monitoring_check(request, case_id: int, route_id: int, payload: MonitoringCheckIn):
    access = access_case(request, case_id, write=True, section="meldcode")
    route = get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case)
    data = payload.dict()
    mons.monitoring_check_record(actor=Actor.from_request(request), access=access, route_id=route.pk,
                                 agreement_id=data.pop("agreement_id"), expected_version=data.pop("version"), **data)
    return _monitoring_out(route)


@router.post("/cases/{case_id}/meldcode/{route_id}/answers", response={200: RouteOut, **ERRORS})
def answer_afwegingskader(request, case_id: int, route_id: int, payload: AnswerIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.answer_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/steps/{step}/complete", response={200: RouteOut, **ERRORS})
def complete_meldcode_step(request, case_id: int, route_id: int, step: int):
    if not 1 <= step <= 5:
        raise DomainError(_("Onbekende stap."), field="step")
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.step_complete(actor=a, access=acc, route_id=r, step=step))


@router.post("/cases/{case_id}/meldcode/{route_id}/steps/{step}/reopen", response={200: RouteOut, **ERRORS})
def reopen_meldcode_step(request, case_id: int, route_id: int, step: int, payload: ReopenIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.step_reopen(actor=a, access=acc, route_id=r, step=step, reason=payload.reason))


@router.post("/cases/{case_id}/meldcode/{route_id}/confirm", response={200: RouteOut, **ERRORS})
def confirm_meldcode_decision(request, case_id: int, route_id: int):
    return _act(request, case_id, route_id, lambda a, acc, r: ms.decision_confirm(actor=a, access=acc, route_id=r))


@router.post("/cases/{case_id}/meldcode/{route_id}/acute-danger", response={200: RouteOut, **ERRORS})
def record_acute_danger(request, case_id: int, route_id: int, payload: AcuteDangerIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.acute_danger_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/returning-violence", response={200: RouteOut, **ERRORS})
def record_returning_violence(request, case_id: int, route_id: int, payload: ReturningViolenceIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.returning_violence_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/vt-answer", response={200: RouteOut, **ERRORS})
def record_vt_answer(request, case_id: int, route_id: int, payload: VtAnswerIn):
    return _act(request, case_id, route_id,
                lambda a, acc, r: ms.vt_answer_record(actor=a, access=acc, route_id=r, **payload.dict()))


@router.post("/cases/{case_id}/meldcode/{route_id}/reports", response={201: ReportOut, **ERRORS})
def send_vt_report(request, case_id: int, route_id: int, payload: ReportIn):
    access = access_case(request, case_id, write=True, section="meldcode")
    route = get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case)
    report = ms.vt_report_send(actor=Actor.from_request(request), access=access, route_id=route.pk, **payload.dict())
    return 201, _report_out(report)


@router.get("/cases/{case_id}/reports/{report_id}", response={200: ReportOut, **ERRORS})
def get_vt_report(request, case_id: int, report_id: int):
    access = access_case(request, case_id, section="vt_report", event="vt_report.exported")
    return _report_out(get_object_or_404(VtReport, pk=report_id, case=access.case))


@router.post("/cases/{case_id}/reports/{report_id}/feedback", response={201: FeedbackOut, **ERRORS})
def record_vt_feedback(request, case_id: int, report_id: int, payload: FeedbackIn):
    access = access_case(request, case_id, write=True, section="vt_report")
    feedback = ms.vt_feedback_record(actor=Actor.from_request(request), access=access, report_id=report_id,
                                     **payload.dict())
    return 201, {"id": feedback.pk, "report_id": feedback.report_id, "moment": feedback.moment,
                 "decision": feedback.decision, "received_on": feedback.received_on}
