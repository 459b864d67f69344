"""The Wijkveilig API (OpenAPI at /api/v1/openapi.json): the same access helper and services as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query

from wijkveilig.accounts import policy as roles
from wijkveilig.api import errors
from wijkveilig.api import schemas as s
from wijkveilig.api.assessment import router as assessment_router
from wijkveilig.api.auth import PersonalTokenAuth, VerifiedSessionAuth, docs_require_login
from wijkveilig.api.collaboration import router as collaboration_router
from wijkveilig.api.intake import router as intake_router
from wijkveilig.api.meldcode import router as meldcode_router
from wijkveilig.api.safety import router as safety_router
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_write
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import selectors, services
from wijkveilig.cases.access import access_case
from wijkveilig.cases.models import Case, Note
from wijkveilig.households.models import Person


class WijkveiligAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # `list_cases`, not the module path


api = WijkveiligAPI(
    title="Wijkveilig API", version="1", urls_namespace="api", docs_url="/docs",
    auth=[PersonalTokenAuth(), VerifiedSessionAuth()], docs_decorator=docs_require_login,
    parser=errors.ObjectParser(),
    description="Authenticatie: een persoonlijk API-token (`Authorization: Bearer wv_...`) of de browsersessie na de "
                "tweede factor (dan met CSRF-token). Een fout heeft altijd de vorm `{detail, field}`, met `detail` in "
                "het Nederlands. Een casus buiten uw bereik geeft 404, net als een casus die niet bestaat.",
)
errors.install(api)

MAX_LIST = 500
CASE_PAGE = 100


def _codes(*codes: int) -> dict:
    return dict.fromkeys((401, *codes, 422, 503), s.ErrorOut)


LIST_ERRORS = _codes(403)  # 403: this role does not work on cases
CREATE_ERRORS = _codes(403)
READ_ERRORS = _codes(404)  # 404: missing or outside the user's scope, indistinguishably
WRITE_ERRORS = _codes(403, 404, 409)  # 403: read-only (consulted) or CSRF; 409: stale version


def _require_case_worker(request, *, action: str, section: str) -> None:
    """Roles without case work (policy, VT liaison, admin, log officer) get nothing; the attempt is logged."""
    if roles.can_work_on_cases(request.user):
        return
    event = "case.access_denied" if action == Action.READ else "case.write_denied"
    access_log_write(actor=Actor.from_request(request), event=event, action=action, outcome=Outcome.DENIED,
                     section=section)
    raise PermissionDenied(_("Uw rol heeft geen toegang tot casussen."))


def _case_out(case: Case) -> dict:
    return {"id": case.pk, "reference": case.reference, "status": case.status, "summary": case.summary,
            "household_name": case.household.name, "team": case.team.name, "opened_at": case.opened_at,
            "closed_at": case.closed_at, "close_reason": case.close_reason, "version": case.version}


def _person_out(person: Person, case: Case) -> dict:
    roles = sorted(p.role for p in person.participations.all() if p.case_id == case.pk)
    return {"id": person.pk, "first_name": person.first_name, "last_name": person.last_name,
            "birth_date": person.birth_date, "gender": person.gender, "roles": roles, "version": person.version}


def _case_persons(case: Case):
    return Person.objects.filter(household_id=case.household_id).prefetch_related("participations")


def _note_out(note: Note) -> dict:
    return {field: getattr(note, field) for field in
            ["id", "kind", "statement_kind", "occurred_at", "place", "observer", "source", "body", "version"]}


def _child_or_404(queryset, pk: int):
    """A person or note of the accessed case; 404 when it is missing or belongs to another case."""
    found = queryset.filter(pk=pk).first() if 0 < pk <= s.MAX_ID else None
    if found is None:
        raise Http404
    return found


def _case_list(request, response: HttpResponse, *, query: str, status: str, after: str) -> list[dict]:
    """One page, newest first; the cursor of the next page is in the X-Next-Cursor header (none on the last page),
    so the list's cost does not grow with the number of cases the user may see (issue 12)."""
    _require_case_worker(request, action=Action.READ, section="team_list")
    page = selectors.api_case_page(actor=Actor.from_request(request), query=query, status=status,
                                   size=CASE_PAGE, after=after or None)
    if page.older_cursor:
        response["X-Next-Cursor"] = page.older_cursor
    return [{"id": c.pk, "reference": c.reference, "status": c.status, "household_name": c.household.name,
             "opened_at": c.opened_at} for c in page]


@api.get("/cases", response={200: list[s.CaseListOut], **LIST_ERRORS}, tags=["cases"])
def list_cases(request, response: HttpResponse, filters: Query[s.StatusFilter]):
    """Cases the user may open (assigned, team for coordinators, consulted, emergency), newest first, 100 a page;
    the next page is `?na=` with the X-Next-Cursor header's value."""
    return _case_list(request, response, query="", status=filters.status, after=filters.na)


@api.post("/cases/search", response={200: list[s.CaseListOut], **LIST_ERRORS}, tags=["cases"])
def search_cases(request, response: HttpResponse, payload: s.CaseSearchIn):
    """Search the cases the user may open; the terms go in the body so no name ends up in a URL or proxy log.
    100 a page; the next page is the same body with `na` set to the X-Next-Cursor header's value."""
    return _case_list(request, response, query=payload.q, status=payload.status, after=payload.na)


@api.post("/cases", response={201: s.CaseOut, **CREATE_ERRORS}, tags=["cases"])
def create_case(request, payload: s.CaseIn):
    """Open a case (and its household) in the user's team, assigned to the user."""
    _require_case_worker(request, action=Action.CREATE, section="case")
    access = services.case_open(actor=Actor.from_request(request), **payload.dict())
    return 201, _case_out(access.case)


@api.get("/cases/{case_id}", response={200: s.CaseOut, **READ_ERRORS}, tags=["cases"])
def get_case(request, case_id: int):
    return _case_out(access_case(request, case_id).case)


@api.patch("/cases/{case_id}", response={200: s.CaseOut, **WRITE_ERRORS}, tags=["cases"])
def update_case(request, case_id: int, payload: s.CaseUpdateIn):
    """Change the summary; `version` must be the one last fetched (409 otherwise)."""
    access = access_case(request, case_id, write=True)
    case = services.case_update(actor=Actor.from_request(request), access=access, expected_version=payload.version,
                                summary=payload.summary)
    return _case_out(case)


@api.post("/cases/{case_id}/close", response={200: s.CaseOut, **WRITE_ERRORS}, tags=["cases"])
def close_case(request, case_id: int, payload: s.CaseCloseIn):
    """Close the case with a reason ('other' needs a note); `version` as last fetched."""
    access = access_case(request, case_id, write=True, section="status")
    case = services.case_close(actor=Actor.from_request(request), access=access, expected_version=payload.version,
                               reason=payload.reason, note=payload.note)
    return _case_out(case)


@api.get("/cases/{case_id}/persons", response={200: list[s.PersonOut], **READ_ERRORS}, tags=["persons"])
def list_persons(request, case_id: int):
    case = access_case(request, case_id, section="persons").case
    return [_person_out(p, case) for p in _case_persons(case)[:MAX_LIST]]


@api.post("/cases/{case_id}/persons", response={201: s.PersonOut, **WRITE_ERRORS}, tags=["persons"])
def add_person(request, case_id: int, payload: s.PersonIn):
    access = access_case(request, case_id, write=True, section="persons")
    person = hh.person_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _person_out(_case_persons(access.case).get(pk=person.pk), access.case)


@api.put("/cases/{case_id}/persons/{person_id}", response={200: s.PersonOut, **WRITE_ERRORS}, tags=["persons"])
def update_person(request, case_id: int, person_id: int, payload: s.PersonUpdateIn):
    """Replace a person's details and roles in this case; `version` as last fetched."""
    access = access_case(request, case_id, write=True, section="persons")
    person = _child_or_404(_case_persons(access.case), person_id)
    data = payload.dict()
    version = data.pop("version")
    hh.person_update(actor=Actor.from_request(request), access=access, person=person, expected_version=version, **data)
    return _person_out(_case_persons(access.case).get(pk=person.pk), access.case)


@api.post("/cases/{case_id}/relations", response={201: s.RelationOut, **WRITE_ERRORS}, tags=["persons"])
def add_relation(request, case_id: int, payload: s.RelationIn):
    """Record that person `person_id` is <kind> of `other_id` (both of this case's household)."""
    access = access_case(request, case_id, write=True, section="persons")
    relation = hh.relation_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, {"id": relation.pk, "person_id": relation.person_id, "other_id": relation.other_id,
                 "kind": relation.kind}


@api.get("/cases/{case_id}/notes", response={200: list[s.NoteOut], **READ_ERRORS}, tags=["notes"])
def list_notes(request, case_id: int):
    case = access_case(request, case_id, section="notes").case
    return [_note_out(n) for n in Note.objects.filter(case=case)[:MAX_LIST]]


@api.post("/cases/{case_id}/notes", response={201: s.NoteOut, **WRITE_ERRORS}, tags=["notes"])
def add_note(request, case_id: int, payload: s.NoteIn):
    access = access_case(request, case_id, write=True, section="notes")
    note = services.note_add(actor=Actor.from_request(request), access=access, **payload.dict())
    return 201, _note_out(note)


@api.put("/cases/{case_id}/notes/{note_id}", response={200: s.NoteOut, **WRITE_ERRORS}, tags=["notes"])
def update_note(request, case_id: int, note_id: int, payload: s.NoteUpdateIn):
    """Correct a note of this case; `version` as last fetched."""
    access = access_case(request, case_id, write=True, section="notes")
    note = _child_or_404(Note.objects.filter(case=access.case), note_id)
    data = payload.dict()
    version = data.pop("version")
    note = services.note_update(actor=Actor.from_request(request), access=access, note=note,
                                expected_version=version, **data)
    return _note_out(note)


api.add_router("", meldcode_router)
api.add_router("", assessment_router)
api.add_router("", intake_router)
api.add_router("", safety_router)
api.add_router("", collaboration_router)
