"""The Wijkveilig API (OpenAPI at /api/v1/openapi.json): the same access helper and services as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, ValidationError

from wijkveilig.accounts import permissions
from wijkveilig.api import schemas as s
from wijkveilig.api.auth import PersonalTokenAuth, VerifiedSessionAuth
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import selectors, services
from wijkveilig.cases.access import access_case
from wijkveilig.cases.models import Case, Note
from wijkveilig.core.errors import AuditUnavailable, ConflictError, DomainError
from wijkveilig.households.models import Person

api = NinjaAPI(title="Wijkveilig API", version="1", urls_namespace="api",
               auth=[PersonalTokenAuth(), VerifiedSessionAuth()], docs_url="/docs")
ERRORS = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.ErrorOut,
          503: s.ErrorOut}


def _error(request, status: int, detail: str, field: str | None = None):
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


api.add_exception_handler(Http404, lambda r, e: _error(r, 404, "Niet gevonden."))
api.add_exception_handler(PermissionDenied, lambda r, e: _error(r, 403, "U mag dit niet wijzigen."))
api.add_exception_handler(AuthenticationError, lambda r, e: _error(r, 401, "Niet ingelogd."))
api.add_exception_handler(ConflictError, lambda r, e: _error(r, 409, e.message))
api.add_exception_handler(DomainError, lambda r, e: _error(r, 422, e.message, e.field))
api.add_exception_handler(AuditUnavailable, lambda r, e: _error(r, 503, "Tijdelijk niet beschikbaar."))
api.add_exception_handler(ValidationError, lambda r, e: _error(r, 422, "Ongeldige invoer: " + "; ".join(
    ".".join(str(p) for p in err.get("loc", [])[1:]) or "body" for err in e.errors)))


def _case_out(case: Case) -> dict:
    return {"id": case.pk, "reference": case.reference, "status": case.status, "summary": case.summary,
            "household_name": case.household.name, "team": case.team.name, "opened_at": case.opened_at,
            "closed_at": case.closed_at, "close_reason": case.close_reason, "version": case.version}


def _person_out(person: Person, case: Case) -> dict:
    roles = sorted(p.role for p in person.participations.all() if p.case_id == case.pk)
    return {"id": person.pk, "first_name": person.first_name, "last_name": person.last_name,
            "birth_date": person.birth_date, "gender": person.gender, "roles": roles, "version": person.version}


def _require_case_worker(request):
    if not permissions.can_work_on_cases(request.user):
        raise PermissionDenied


class CaseFilter(Schema):
    q: str = ""
    status: str = ""


@api.get("/cases", response={200: list[s.CaseListOut], **ERRORS}, tags=["cases"])
def list_cases(request, filters: Query[CaseFilter]):
    """Cases the user may open (assigned, team for coordinators, consulted, emergency)."""
    _require_case_worker(request)
    cases = selectors.case_search(actor=Actor.from_request(request), query=filters.q[:100], status=filters.status)
    return [{"id": c.pk, "reference": c.reference, "status": c.status, "household_name": c.household.name,
             "opened_at": c.opened_at} for c in cases[:500]]


@api.post("/cases", response={201: s.CaseOut, **ERRORS}, tags=["cases"])
def create_case(request, payload: s.CaseIn):
    _require_case_worker(request)
    access = services.case_open(actor=Actor.from_request(request), **payload.dict())
    return 201, _case_out(access.case)


@api.get("/cases/{case_id}", response={200: s.CaseOut, **ERRORS}, tags=["cases"])
def get_case(request, case_id: int):
    return _case_out(access_case(request, case_id).case)


@api.patch("/cases/{case_id}", response={200: s.CaseOut, **ERRORS}, tags=["cases"])
def update_case(request, case_id: int, payload: s.CaseUpdateIn):
    access = access_case(request, case_id, write=True)
    case = services.case_update(actor=Actor.from_request(request), access=access, expected_version=payload.version,
                                summary=payload.summary)
    return _case_out(case)


@api.post("/cases/{case_id}/close", response={200: s.CaseOut, **ERRORS}, tags=["cases"])
def close_case(request, case_id: int, payload: s.CaseCloseIn):
    access = access_case(request, case_id, write=True, section="status")
    case = services.case_close(actor=Actor.from_request(request), access=access, expected_version=payload.version,
                               reason=payload.reason, note=payload.note)
    return _case_out(case)


@api.get("/cases/{case_id}/persons", response={200: list[s.PersonOut], **ERRORS}, tags=["persons"])
def list_persons(request, case_id: int):
    case = access_case(request, case_id, section="persons").case
    persons = Person.objects.filter(household=case.household).prefetch_related("participations")
    return [_person_out(p, case) for p in persons]


@api.post("/cases/{case_id}/persons", response={201: s.PersonOut, **ERRORS}, tags=["persons"])
def add_person(request, case_id: int, payload: s.PersonIn):
    access = access_case(request, case_id, write=True, section="persons")
    person = hh.person_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _person_out(Person.objects.prefetch_related("participations").get(pk=person.pk), access.case)


@api.put("/cases/{case_id}/persons/{person_id}", response={200: s.PersonOut, **ERRORS}, tags=["persons"])
def update_person(request, case_id: int, person_id: int, payload: s.PersonUpdateIn):
    access = access_case(request, case_id, write=True, section="persons")
    person = get_object_or_404(Person, pk=person_id, household=access.case.household)
    data = payload.dict()
    version = data.pop("version")
    hh.person_update(actor=Actor.from_request(request), access=access, person=person, expected_version=version, **data)
    return _person_out(Person.objects.prefetch_related("participations").get(pk=person.pk), access.case)


@api.post("/cases/{case_id}/relations", response={201: s.RelationOut, **ERRORS}, tags=["persons"])
def add_relation(request, case_id: int, payload: s.RelationIn):
    access = access_case(request, case_id, write=True, section="persons")
    relation = hh.relation_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, {"id": relation.pk, "person_id": relation.person_id, "other_id": relation.other_id,
                 "kind": relation.kind}


def _note_out(note: Note) -> dict:
    return {field: getattr(note, field) for field in
            ["id", "kind", "statement_kind", "occurred_at", "place", "observer", "source", "body", "version"]}


@api.get("/cases/{case_id}/notes", response={200: list[s.NoteOut], **ERRORS}, tags=["notes"])
def list_notes(request, case_id: int):
    case = access_case(request, case_id, section="notes").case
    return [_note_out(n) for n in case.notes.all()[:1000]]


@api.post("/cases/{case_id}/notes", response={201: s.NoteOut, **ERRORS}, tags=["notes"])
def add_note(request, case_id: int, payload: s.NoteIn):
    access = access_case(request, case_id, write=True, section="notes")
    note = services.note_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _note_out(note)


@api.put("/cases/{case_id}/notes/{note_id}", response={200: s.NoteOut, **ERRORS}, tags=["notes"])
def update_note(request, case_id: int, note_id: int, payload: s.NoteUpdateIn):
    access = access_case(request, case_id, write=True, section="notes")
    note = get_object_or_404(Note, pk=note_id, case=access.case)
    data = payload.dict()
    version = data.pop("version")
    note = services.note_update(actor=Actor.from_request(request), access=access, note=note,
                                expected_version=version, **data)
    return _note_out(note)
