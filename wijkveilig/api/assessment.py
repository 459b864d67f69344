"""Assessment API operations: Balansmodel, ZRM 2017, Signs of Safety mapping (same services as the pages)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Router, Schema

from wijkveilig.api.meldcode import KindcheckIn
from wijkveilig.api.schemas import ErrorOut, PastDate, Text
from wijkveilig.assessment import balansmodel, rules, selectors, services, zrm
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.meldcode import services as meldcode_services

router = Router(tags=["assessment"])
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), ErrorOut)
NOTE = Field("", max_length=2000)
TEXT = Field("", max_length=5000)
FactorCode = Literal[tuple(f.code for f in balansmodel.FACTORS)]
DomainCode = Literal[zrm.DOMAIN_CODES]


class FactorIn(Schema):
    code: FactorCode
    note: Text = NOTE


class BalanceIn(Schema):
    factors: list[FactorIn] = Field(..., min_length=1, max_length=len(balansmodel.FACTORS))


class LevelOut(Schema):
    level: str
    risk: int
    protective: int


class BalanceOut(Schema):
    id: int
    assessed_at: datetime
    factors: list[str]
    levels: list[LevelOut]
    risk_outweighs: bool


class ZrmScoreIn(Schema):
    domain: DomainCode
    score: int = Field(..., ge=1, le=5)
    note: Text = NOTE


class ZrmIn(Schema):
    person_id: int = Field(..., ge=1, le=2**62)
    information_on: PastDate
    scores: list[ZrmScoreIn] = Field(..., min_length=13, max_length=13)


class ZrmOut(Schema):
    id: int
    person_id: int
    assessed_at: datetime
    information_on: PastDate
    is_stale: bool
    scores: dict[str, int]
    suggests_meldcode: bool


class DangerIn(Schema):
    who_worried: Text = Field(..., min_length=1, max_length=2000)
    behaviour: Text = Field(..., min_length=1, max_length=2000)
    consequence: Text = Field(..., min_length=1, max_length=2000)
    safety_goal: Text = Field(..., min_length=1, max_length=2000)


class ScaleIn(Schema):
    party: Literal["worker", "parent", "child", "network"]
    person_id: int | None = Field(None, ge=1, le=2**62)
    score: int = Field(..., ge=0, le=10)


class SafetyMappingIn(Schema):
    harm: Text = TEXT
    complicating_factors: Text = TEXT
    strengths: Text = TEXT
    existing_safety: Text = TEXT
    next_steps: Text = TEXT
    dangers: list[DangerIn] = Field(default_factory=list, max_length=services.MAX_DANGER_STATEMENTS)
    scales: list[ScaleIn] = Field(default_factory=list, max_length=50)


class ScaleOut(Schema):
    recorded_at: datetime
    party: str
    person_id: int | None
    score: int


class AssessmentsOut(Schema):
    balance: BalanceOut | None
    zrm: list[ZrmOut]
    safety_scales: list[ScaleOut]
    partner_violence_prompt: bool
    kindcheck_prompt: list[str] = Field(..., description="Triggers (kindcheck risk situations) of 'Doe de kindcheck'; "
                                                         "empty when there is no prompt.")


class KindcheckOut(Schema):
    id: int
    route_id: int | None
    recorded_at: datetime
    risk_situations: list[str]
    minors: str


def _balance_out(assessment, balance) -> dict:
    return {"id": assessment.pk, "assessed_at": assessment.assessed_at,
            "factors": sorted(f.code for f in assessment.factors.all()),
            "levels": [{"level": lb.level.value, "risk": lb.risk, "protective": lb.protective}
                       for lb in balance.levels],
            "risk_outweighs": balance.risk_outweighs}


def _zrm_out(point, person_id: int) -> dict:
    return {"id": point.assessment_id, "person_id": person_id, "assessed_at": point.assessed_at,
            "information_on": point.information_on, "is_stale": point.is_stale, "scores": point.scores,
            "suggests_meldcode": point.scores.get("domestic_relations") == 1}


@router.get("/cases/{case_id}/assessments", response={200: AssessmentsOut, **ERRORS})
def get_assessments(request, case_id: int):
    """The latest Balansmodel, every ZRM scoring per person, the safety-scale history and the prompt."""
    case = access_case(request, case_id, section=services.SECTION).case
    history = selectors.balance_history(case, limit=1)
    zrm_rows = [_zrm_out(point, person.pk) for person in case.household.persons.all()
                for point in selectors.zrm_trend(case, person.pk)]
    return {"balance": _balance_out(*history[0]) if history else None, "zrm": zrm_rows,
            "safety_scales": selectors.safety_scale_trend(case),
            "partner_violence_prompt": selectors.partner_violence_prompt(case),
            "kindcheck_prompt": list(prompt.triggers) if (prompt := selectors.kindcheck_prompts([case.pk]).get(case.pk))
            else []}


@router.post("/cases/{case_id}/kindcheck", response={201: KindcheckOut, **ERRORS})
def add_kindcheck(request, case_id: int, payload: KindcheckIn):
    """Record a kindcheck outside a Meldcode route (the same service as step 1); ends 'Doe de kindcheck'."""
    access = access_case(request, case_id, write=True, section=services.SECTION)
    return 201, meldcode_services.kindcheck_record(actor=Actor.from_request(request), access=access, route_id=None,
                                                   **payload.dict())


@router.post("/cases/{case_id}/balance", response={201: BalanceOut, **ERRORS})
def add_balance(request, case_id: int, payload: BalanceIn):
    """Record a Balansmodel assessment: the ticked factors with a note each."""
    access = access_case(request, case_id, write=True, section=services.SECTION)
    factors = {f.code: f.note for f in payload.factors}
    assessment = services.balance_assess(actor=Actor.from_request(request), access=access, factors=factors)
    return 201, _balance_out(assessment, rules.balance_compute(list(factors)))


@router.post("/cases/{case_id}/zrm", response={201: ZrmOut, **ERRORS})
def add_zrm(request, case_id: int, payload: ZrmIn):
    """Record a ZRM 2017 scoring of one person: all 13 domains, 1-5."""
    access = access_case(request, case_id, write=True, section=services.SECTION)
    scores = {s.domain: services.ZrmEntry(score=s.score, note=s.note) for s in payload.scores}
    assessment = services.zrm_assess(actor=Actor.from_request(request), access=access, person_id=payload.person_id,
                                     information_on=payload.information_on, scores=scores)
    point = next(p for p in selectors.zrm_trend(access.case, payload.person_id) if p.assessment_id == assessment.pk)
    return 201, _zrm_out(point, payload.person_id)


@router.post("/cases/{case_id}/safety-mappings", response={201: list[ScaleOut], **ERRORS})
def add_safety_mapping(request, case_id: int, payload: SafetyMappingIn):
    """Record a Signs of Safety mapping; answers with the case's safety-scale history."""
    access = access_case(request, case_id, write=True, section=services.SECTION)
    data = payload.dict()
    dangers = [services.DangerEntry(**d) for d in data.pop("dangers")]
    scales = [services.ScaleEntry(**s) for s in data.pop("scales")]
    services.safety_mapping_record(actor=Actor.from_request(request), access=access, dangers=dangers, scales=scales,
                                   **data)
    return 201, selectors.safety_scale_trend(access.case)
