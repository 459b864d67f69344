"""Collaboration API operations: case conferences with decisions, the AVE phase and MDA++ (the pages' services)."""

from datetime import date, datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from wijkveilig.api.schemas import ErrorOut, LocalDatetime, PastDate, RequiredText, Text, Version
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.collaboration import selectors, services

router = Router(tags=["collaboration"])
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), ErrorOut)
SECTION = services.SECTION


class DecisionIn(Schema):
    description: RequiredText = Field(..., min_length=1, max_length=5000)
    owner_id: int = Field(..., ge=1, le=2**62)
    due_on: PastDate


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
    operational_responsibility: RequiredText = Field(..., min_length=1, max_length=300)
    administrative_responsibility: RequiredText = Field(..., min_length=1, max_length=300)


class AveChangeOut(Schema):
    id: int
    phase: int
    previous_phase: int
    reason: str
    case_direction: str
    process_direction: str
    operational_responsibility: str
    administrative_responsibility: str
    suggested_phase: int | None
    changed_at: datetime
    changed_by_id: int


class ProposalOut(Schema):
    to_phase: int
    reasons: list[str]


class AveSuggestionOut(Schema):
    """Present when the known facts call for a higher AVE phase than recorded: a person should set it."""
    phase: int
    reasons: list[str]


class CollaborationOut(Schema):
    phase: int
    ave_suggestion: AveSuggestionOut | None
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
            "operational_responsibility": ch.operational_responsibility,
            "administrative_responsibility": ch.administrative_responsibility, "suggested_phase": ch.suggested_phase,
            "changed_at": ch.changed_at, "changed_by_id": ch.changed_by_id}


@router.get("/cases/{case_id}/collaboration", response={200: CollaborationOut, **ERRORS})
def get_collaboration(request, case_id: int):
    """The case's AVE phase and history, the escalation proposal (if any) and its case conferences."""
    access = access_case(request, case_id, section=SECTION)
    data = selectors.case_overview(access.case)
    proposal = data["proposal"]
    prompt = data["ave_prompt"]
    return {"phase": data["phase"],
            "ave_suggestion": {"phase": prompt["phase"], "reasons": list(prompt["reasons"])} if prompt else None,
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
    """Set or scale the case's AVE phase (coordinator or assigned worker), with a reason and who holds casusregie,
    procesregie, operational and administrative responsibility."""
    access = access_case(request, case_id, write=True, section=SECTION)
    change = services.ave_phase_change(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _ave_out(change)


# ---- MDA++ ------------------------------------------------------------------------------------------------------

class MdaStartIn(Schema):
    case_director_id: int = Field(..., ge=1, le=2**62)
    contact_person_id: int | None = Field(None, ge=1, le=2**62)
    criteria: list[str] = Field(..., min_length=1, max_length=10)
    reason: RequiredText = Field(..., min_length=1, max_length=5000)


class MdaDirectorIn(Schema):
    case_director_id: int = Field(..., ge=1, le=2**62)
    contact_person_id: int | None = Field(..., ge=1, le=2**62, description="null: de vaste contactpersoon blijft")
    version: Version


class MdaPartnerIn(Schema):
    user_id: int = Field(..., ge=1, le=2**62)
    sector: str = Field(..., max_length=20)
    basis: str = Field(..., max_length=20)
    basis_note: RequiredText = Field(..., min_length=1, max_length=2000)


class ReasonIn(Schema):
    reason: RequiredText = Field(..., min_length=1, max_length=2000)


class MdaPartnerOut(Schema):
    id: int
    user_id: int
    name: str
    organisation: str
    sector: str
    basis: str
    basis_note: str
    added_at: datetime
    removed_at: datetime | None


class MdaOut(Schema):
    id: int
    version: int = Field(..., description="Stuur deze mee bij het wijzigen van casusregisseur of contactpersoon")
    case_director_id: int
    contact_person_id: int
    case_ids: list[int]
    criteria: list[str]
    reason: str
    started_at: datetime
    ended_at: datetime | None
    partners: list[MdaPartnerOut]


class SharedAgreementOut(Schema):
    kind: str
    is_withheld: bool = Field(..., description="Beschermende afspraak: alleen soort, datum en status worden gedeeld")
    who: str
    what: str
    due_on: date
    where: str
    network: str
    latest_status: str
    latest_on: date | None


class SharedDecisionOut(Schema):
    description: str
    owner: str
    due_on: date
    done_at: datetime | None


class SharedCasePlanOut(Schema):
    case_reference: str
    plan_status: str | None
    vt_conditions: str
    agreements: list[SharedAgreementOut]
    decisions: list[SharedDecisionOut]


class SharedPlanOut(SharedCasePlanOut):
    case_director: str | None
    contact_person: str | None
    other_cases: list[SharedCasePlanOut]  # the household's other open cases in this MDA++ that the caller may see


class PartnerCaseOut(Schema):
    case_id: int
    reference: str
    household_name: str
    team: str


def _name(user) -> str:
    return user.get_full_name() or user.username


def _mda_out(enrolment) -> dict:
    return {"id": enrolment.pk, "version": enrolment.version, "case_director_id": enrolment.case_director_id,
            "contact_person_id": enrolment.contact_person_id,
            "case_ids": list(enrolment.links.values_list("case_id", flat=True)), "criteria": enrolment.criteria,
            "reason": enrolment.reason, "started_at": enrolment.started_at, "ended_at": enrolment.ended_at,
            "partners": [{"id": p.pk, "user_id": p.user_id, "name": _name(p.user), "organisation": p.user.organisation,
                          "sector": p.sector, "basis": p.basis, "basis_note": p.basis_note, "added_at": p.added_at,
                          "removed_at": p.removed_at} for p in enrolment.partners.select_related("user")]}


def _directing(request, case_id: int):
    """Write access to the case and case direction (assigned worker or coordinator); a refusal is logged."""
    access = access_case(request, case_id, write=True, section=SECTION)
    services.require_direction(Actor.from_request(request), access, "collaboration.mda_change_denied")
    return access


@router.get("/cases/{case_id}/mda", response={200: MdaOut, **ERRORS})
def get_mda(request, case_id: int):
    """The team's view of the case's current MDA++: case director, criteria and every partner (404 when none)."""
    access = access_case(request, case_id, section=SECTION)
    enrolment = services.mda_current(access.case)
    if enrolment is None:
        return 404, {"detail": _("Deze casus is geen MDA++-casus.")}
    return _mda_out(enrolment)


@router.post("/cases/{case_id}/mda", response={201: MdaOut, **ERRORS})
def start_mda(request, case_id: int, payload: MdaStartIn):
    """Mark the case as MDA++ with one case director from the case's team and the criteria that apply."""
    access = _directing(request, case_id)
    enrolment = services.mda_start(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _mda_out(enrolment)


@router.post("/cases/{case_id}/mda/join", response={200: MdaOut, **ERRORS})
def join_mda(request, case_id: int):
    """Add this case to its household's open MDA++: the same case director, partners and shared plan."""
    access = _directing(request, case_id)
    return _mda_out(services.mda_join(actor=Actor.from_request(request), access=access))


@router.put("/cases/{case_id}/mda/director", response={200: MdaOut, **ERRORS})
def change_mda_director(request, case_id: int, payload: MdaDirectorIn):
    """Hand the MDA++ case direction and/or the role of fixed contact person for the family to team members."""
    access = _directing(request, case_id)
    data = payload.dict()
    return _mda_out(services.mda_director_change(actor=Actor.from_request(request), access=access,
                                                 expected_version=data.pop("version"), **data))


@router.post("/cases/{case_id}/mda/partners", response={201: MdaPartnerOut, **ERRORS})
def add_mda_partner(request, case_id: int, payload: MdaPartnerIn):
    """Give an external partner's account access to the shared plan of this case, with the ground for sharing."""
    access = _directing(request, case_id)
    row = services.mda_partner_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _mda_out(row.enrolment)["partners"][-1] | {"id": row.pk}


@router.post("/cases/{case_id}/mda/partners/{partner_id}/remove", response={200: MdaOut, **ERRORS})
def remove_mda_partner(request, case_id: int, partner_id: int, payload: ReasonIn):
    """End one partner's access to this case's shared plan, with a reason."""
    access = _directing(request, case_id)
    row = services.mda_partner_remove(actor=Actor.from_request(request), access=access, partner_id=partner_id,
                                      reason=payload.reason)
    return _mda_out(row.enrolment)


@router.post("/cases/{case_id}/mda/end", response={200: MdaOut, **ERRORS})
def end_mda(request, case_id: int, payload: ReasonIn):
    """End the MDA++: every partner's access ends with it."""
    access = _directing(request, case_id)
    return _mda_out(services.mda_end(actor=Actor.from_request(request), access=access, reason=payload.reason))


def _shared_part(data: dict) -> dict:
    plan = data["plan"]
    return {"case_reference": data["case"].reference, "plan_status": plan.status if plan else None,
            "vt_conditions": plan.vt_conditions if plan else "",
            "agreements": data["shared_agreements"],  # protective ones already withheld (plan_for_person)
            "decisions": [{"description": d.description, "owner": _name(d.owner), "due_on": d.due_on,
                           "done_at": d.done_at} for d in data["decisions"]]}


@router.get("/cases/{case_id}/mda/shared-plan", response={200: SharedPlanOut, **ERRORS})
def get_shared_plan(request, case_id: int):
    """What MDA++ partners see: agreements with their latest status, Veilig Thuis conditions and conference
    decisions, of this case and of the household's other open cases in the MDA++ (one family, one plan). Never
    notes, review notes, conference deliberations or safe places."""
    access = access_case(request, case_id, section="mda", event="mda.shared_plan_viewed")
    data = selectors.household_shared_plan(actor=Actor.from_request(request), case=access.case)
    this, *others = data["parts"]
    mda = data["mda"]
    return _shared_part(this) | {
        "case_director": _name(mda.case_director) if mda else None,
        "contact_person": _name(mda.contact_person) if mda else None,
        "other_cases": [_shared_part(part) for part in others]}


@router.get("/mda/cases", response={200: list[PartnerCaseOut], **ERRORS})
def list_partner_cases(request):
    """An external partner's open MDA++ cases (partner and Veilig Thuis accounts only); the listing is logged."""
    cases = selectors.mda_cases_listed(actor=Actor.from_request(request))
    return [{"case_id": c.pk, "reference": c.reference, "household_name": c.household.name, "team": c.team.name}
            for c in cases]
