"""Safety plan API operations: the plan, its agreements, reviews and safe places (same services as the pages)."""

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wijkveilig.api.schemas import MAX_VERSION, ErrorOut, PastDate, RequiredText, Text, Version
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.core.errors import DomainError
from wijkveilig.safety import rules, selectors, services
from wijkveilig.safety.family_pdf import family_pdf_response
from wijkveilig.safety.models import NO_ANSWER_VERSION

router = Router(tags=["safety"])
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), ErrorOut)
SHORT = Field(..., min_length=1, max_length=200)


class ReviewOut(Schema):
    status: str
    note: str
    reviewed_on: date
    reviewed_by: str


class AgreementOut(Schema):
    id: int
    kind: str
    who: str
    what: str
    due_on: date
    where: str
    network: str
    is_protective: bool
    audience_ids: list[int]
    version: int
    is_overdue: bool
    reviews: list[ReviewOut]


class SafePlaceOut(Schema):
    person_id: int
    answer: str
    version: int


class PlanOut(Schema):
    status: str
    version: int = Field(..., description="De versie van de voorwaarden en evaluatiedatum (1: nog niet opgeslagen)")
    vt_conditions: str
    vt_conditions_hint: str
    review_on: date | None
    agreed_at: datetime | None
    agreements: list[AgreementOut]
    safe_places: list[SafePlaceOut]
    missing: list[str]


class PlanIn(Schema):
    """A PUT replaces both fields, so both must be named: a missing one would silently be emptied."""

    vt_conditions: Text = Field(..., max_length=2000, description="Leeg (\"\"): geen voorwaarden van Veilig Thuis")
    review_on: PastDate | None = Field(..., description="null: geen evaluatiedatum")
    version: Version


class AgreementIn(Schema):
    kind: Literal["immediate", "lasting"]
    who: RequiredText = SHORT
    what: RequiredText = Field(..., min_length=1, max_length=2000)
    due_on: PastDate
    where: Text = Field("", max_length=200)
    network: Text = Field("", max_length=500)
    is_protective: bool | None = Field(None, description="Beschermt een slachtoffer; leeg: het voorstel van de regel")
    audience_ids: list[int] = Field(default_factory=list, max_length=50,
                                    description="Voor wie (personen van het huishouden); leeg: wie bij naam genoemd is")

    def entry(self) -> services.AgreementEntry:
        data = self.dict(exclude={"version"})
        return services.AgreementEntry(**data | {"audience_ids": tuple(data["audience_ids"])})


class AgreementUpdateIn(AgreementIn):
    """A PUT replaces the whole agreement: the optional fields of a new agreement must be named here."""

    where: Text = Field(..., max_length=200)
    network: Text = Field(..., max_length=500)
    is_protective: bool | None = Field(..., description="null: het voorstel van de regel")
    audience_ids: list[int] = Field(..., max_length=50, description="[]: wie bij naam genoemd is")
    version: Version


class ReviewIn(Schema):
    agreement_id: int = Field(..., ge=1, le=2**62)
    status: Literal["kept", "partly", "not_kept"]
    reviewed_on: PastDate
    note: Text = Field("", max_length=2000)


class SafePlaceIn(Schema):
    answer: RequiredText = Field(..., min_length=1, max_length=2000)
    version: int = Field(..., ge=NO_ANSWER_VERSION, le=MAX_VERSION,
                         description="De versie van het laatst opgehaalde antwoord; 0 als er nog geen was")


def _agreement_out(agreement, today: date) -> dict:
    reviews = list(agreement.reviews.all())
    return {"id": agreement.pk, "kind": agreement.kind, "who": agreement.who, "what": agreement.what,
            "due_on": agreement.due_on, "where": agreement.where, "network": agreement.network,
            "is_protective": agreement.is_protective, "audience_ids": sorted(p.pk for p in agreement.audience.all()),
            "version": agreement.version, "is_overdue": rules.is_overdue(due_on=agreement.due_on, today=today,
                                           latest_status=reviews[0].status if reviews else None),
            "reviews": [{"status": r.status, "note": r.note, "reviewed_on": r.reviewed_on,
                         "reviewed_by": r.reviewed_by.username} for r in reviews]}


def _plan_out(case) -> dict:
    plan, today = selectors.plan_of(case), timezone.localdate()
    saved = list(plan.safe_places.order_by("person_id").values_list("person_id", "answer", "version")) if plan else []
    places = {pk: answer for pk, answer, _version in saved}
    agreements = selectors.agreements(plan)
    return {"status": plan.status if plan else "draft", "version": plan.version if plan else 1,
            "vt_conditions": plan.vt_conditions if plan else "",
            "vt_conditions_hint": selectors.vt_conditions_hint(case), "review_on": plan.review_on if plan else None,
            "agreed_at": plan.agreed_at if plan else None,
            "agreements": [_agreement_out(a, today) for a in agreements],
            "safe_places": [{"person_id": pk, "answer": answer, "version": version} for pk, answer, version in saved],
            "missing": rules.plan_missing(agreement_count=len(agreements),
                                          victim_ids=selectors.safe_place_person_ids(case), answers=places)}


def _write(request, case_id: int):
    return access_case(request, case_id, write=True, section=services.SECTION)


@router.get("/cases/{case_id}/safety-plan", response={200: PlanOut, **ERRORS})
def get_safety_plan(request, case_id: int):
    """The case's safety plan: agreements (immediate safety first) with reviews, safe places, what is missing."""
    return _plan_out(access_case(request, case_id, section=services.SECTION).case)


@router.put("/cases/{case_id}/safety-plan", response={200: PlanOut, **ERRORS})
def update_safety_plan(request, case_id: int, payload: PlanIn):
    """Set the Veilig Thuis safety conditions and the next review date (409 if someone saved them since `version`)."""
    access = _write(request, case_id)
    data = payload.dict()
    services.plan_update(actor=Actor.from_request(request), access=access, expected_version=data.pop("version"),
                         **data)
    return _plan_out(access.case)


@router.post("/cases/{case_id}/safety-plan/agreements", response={201: AgreementOut, **ERRORS})
def add_safety_agreement(request, case_id: int, payload: AgreementIn):
    """Add one SMART agreement (who, what, when, where, network)."""
    access = _write(request, case_id)
    agreement = services.safety_agreement_add(actor=Actor.from_request(request), access=access,
                                              entry=payload.entry())
    return 201, _agreement_out(agreement, timezone.localdate())


@router.put("/cases/{case_id}/safety-plan/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def update_safety_agreement(request, case_id: int, agreement_id: int, payload: AgreementUpdateIn):
    """Change one agreement and for whom it is (409 if someone saved it since `version`)."""
    access = _write(request, case_id)
    agreement = services.safety_agreement_update(actor=Actor.from_request(request), access=access,
                                                 agreement_id=agreement_id, expected_version=payload.version,
                                                 entry=payload.entry())
    return _agreement_out(agreement, timezone.localdate())


@router.post("/cases/{case_id}/safety-plan/reviews", response={201: PlanOut, **ERRORS})
def add_safety_review(request, case_id: int, payload: ReviewIn):
    """Record a review of one agreement: kept, partly kept or not kept."""
    access = _write(request, case_id)
    services.safety_agreement_review(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _plan_out(access.case)


@router.put("/cases/{case_id}/safety-plan/safe-places/{person_id}", response={200: PlanOut, **ERRORS})
def set_safe_place(request, case_id: int, person_id: int, payload: SafePlaceIn):
    """Record a victim's or child's answer to "Waar kan je heen als het opnieuw gebeurt?" (409 if someone recorded
    one since `version`; 0 when there was none yet)."""
    access = _write(request, case_id)
    services.safe_place_set(actor=Actor.from_request(request), access=access, person_id=person_id,
                            expected_version=payload.version, answer=payload.answer)
    return _plan_out(access.case)


@router.post("/cases/{case_id}/safety-plan/agree", response={200: PlanOut, **ERRORS})
def agree_safety_plan(request, case_id: int):
    """Mark the plan as agreed; 422 until it has an agreement and every victim and child has a safe place."""
    access = _write(request, case_id)
    services.safety_plan_agree(actor=Actor.from_request(request), access=access)
    return _plan_out(access.case)


class FamilyPdfQuery(Schema):
    for_person_id: int = Field(..., ge=1, le=2**62, description="De persoon voor wie deze gezinsversie is")


@router.get("/cases/{case_id}/safety-plan/family-pdf", response={200: None, **ERRORS})
def get_family_pdf(request, case_id: int, query: Query[FamilyPdfQuery]):
    """The plain-language family version for one person: only the agreements for them (never a protective one for
    a suspected perpetrator), only their own safe place, no notes (PDF)."""
    access = access_case(request, case_id, section=services.SECTION, event="safety.family_pdf_exported")
    person = get_object_or_404(access.case.household.persons, pk=query.for_person_id)
    plan = selectors.plan_of(access.case)
    if plan is None:
        raise DomainError(_("Er is nog geen veiligheidsplan om af te drukken."))
    return family_pdf_response(plan, person)
