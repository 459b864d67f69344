"""Intake API operations: register and triage incoming concerns, overrule the colour, look up the route, and
record how an oranje/rood concern ends (report to Veilig Thuis, or Veilig Thuis already has it)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wijkveilig.api.schemas import ErrorOut, LocalDatetime, PastDate, RequiredText, Text, Version
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_write
from wijkveilig.intake import closure, policy, selectors, services
from wijkveilig.intake.access import SECTION, access_concern
from wijkveilig.intake.models import Concern, ConcernHandling, Source
from wijkveilig.intake.triage import Colour, TriageAnswers

router = Router(tags=["intake"])
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 503), ErrorOut)
MAX_LIST = 500


class PersonKnownIn(Schema):
    first_name: RequiredText = Field(..., max_length=80)
    last_name: RequiredText = Field(..., max_length=120)
    birth_date: PastDate | None = None
    bsn: Text = Field("", max_length=9, description="Wordt gecontroleerd met de elfproef.")
    role: Text = Field("", max_length=30)


class TriageIn(Schema):
    direct_danger: bool = Field(..., description="A. Direct gevaar? (ja → rood)")
    direct_danger_reason: RequiredText = Field(..., max_length=2000)
    structural_unsafety: bool = Field(..., description="B. Structurele ernstige onveiligheid? (ja → oranje)")
    structural_unsafety_reason: RequiredText = Field(..., max_length=2000)
    multi_problem: bool = Field(..., description="C. Schadelijke multiprobleemsituatie? (ja → geel)")
    multi_problem_reason: RequiredText = Field(..., max_length=2000)


class ConcernIn(Schema):
    source: Source
    received_at: LocalDatetime
    household_name: RequiredText = Field(..., max_length=120)
    street: Text = Field("", max_length=120)
    house_number: Text = Field("", max_length=12)
    postcode: Text = Field("", max_length=8)
    city: Text = Field("", max_length=80)
    observation: RequiredText = Field(..., max_length=20000)
    persons: list[PersonKnownIn] = Field(default_factory=list, max_length=services.MAX_PERSONS)
    triage: TriageIn | None = Field(None, description="De triage bij binnenkomst; kan ook later.")


class TriageUpdateIn(TriageIn):
    version: Version


class OverruleIn(Schema):
    colour: Colour
    reason: RequiredText = Field(..., max_length=2000)
    version: Version


class ConcernOut(Schema):
    id: int
    reference: str
    source: str
    status: str
    received_at: datetime
    household_name: str
    buurt_code: str | None
    team: str | None
    vt_contact: str | None = Field(None, description="De vaste contactpersoon bij Veilig Thuis van het team.")
    destination: str
    computed_colour: str
    final_colour: str
    overrule_reason: str
    needs_specialist_support: bool
    is_acute: bool = Field(..., description="Rood: bel 112, de acute route geldt.")
    handling: str = Field("", description="De afhandeling: reported, vt_already_knows, case_with_route, case; "
                                          "leeg zolang er geen is.")
    is_open_for_handling: bool = Field(..., description="Blijft in de wachtrij tot een passende afhandeling.")
    version: int


def _form_key():
    return Field(..., min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$",
                 description="Eén sleutel per formulier: dezelfde sleutel nog eens geeft dezelfde afhandeling terug.")


class VtReportIn(Schema):
    idempotency_key: str = _form_key()
    observation: RequiredText = Field(..., max_length=20000)
    informed_whom: Text = Field("", max_length=300)
    informed_reaction: Text = Field("", max_length=5000)
    not_informed_reason: Text = Field("", max_length=5000)


class VtKnownIn(Schema):
    idempotency_key: str = _form_key()
    vt_reference: RequiredText = Field(..., max_length=60)
    vt_known_on: PastDate


class HandlingOut(Schema):
    concern_id: int
    outcome: str
    recorded_at: datetime
    is_acute: bool
    reported_to: str | None = Field(None, description="De vaste contactpersoon Veilig Thuis die de melding kreeg.")
    vt_reference: str
    vt_known_on: date | None


class AddressRouteOut(Schema):
    buurt_code: str | None
    buurt_name: str | None
    team: str | None
    message: str


def _triage_args(payload: TriageIn) -> dict:
    data = payload.dict()
    return {"answers": TriageAnswers(**{q: data[q] for q in ("direct_danger", "structural_unsafety", "multi_problem")}),
            "reasons": {q: data[f"{q}_reason"] for q in ("direct_danger", "structural_unsafety", "multi_problem")}}


def _handling_out(handling: ConcernHandling) -> dict:
    to = handling.reported_to
    return {"concern_id": handling.concern_id, "outcome": handling.outcome, "recorded_at": handling.recorded_at,
            "is_acute": handling.is_acute, "reported_to": (to.get_full_name() or to.get_username()) if to else None,
            "vt_reference": handling.vt_reference, "vt_known_on": handling.vt_known_on}


def _out(concern: Concern) -> dict:
    contact = concern.team.vt_contact if concern.team_id else None
    handling = concern.handling if hasattr(concern, "handling") else None
    outcome = handling.outcome if handling else ""
    return {"id": concern.pk, "reference": concern.reference, "source": concern.source, "status": concern.status,
            "received_at": concern.received_at, "household_name": concern.household_name,
            "buurt_code": concern.buurt.code if concern.buurt_id else None,
            "team": concern.team.name if concern.team_id else None,
            "vt_contact": (contact.get_full_name() or contact.get_username()) if contact else None,
            "destination": concern.destination, "computed_colour": concern.computed_colour,
            "final_colour": concern.final_colour, "overrule_reason": concern.overrule_reason,
            "needs_specialist_support": concern.needs_specialist_support,
            "is_acute": concern.final_colour == Colour.RED, "handling": outcome,
            "is_open_for_handling": closure.is_open_for_handling(colour=concern.final_colour, outcome=outcome,
                                                                 has_case=bool(concern.case_id)),
            "version": concern.version}


def _require(request, allowed: bool) -> None:
    if allowed:
        return
    access_log_write(actor=Actor.from_request(request), event="concern.access_denied", action=Action.READ,
                     outcome=Outcome.DENIED, section=SECTION)
    raise PermissionDenied(_("Uw rol heeft geen toegang tot de intake."))


@router.get("/intake/concerns", response={200: list[ConcernOut], **ERRORS})
def list_concerns(request):
    """The intake queue of the coordinator's teams and the municipal queue, most urgent colour first."""
    _require(request, policy.works_the_queue(request.user))
    access_log_write(actor=Actor.from_request(request), event="concern.queue_viewed", action=Action.READ,
                     section=SECTION, auth_rule="team")
    municipal = selectors.municipal_queue(request.user).select_related("team", "handling")
    concerns = list(selectors.team_queue(request.user)[:MAX_LIST]) + list(municipal[:MAX_LIST])
    return [_out(c) for c in concerns]


@router.post("/intake/concerns", response={201: ConcernOut, **ERRORS})
def register_concern(request, payload: ConcernIn):
    """Register an incoming concern; with `triage` it gets its colour and route at once."""
    data = payload.dict(exclude={"persons", "triage"})
    triage = _triage_args(payload.triage) if payload.triage else {}
    persons = [services.PersonKnown(**p.dict()) for p in payload.persons]
    concern = services.concern_register(actor=Actor.from_request(request), persons=persons, **data, **triage)
    return 201, _out(concern)


@router.get("/intake/concerns/{concern_id}", response={200: ConcernOut, **ERRORS})
def get_concern(request, concern_id: int):
    return _out(access_concern(request, concern_id).concern)


@router.post("/intake/concerns/{concern_id}/triage", response={200: ConcernOut, **ERRORS})
def triage_concern(request, concern_id: int, payload: TriageUpdateIn):
    """Answer the three triage questions; the colour follows (Wijkveilig's own scale, not a national one). 409 if
    someone triaged or overruled since `version`."""
    access = access_concern(request, concern_id, write=True)
    return _out(services.concern_triage(actor=Actor.from_request(request), access=access,
                                        expected_version=payload.version, **_triage_args(payload)))


@router.post("/intake/concerns/{concern_id}/overrule", response={200: ConcernOut, **ERRORS})
def overrule_colour(request, concern_id: int, payload: OverruleIn):
    """A coordinator sets another colour with a mandatory reason; the computed colour is kept. 409 if someone
    triaged or overruled since `version`."""
    access = access_concern(request, concern_id, write=True)
    data = payload.dict()
    return _out(services.concern_overrule(actor=Actor.from_request(request), access=access,
                                          expected_version=data.pop("version"), **data))


@router.post("/intake/concerns/{concern_id}/vt-report", response={201: HandlingOut, **ERRORS})
def report_concern_to_vt(request, concern_id: int, payload: VtReportIn):
    """Report an oranje/rood concern to the team's fixed Veilig Thuis contact; the concern leaves the queue."""
    access = access_concern(request, concern_id, write=True)
    return 201, _handling_out(services.concern_vt_report_send(actor=Actor.from_request(request), access=access,
                                                              **payload.dict()))


@router.post("/intake/concerns/{concern_id}/vt-known", response={201: HandlingOut, **ERRORS})
def confirm_vt_has_concern(request, concern_id: int, payload: VtKnownIn):
    """Record that Veilig Thuis already has an oranje/rood concern, with its reference (required) and date."""
    access = access_concern(request, concern_id, write=True)
    return 201, _handling_out(services.concern_vt_known_confirm(actor=Actor.from_request(request), access=access,
                                                                **payload.dict()))


class RouteQuery(Schema):
    postcode: Text = Field(..., max_length=8)
    house_number: Text = Field(..., max_length=12)


@router.get("/intake/routing", response={200: AddressRouteOut, **ERRORS})
def route_address(request, query: Query[RouteQuery]):
    """Which buurt and team an address belongs to, by the postcode table."""
    _require(request, bool(policy.sources_for(request.user)))
    buurt, team = services.address_route(postcode=query.postcode, house_number=query.house_number)
    if buurt is None:
        return {"buurt_code": None, "buurt_name": None, "team": None, "message": _(
            "Adres niet gevonden in de postcodetabel: de zorg gaat naar de gemeentelijke wachtrij.")}
    return {"buurt_code": buurt.code, "buurt_name": buurt.name, "team": team.name if team else None,
            "message": _("Adres gevonden.")}
