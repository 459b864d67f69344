"""The API per persona: scope (404 like missing), read-only (403), Dutch 422s, 409 on stale versions, the access log,
authentication (2FA session with CSRF, bearer tokens) and query counts that do not grow with the data."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.middleware import AUTH_AT_KEY
from wijkveilig.accounts.services import api_token_create, api_token_revoke
from wijkveilig.audit.models import AccessLogEntry, Action, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.models import Case, CaseStatus, Note, Participant
from wijkveilig.cases.policy import access_for
from wijkveilig.households.models import Person, Relation

API = "/api/v1"
MISSING_ID = 987654
ENGLISH = ("Input should", "Field required", "String should", "value is not", "Cannot parse", "Unauthorized",
           "Forbidden", "Not Found", "CSRF check Failed")
OUT_OF_SCOPE = ["outsider", "outside_coordinator", "colleague", "vt_liaison", "policy_officer", "admin",
                "log_officer"]



def bearer(user, **kwargs) -> Client:
    _, key = api_token_create(user=user, name="Testtoken")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", **kwargs)


def send(client: Client, method: str, path: str, payload=None):
    if payload is None:
        return getattr(client, method)(API + path)
    return getattr(client, method)(API + path, data=payload, content_type="application/json")


def verified_session(user, *, enforce_csrf_checks: bool = False, second_factor: bool = True) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    session = client.session
    if second_factor:
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session[AUTH_AT_KEY] = timezone.now().isoformat()
    session.save()
    return client


def log_rows(**filters):
    return AccessLogEntry.objects.filter(**filters)


def snapshot(case: Case) -> tuple:
    """What a refused request must leave exactly as it was."""
    case.refresh_from_db()
    return (case.version, case.status, case.summary, Person.objects.count(), Note.objects.count(),
            Relation.objects.count(), Participant.objects.count(),
            sorted(Note.objects.values_list("version", flat=True)),
            sorted(Person.objects.values_list("version", flat=True)))


@pytest.fixture
def w(world):
    """The `world` case with two persons and one note, all added by `worker`."""
    actor = Actor.system(world.worker)
    world.parent = hh.person_add(actor=actor, access=world.access, first_name="Testouder", last_name="Fictief",
                                 roles=["victim"])
    world.child = hh.person_add(actor=actor, access=world.access, first_name="Testkind", last_name="Fictief",
                                roles=["child"])
    world.note = services.note_add(actor=actor, access=world.access, kind="note", statement_kind="observation",
                                   occurred_at=timezone.now() - timedelta(hours=2), body="Fictieve waarneming")
    return world


def path_of(template: str, w, case_id=None) -> str:
    return template.format(case=case_id or w.case.pk, person=w.parent.pk, note=w.note.pk)


# name: (method, path, payload, status, event, section, action)
OPERATIONS = {
    "get_case": ("get", "/cases/{case}", None, 200, "case.viewed", "case", Action.READ),
    "update_case": ("patch", "/cases/{case}", lambda w: {"summary": "Gewijzigde fictieve aanleiding", "version": 1},
                    200, "case.updated", "case", Action.UPDATE),
    "close_case": ("post", "/cases/{case}/close", lambda w: {"reason": "moved", "version": 1},
                   200, "case.closed", "case", Action.UPDATE),
    "list_persons": ("get", "/cases/{case}/persons", None, 200, "case.viewed", "persons", Action.READ),
    "add_person": ("post", "/cases/{case}/persons",
                   lambda w: {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["witness"]},
                   201, "person.added", "persons", Action.CREATE),
    "update_person": ("put", "/cases/{case}/persons/{person}",
                      lambda w: {"first_name": "Testouder", "last_name": "Gecorrigeerd",
                                 "roles": ["victim", "informal_carer"], "gender": "f", "birth_date": None,
                                 "bsn": "", "version": 1},
                      200, "person.updated", "persons", Action.UPDATE),
    "add_relation": ("post", "/cases/{case}/relations",
                     lambda w: {"person_id": w.parent.pk, "other_id": w.child.pk, "kind": "parent"},
                     201, "relation.added", "persons", Action.CREATE),
    "list_notes": ("get", "/cases/{case}/notes", None, 200, "case.viewed", "notes", Action.READ),
    "add_note": ("post", "/cases/{case}/notes",
                 lambda w: {"statement_kind": "observation", "occurred_at": "2024-03-01T10:00:00+01:00",
                            "body": "Tweede fictieve waarneming", "place": "Testschool"},
                 201, "note.added", "notes", Action.CREATE),
    "update_note": ("put", "/cases/{case}/notes/{note}",
                    lambda w: {"statement_kind": "opinion", "body": "Gecorrigeerde fictieve tekst", "place": "",
                               "observer": "", "source": "", "version": 1},
                    200, "note.updated", "notes", Action.UPDATE),
}
READS = [name for name, op in OPERATIONS.items() if op[0] == "get"]
WRITES = [name for name, op in OPERATIONS.items() if op[0] != "get"]


def request_op(client, name, w, case_id=None):
    method, path, payload, *_ = OPERATIONS[name]
    return send(client, method, path_of(path, w, case_id), payload(w) if payload else None)


def _outcome_is_visible(name: str, w, body) -> bool:
    """The effect a worker would check after each operation."""
    case = Case.objects.get(pk=w.case.pk)
    checks = {
        "get_case": lambda: body["reference"] == case.reference and body["summary"] == "Fictieve aanleiding",
        "update_case": lambda: case.summary == "Gewijzigde fictieve aanleiding"
        and body["version"] == case.version == 2,
        "close_case": lambda: case.status == CaseStatus.CLOSED and body["close_reason"] == "moved",
        "list_persons": lambda: {(p["first_name"], tuple(p["roles"])) for p in body}
        == {("Testouder", ("victim",)), ("Testkind", ("child",))},
        "add_person": lambda: Participant.objects.filter(case=case, person_id=body["id"], role="witness").exists(),
        "update_person": lambda: Person.objects.get(pk=w.parent.pk).last_name == "Gecorrigeerd"
        and body["roles"] == ["informal_carer", "victim"] and body["version"] == 2,
        "add_relation": lambda: Relation.objects.filter(person=w.parent, other=w.child, kind="parent").exists(),
        "list_notes": lambda: [n["body"] for n in body] == ["Fictieve waarneming"],
        "add_note": lambda: Note.objects.get(pk=body["id"]).place == "Testschool",
        "update_note": lambda: Note.objects.get(pk=w.note.pk).body == "Gecorrigeerde fictieve tekst"
        and body["version"] == 2,
    }
    return checks[name]()


@pytest.mark.parametrize("name", OPERATIONS)
def test_assigned_worker_uses_every_operation_and_it_is_logged(w, name):
    *_, status, event, section, action = OPERATIONS[name]
    response = request_op(bearer(w.worker), name, w)
    assert response.status_code == status, response.content
    assert _outcome_is_visible(name, w, response.json())
    row = log_rows(user_id=w.worker.pk, event=event).latest("id")
    assert (row.outcome, row.case_id, row.section, row.action) == (Outcome.SUCCESS, w.case.pk, section, action)


@pytest.mark.parametrize("name", OPERATIONS)
def test_team_coordinator_may_work_on_a_team_case(w, name):
    response = request_op(bearer(w.coordinator), name, w)
    assert response.status_code == OPERATIONS[name][3]
    assert log_rows(user_id=w.coordinator.pk, case_id=w.case.pk, outcome=Outcome.SUCCESS).exists()


@pytest.mark.parametrize("name", OPERATIONS)
def test_out_of_scope_gets_404_exactly_like_a_missing_case(w, name):
    before = snapshot(w.case)
    for persona in OUT_OF_SCOPE:
        client = bearer(getattr(w, persona))
        real = request_op(client, name, w)
        missing = request_op(client, name, w, case_id=MISSING_ID)
        assert (real.status_code, missing.status_code) == (404, 404), persona
        assert real.json() == missing.json() == {"detail": "Niet gevonden.", "field": None}, persona
        for case_id in (w.case.pk, MISSING_ID):
            row = log_rows(user_id=getattr(w, persona).pk, case_id=case_id).latest("id")
            assert (row.event, row.outcome) == ("case.access_denied", Outcome.DENIED), persona
    assert snapshot(w.case) == before


@pytest.fixture
def consulted(w):
    services.specialist_consult(actor=Actor.system(w.worker), access=w.access, specialist_id=w.specialist.pk)
    return w


@pytest.mark.parametrize("name", READS)
def test_consulted_specialist_reads(consulted, name):
    response = request_op(bearer(consulted.specialist), name, consulted)
    assert response.status_code == 200
    assert _outcome_is_visible(name, consulted, response.json())
    row = log_rows(user_id=consulted.specialist.pk).latest("id")
    assert (row.event, row.outcome, row.case_id, row.auth_rule) == ("case.viewed", Outcome.SUCCESS,
                                                                     consulted.case.pk, "consulted")


@pytest.mark.parametrize("name", WRITES)
def test_consulted_specialist_cannot_write(consulted, name):
    before = snapshot(consulted.case)
    response = request_op(bearer(consulted.specialist), name, consulted)
    assert response.status_code == 403
    assert response.json()["detail"] == "U mag dit niet wijzigen."
    row = log_rows(user_id=consulted.specialist.pk).latest("id")
    assert (row.event, row.outcome, row.case_id) == ("case.write_denied", Outcome.DENIED, consulted.case.pk)
    assert snapshot(consulted.case) == before


def test_unconsulted_specialist_gets_404(w):
    assert request_op(bearer(w.specialist), "get_case", w).status_code == 404


# --- invalid input -------------------------------------------------------------------------------------------------

INVALID = [
    ("update_case", {"summary": 5, "version": 1}, "summary"),
    ("update_case", {"summary": "Fictief"}, "version"),
    ("update_case", {"summary": "Fictief", "version": 0}, "version"),
    ("update_case", {"summary": "x" * 10001, "version": 1}, "summary"),
    ("close_case", {"reason": "verveeld", "version": 1}, "reason"),
    ("close_case", {"reason": "other", "version": 1}, "note"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": []}, "roles"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["boef"]}, "roles.0"),
    ("add_person", {"first_name": "   ", "last_name": "Fictief", "roles": ["child"]}, "first_name"),
    ("add_person", {"first_name": "Test\x00broer", "last_name": "Fictief", "roles": ["child"]}, "first_name"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["child"], "bsn": "123456789"}, "bsn"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["child"],
                    "birth_date": "2999-01-01"}, "birth_date"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["child"],
                    "birth_date": "0001-01-01"}, "birth_date"),
    ("add_person", {"first_name": "Testbroer", "last_name": "Fictief", "roles": ["child"], "gender": "q"}, "gender"),
    ("update_person", {"first_name": "Testouder", "last_name": "Fictief", "roles": ["victim"], "gender": "f",
                       "birth_date": None, "bsn": ""}, "version"),
    ("update_person", {"first_name": "Testouder", "last_name": "Fictief", "roles": ["victim"], "gender": "f",
                       "version": 1}, "birth_date"),
    ("add_relation", {"person_id": "PARENT", "other_id": "PARENT", "kind": "partner"}, "other"),
    ("add_relation", {"person_id": "PARENT", "other_id": "CHILD", "kind": "vijand"}, "kind"),
    ("add_relation", {"person_id": "PARENT", "other_id": 2**62, "kind": "parent"}, "person"),
    ("add_relation", {"person_id": "PARENT", "other_id": 2**70, "kind": "parent"}, "other_id"),
    ("add_note", {"statement_kind": "observation", "occurred_at": "gisteren", "body": "Fictief"}, "occurred_at"),
    ("add_note", {"statement_kind": "observation", "occurred_at": "2999-01-01T10:00:00Z", "body": "Fictief"},
     "occurred_at"),
    ("add_note", {"statement_kind": "observation", "occurred_at": "0001-01-01T00:00:00+05:00", "body": "Fictief"},
     "occurred_at"),
    ("add_note", {"statement_kind": "roddel", "occurred_at": "2024-01-01T10:00:00Z", "body": "Fictief"},
     "statement_kind"),
    ("add_note", {"statement_kind": "observation", "occurred_at": "2024-01-01T10:00:00Z", "body": " "}, "body"),
    ("update_note", {"statement_kind": "observation", "body": "Fictief", "place": "", "observer": "", "source": "",
                     "version": "een"}, "version"),
    ("update_note", {"statement_kind": "observation", "body": "Fictief", "place": "", "observer": "", "source": "",
                     "version": 2**40}, "version"),
]


def _resolve(payload: dict, w) -> dict:
    ids = {"PARENT": w.parent.pk, "CHILD": w.child.pk}
    return {key: ids.get(value, value) if isinstance(value, str) else value for key, value in payload.items()}


def assert_dutch_error(response, status: int, field=...):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"] and not any(phrase in body["detail"] for phrase in ENGLISH), body
    if field is not ...:
        assert body["field"] == field, body


@pytest.mark.parametrize("name, payload, field", INVALID)
def test_invalid_input_is_a_dutch_422_and_changes_nothing(w, name, payload, field):
    before = snapshot(w.case)
    method, path, *_ = OPERATIONS[name]
    response = send(bearer(w.worker), method, path_of(path, w), _resolve(payload, w))
    assert_dutch_error(response, 422, field)
    assert snapshot(w.case) == before


@pytest.mark.parametrize("body", ["{niet json", "[1, 2]", "42", "null", '"tekst"'])
def test_a_body_that_is_not_an_object_is_a_dutch_422(w, body):
    client = bearer(w.worker)
    response = client.post(f"{API}/cases/{w.case.pk}/notes", data=body, content_type="application/json")
    assert_dutch_error(response, 422)
    assert Note.objects.count() == 1


@pytest.mark.parametrize("payload, field", [
    ({"household_name": ""}, "household_name"),
    ({"household_name": "Huishouden Fictief", "postcode": "12345678"}, "postcode"),
    ({"household_name": "Huishouden Fictief", "house_number": "1" * 13}, "house_number"),
    ({"summary": "Zonder naam"}, "household_name"),
])
def test_create_case_with_invalid_input(world, payload, field):
    response = send(bearer(world.worker), "post", "/cases", payload)
    assert_dutch_error(response, 422, field)
    assert Case.objects.count() == 1


def test_list_cases_with_invalid_filter(world):
    response = bearer(world.worker).get(f"{API}/cases?status=misschien")
    assert_dutch_error(response, 422, "status")


@pytest.mark.parametrize("body, field", [({"status": "misschien"}, "status"), ({"q": "a" * 101}, "q"),
                                         ({"q": "a\x00b"}, "q")])
def test_search_cases_with_invalid_filter(world, body, field):
    response = send(bearer(world.worker), "post", "/cases/search", body)
    assert_dutch_error(response, 422, field)


def test_search_terms_are_not_accepted_in_the_url(world):
    """A name in `?q=` would end up in proxy logs; the list ignores it and only the POST search uses terms."""
    everything = bearer(world.worker).get(f"{API}/cases").json()
    assert bearer(world.worker).get(f"{API}/cases?q=bestaat-niet").json() == everything


@pytest.mark.parametrize("path", ["/cases/abc", "/cases/1.5/notes", "/cases/{case}/persons/iemand"])
def test_non_numeric_ids_are_a_dutch_422(w, path):
    response = send(bearer(w.worker), "put" if "persons/" in path else "get", path_of(path, w),
                    {"first_name": "Test", "last_name": "Fictief", "roles": ["child"], "version": 1})
    assert_dutch_error(response, 422)


@pytest.mark.parametrize("name, template", [("update_person", "/cases/{case}/persons/{other}"),
                                            ("update_note", "/cases/{case}/notes/{other}")])
def test_a_person_or_note_of_another_case_is_not_found(w, name, template):
    """Ids of another team's case, used through a case the worker may edit: 404, nothing changes."""
    other = services.case_open(actor=Actor.system(w.outsider), household_name="Huishouden Elders")
    actor = Actor.system(w.outsider)
    foreign = {
        "update_person": lambda: hh.person_add(actor=actor, access=other, first_name="Testander", last_name="Elders",
                                               roles=["victim"]).pk,
        "update_note": lambda: services.note_add(actor=actor, access=other, kind="note", statement_kind="opinion",
                                                 occurred_at=timezone.now(), body="Fictief elders").pk,
    }[name]()
    before = snapshot(other.case)
    response = send(bearer(w.worker), OPERATIONS[name][0], template.format(case=w.case.pk, other=foreign),
                    OPERATIONS[name][2](w))
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden.", "field": None}
    assert snapshot(other.case) == before


def test_error_bodies_do_not_echo_personal_data(w):
    client = bearer(w.worker)
    secret_name, secret_bsn = "Zwaantje-Geheimhouder", "123456789"  # fails the elfproef
    responses = [
        send(client, "post", f"/cases/{w.case.pk}/persons",
             {"first_name": secret_name, "last_name": secret_name, "roles": ["child"], "bsn": secret_bsn}),
        send(client, "post", f"/cases/{w.case.pk}/persons",
             {"first_name": secret_name, "last_name": "Fictief", "roles": [secret_name]}),
        send(client, "post", f"/cases/{w.case.pk}/notes",
             {"statement_kind": secret_name, "occurred_at": secret_name, "body": secret_name}),
        send(client, "get", f"/cases?status={secret_name}"),
        send(bearer(w.outsider), "put", f"/cases/{w.case.pk}/persons/{w.parent.pk}",
             {"first_name": secret_name, "last_name": "Fictief", "roles": ["child"], "version": 1}),
    ]
    for response in responses:
        assert response.status_code in (404, 422)
        text = response.content.decode()
        assert secret_name not in text and secret_bsn not in text
        assert "Testouder" not in text and w.case.reference not in text


# --- wrong method --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, template", [
    ("delete", "/cases/{case}"), ("put", "/cases/{case}"), ("delete", "/cases"), ("patch", "/cases"),
    ("get", "/cases/{case}/close"), ("get", "/cases/{case}/relations"), ("delete", "/cases/{case}/persons/{person}"),
    ("patch", "/cases/{case}/notes/{note}"), ("delete", "/cases/{case}/notes"),
])
def test_wrong_method_is_405(w, method, template):
    before = snapshot(w.case)
    response = send(bearer(w.worker), method, path_of(template, w), {})
    assert response.status_code == 405
    assert method.upper() not in response["Allow"]
    assert snapshot(w.case) == before


# --- lists, search and create --------------------------------------------------------------------------------------

def test_list_shows_only_cases_in_scope_and_logs_the_search(w):
    services.case_open(actor=Actor.system(w.outsider), household_name="Huishouden Buitenwijk")
    response = send(bearer(w.worker), "post", "/cases/search", {"q": "Huishouden"})
    assert response.status_code == 200
    assert [c["reference"] for c in response.json()] == [w.case.reference]
    row = log_rows(user_id=w.worker.pk, event="case.searched").latest("id")
    assert row.outcome == Outcome.SUCCESS and row.query_hash and "Huishouden" not in row.query_hash
    assert send(bearer(w.worker), "post", "/cases/search", {"q": "Buitenwijk"}).json() == []


def test_search_finds_a_case_by_person_name(w):
    response = send(bearer(w.worker), "post", "/cases/search", {"q": "Testkind", "status": "open"})
    assert [c["id"] for c in response.json()] == [w.case.pk]
    assert bearer(w.worker).get(f"{API}/cases?status=closed").json() == []


@pytest.mark.parametrize("persona", ["vt_liaison", "policy_officer", "admin", "log_officer"])
def test_roles_without_case_work_cannot_list_or_create(world, persona):
    user = getattr(world, persona)
    client = bearer(user)
    listed = client.get(f"{API}/cases")
    created = send(client, "post", "/cases", {"household_name": "Huishouden Fictief"})
    for response in (listed, created):
        assert_dutch_error(response, 403)
        assert world.case.reference not in response.content.decode()
    assert Case.objects.count() == 1
    events = set(log_rows(user_id=user.pk, outcome=Outcome.DENIED).values_list("event", "action"))
    assert events == {("case.access_denied", Action.READ), ("case.write_denied", Action.CREATE)}


def test_outsider_lists_only_own_cases(w):
    assert bearer(w.outsider).get(f"{API}/cases").json() == []


def test_create_case_opens_it_in_own_team_assigned_to_the_creator(world):
    response = send(bearer(world.outsider), "post", "/cases",
                    {"household_name": "Huishouden Nieuw", "summary": "Fictieve zorg", "postcode": "9999 zz"})
    assert response.status_code == 201
    case = Case.objects.get(pk=response.json()["id"])
    assert case.team == world.other_team and case.household.postcode == "9999ZZ"
    assert case.assignments.get().user == world.outsider
    row = log_rows(user_id=world.outsider.pk, event="case.created").get()
    assert (row.case_id, row.outcome, row.action) == (case.pk, Outcome.SUCCESS, Action.CREATE)
    assert send(bearer(world.worker), "get", f"/cases/{case.pk}").status_code == 404


def test_persons_list_stays_within_the_household(w):
    other = services.case_open(actor=Actor.system(w.worker), household_name="Huishouden Tweede")
    hh.person_add(actor=Actor.system(w.worker), access=other, first_name="Testvreemde", last_name="Anders",
                  roles=["witness"])
    names = {p["first_name"] for p in send(bearer(w.worker), "get", f"/cases/{w.case.pk}/persons").json()}
    assert names == {"Testouder", "Testkind"}


def test_closed_case_refuses_changes_in_dutch(w):
    send(bearer(w.worker), "post", f"/cases/{w.case.pk}/close", {"reason": "no_suspicion", "version": 1})
    response = send(bearer(w.worker), "post", f"/cases/{w.case.pk}/notes",
                    {"statement_kind": "observation", "occurred_at": "2024-01-01T10:00:00Z", "body": "Fictief"})
    assert_dutch_error(response, 422)
    assert "gesloten" in response.json()["detail"]


# --- version check -------------------------------------------------------------------------------------------------

def _changed_by_someone_else(name: str, w):
    actor = Actor.system(w.duo_partner)
    if name in ("update_case", "close_case"):
        services.case_update(actor=actor, access=w.access, expected_version=1, summary="Versie van de collega")
        return lambda: Case.objects.get(pk=w.case.pk).summary == "Versie van de collega" and \
            Case.objects.get(pk=w.case.pk).status == CaseStatus.OPEN
    if name == "update_person":
        hh.person_update(actor=actor, access=w.access, person=w.parent, expected_version=1, first_name="Testouder",
                         last_name="Collega", birth_date=None, gender="x", bsn="", roles=["victim"])
        return lambda: Person.objects.get(pk=w.parent.pk).last_name == "Collega"
    services.note_update(actor=actor, access=w.access, note=w.note, expected_version=1, body="Tekst van de collega",
                         statement_kind="observation", place="", observer="", source="")
    return lambda: Note.objects.get(pk=w.note.pk).body == "Tekst van de collega"


@pytest.mark.parametrize("name", ["update_case", "close_case", "update_person", "update_note"])
def test_stale_version_is_a_409_and_keeps_the_other_change(w, name):
    still_theirs = _changed_by_someone_else(name, w)
    response = request_op(bearer(w.worker), name, w)
    assert_dutch_error(response, 409, "version")
    assert "verouderd" in response.json()["detail"]
    assert still_theirs()


# --- authentication ------------------------------------------------------------------------------------------------

def test_password_without_second_factor_is_401(world):
    client = verified_session(world.worker, second_factor=False)
    response = client.get(f"{API}/cases/{world.case.pk}")
    assert_dutch_error(response, 401)
    assert verified_session(world.worker).get(f"{API}/cases/{world.case.pk}").status_code == 200


def _csrf_pair() -> tuple[str, str]:
    request = RequestFactory().get("/")
    masked = get_token(request)
    return request.META["CSRF_COOKIE"], masked


def test_session_writes_need_the_csrf_token(world):
    client = verified_session(world.worker, enforce_csrf_checks=True)
    assert client.get(f"{API}/cases/{world.case.pk}").status_code == 200
    refused = send(client, "patch", f"/cases/{world.case.pk}", {"summary": "Zonder token", "version": 1})
    assert_dutch_error(refused, 403)
    assert "CSRF" in refused.json()["detail"]
    assert Case.objects.get(pk=world.case.pk).version == 1
    secret, masked = _csrf_pair()
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    response = client.patch(f"{API}/cases/{world.case.pk}", data={"summary": "Met token", "version": 1},
                            content_type="application/json", HTTP_X_CSRFTOKEN=masked)
    assert response.status_code == 200
    assert Case.objects.get(pk=world.case.pk).summary == "Met token"


def test_bearer_token_needs_no_csrf(world):
    client = bearer(world.worker, enforce_csrf_checks=True)
    response = send(client, "post", "/cases", {"household_name": "Huishouden Token"})
    assert response.status_code == 201


def test_expired_token_is_401(world):
    client = bearer(world.worker)
    assert client.get(f"{API}/cases").status_code == 200
    with time_machine.travel(timezone.now() + settings.API_TOKEN_LIFETIME + timedelta(minutes=1)):
        assert_dutch_error(client.get(f"{API}/cases"), 401)


def test_revoked_token_is_401(world):
    token, key = api_token_create(user=world.worker, name="Testtoken")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(f"{API}/cases").status_code == 200
    assert api_token_revoke(user=world.worker, token_id=token.pk)
    assert_dutch_error(client.get(f"{API}/cases"), 401)


def test_token_of_deactivated_user_is_401(world):
    client = bearer(world.worker)
    world.worker.is_active = False
    world.worker.save(update_fields=["is_active"])
    assert_dutch_error(client.get(f"{API}/cases/{world.case.pk}"), 401)


@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "Bearer wv_onzin", "bearer wv_", "Basic Zm9vOmJhcg==", "Token abc", "Bearer\tabc",
    "Bearer " + "wv_" + "x" * 5000, "Bearer wv_ë€", "Bearer Bearer Bearer", "", " ",
])
def test_garbage_authorization_is_401(world, header):
    client = Client(HTTP_AUTHORIZATION=header, enforce_csrf_checks=True)
    assert_dutch_error(client.get(f"{API}/cases/{world.case.pk}"), 401)
    assert_dutch_error(send(client, "post", "/cases", {"household_name": "Huishouden Fictief"}), 401)
    assert Case.objects.count() == 1


def test_token_of_one_user_does_not_widen_scope(w):
    assert send(bearer(w.duo_partner), "get", f"/cases/{w.case.pk}/notes").status_code == 404


# --- bounded queries -----------------------------------------------------------------------------------------------

def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_case_list_queries_do_not_grow_with_cases(world, django_assert_max_num_queries):
    client = bearer(world.worker)
    few = _count_queries(client, f"{API}/cases")
    for number in range(8):
        access = services.case_open(actor=Actor.system(world.worker), household_name=f"Huishouden Test {number}")
        services.case_assign(actor=Actor.system(world.coordinator), access=access_for(access.case, "team"),
                             user_ids=[world.worker.pk, world.duo_partner.pk])
        services.violence_forms_set(actor=Actor.system(world.worker), access=access,
                                    forms={"child_abuse": ["neglect"]})
    with django_assert_max_num_queries(few):
        response = client.get(f"{API}/cases")
    assert len(response.json()) == 9


def test_person_list_queries_do_not_grow_with_persons(w, django_assert_max_num_queries):
    client = bearer(w.worker)
    url = f"{API}/cases/{w.case.pk}/persons"
    few = _count_queries(client, url)
    for number in range(8):
        hh.person_add(actor=Actor.system(w.worker), access=w.access, first_name=f"Testpersoon {number}",
                      last_name="Fictief", roles=["child", "witness"])
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.json()) == 10


def test_note_list_queries_do_not_grow_with_notes(w, django_assert_max_num_queries):
    client = bearer(w.worker)
    url = f"{API}/cases/{w.case.pk}/notes"
    few = _count_queries(client, url)
    for number in range(8):
        services.note_add(actor=Actor.system(w.worker), access=w.access, kind="signal", statement_kind="hypothesis",
                          occurred_at=timezone.now(), body=f"Fictief signaal {number}")
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.json()) == 9


def test_a_wrong_method_gets_the_apis_json_error_with_the_allowed_methods(world):
    from tests.conftest import login_client

    response = login_client(world.worker).delete(f"/api/v1/cases/{world.case.pk}/notes")
    assert response.status_code == 405
    assert response.json() == {"detail": "Deze methode is hier niet toegestaan.", "field": None}
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_a_request_without_valid_credentials_is_refused_and_logged(world):
    from django.test import Client

    from wijkveilig.audit.models import AccessLogEntry

    response = Client().get(f"/api/v1/cases/{world.case.pk}/notes", headers={"Authorization": "Bearer wv_geraden"})
    assert response.status_code == 401
    row = AccessLogEntry.objects.get(event="api.unauthenticated")
    assert (row.outcome, row.case_id, row.user_id, row.section) == ("denied", world.case.pk, None, "api")
    assert "wv_geraden" not in str(AccessLogEntry.objects.values_list().get(pk=row.pk))  # the token is never logged
