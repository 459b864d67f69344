"""The OpenAPI spec documents every operation, and generated requests (schemathesis) never get a 500 or an
answer that contradicts the spec."""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from config.wsgi import application
from tests.conftest import login_client
from tests.records import real_records
from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Case, CaseStatus, Note
from wijkveilig.households.models import Person
from wijkveilig.safety.models import Agreement

SPEC_URL = "/api/v1/openapi.json"
EXPECTED = {  # (method, path): (success status, operationId)
    ("get", "/api/v1/cases"): (200, "list_cases"),
    ("post", "/api/v1/cases"): (201, "create_case"),
    ("get", "/api/v1/cases/{case_id}"): (200, "get_case"),
    ("patch", "/api/v1/cases/{case_id}"): (200, "update_case"),
    ("post", "/api/v1/cases/{case_id}/close"): (200, "close_case"),
    ("get", "/api/v1/cases/{case_id}/persons"): (200, "list_persons"),
    ("post", "/api/v1/cases/{case_id}/persons"): (201, "add_person"),
    ("put", "/api/v1/cases/{case_id}/persons/{person_id}"): (200, "update_person"),
    ("post", "/api/v1/cases/{case_id}/relations"): (201, "add_relation"),
    ("get", "/api/v1/cases/{case_id}/notes"): (200, "list_notes"),
    ("post", "/api/v1/cases/{case_id}/notes"): (201, "add_note"),
    ("put", "/api/v1/cases/{case_id}/notes/{note_id}"): (200, "update_note"),
}
ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorOut"}
MAX_EXAMPLES = 24  # per operation, half positive and half negative



@pytest.fixture
def spec(world):
    response = login_client(world.worker).get(SPEC_URL)
    assert response.status_code == 200
    return response.json()


def test_the_api_description_needs_a_login_or_a_token(world):
    anonymous = Client().get(SPEC_URL)
    assert anonymous.status_code == 401 and anonymous.json()["detail"].startswith("Log in")
    assert Client().get("/api/v1/docs").status_code == 401
    _, key = api_token_create(user=world.worker, name="Specificatie")
    assert Client().get(SPEC_URL, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert Client().get(SPEC_URL, headers={"Authorization": "Bearer wv_ongeldig"}).status_code == 401


def _operations(spec) -> dict:
    return {(method, path): operation
            for path, methods in spec["paths"].items() for method, operation in methods.items()}


def test_spec_lists_every_case_operation(spec):
    assert set(EXPECTED) <= set(_operations(spec))


@pytest.mark.parametrize("method, path", EXPECTED)
def test_case_operations_document_their_success_status(spec, method, path):
    operation = _operations(spec)[(method, path)]
    status, operation_id = EXPECTED[(method, path)]
    assert [code for code in operation["responses"] if code.startswith("2")] == [str(status)]
    assert "application/json" in operation["responses"][str(status)]["content"]
    assert operation["operationId"] == operation_id


def test_every_operation_documents_the_error_schema(spec):
    """Every operation in the spec (also those added later) documents its errors and requires authentication."""
    for (method, path), operation in _operations(spec).items():
        responses = operation["responses"]
        label = f"{method.upper()} {path}"
        assert len([code for code in responses if code.startswith("2")]) == 1, label
        expected_errors = {"401", "422", "503"}
        if "{case_id}" in path:
            expected_errors.add("404")
        if method != "get":
            expected_errors.add("403")
        assert expected_errors <= set(responses), label
        for code in expected_errors:
            assert responses[code]["content"]["application/json"]["schema"] == ERROR_SCHEMA, (label, code)
        assert operation["security"] == [{"PersonalTokenAuth": []}, {"VerifiedSessionAuth": []}], label


def test_error_schema_has_a_dutch_detail(spec):
    error = spec["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["detail"]
    assert set(error["properties"]) == {"detail", "field", "current_version"}  # current_version: on a 409


def test_docs_page_works_under_the_content_security_policy(world):
    """Swagger UI from our own static files, no inline script: the CSP allows nothing else."""
    response = login_client(world.worker).get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "http://" not in html and "https://" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert Client().get(asset).status_code == 200, asset


# --- schemathesis ----------------------------------------------------------------------------------------------------

@pytest.fixture
def in_process_requests():
    """Requests through the WSGI app must keep the test's database connection (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


BODY_IDS = ("person_id", "other_id", "agreement_id", "owner_id", "case_director_id", "contact_person_id", "user_id")


def _aim_at_real_records(case, ids: dict) -> None:
    """Point most generated ids at the worker's real records so the happy paths are exercised too (1 in 5 keeps
    the generated id: a missing record must be a 404 or 422, never a 500)."""
    for location in (case.path_parameters, case.query):
        for name, value in (location or {}).items():
            if name in ids and isinstance(value, int) and value % 5 != 1:
                location[name] = ids[name]
            if name == "step" and isinstance(value, int) and value % 5 != 1:
                location[name] = value % 5 + 1
    if isinstance(case.body, dict):
        for name in BODY_IDS:
            if isinstance(case.body.get(name), int) and case.body[name] % 3:
                case.body[name] = ids[name]
        if isinstance(case.body.get("version"), int) and case.body["version"] % 3:
            case.body["version"] = _current_version(case, ids)


def _current_version(case, ids: dict) -> int:
    path = case.operation.path
    if path.endswith("{person_id}"):
        return Person.objects.get(pk=ids["person_id"]).version
    if path.endswith("{note_id}"):
        return Note.objects.get(pk=ids["note_id"]).version
    if path.endswith("{agreement_id}"):
        return Agreement.objects.get(pk=ids["agreement_id"]).version
    return Case.objects.get(pk=ids["case_id"]).version


def _reopen_if_closed(world) -> None:
    """A generated close must not turn every later write into 'case is closed'."""
    case = Case.objects.get(pk=world.case.pk)
    if case.status == CaseStatus.CLOSED:
        access = CaseAccess(case=case, grant="assigned", can_write=True)
        services.case_reopen(actor=Actor.system(world.worker), access=access, expected_version=case.version)


def test_generated_requests_never_break_the_api(world, in_process_requests):
    """Positive and negative requests for every operation in the spec, as `worker` with a bearer token."""
    _, key = api_token_create(user=world.worker, name="Schemathesis")
    ids = real_records(world)
    schema = schemathesis.openapi.from_wsgi(SPEC_URL, application, headers={"Authorization": f"Bearer {key}"})
    checks = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance,
              schemathesis.checks.content_type_conformance, schemathesis.checks.response_schema_conformance,
              schemathesis.checks.ignored_auth, schemathesis.checks.negative_data_rejection]
    statuses: dict[str, set[int]] = {}
    headers = {"Authorization": f"Bearer {key}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert set(EXPECTED) <= {(op.method.lower(), op.path) for op in operations}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=MAX_EXAMPLES // 2, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                _aim_at_real_records(case, ids)
                response = case.call_and_validate(headers=headers, checks=checks)
                statuses.setdefault(case.operation.label, set()).add(_outcome(response))
                _reopen_if_closed(world)

            run()
    # Every operation was reached with records that exist: not only refused as missing or malformed.
    unreached = sorted(label for label, seen in statuses.items() if not seen - {"not found", "invalid"})
    assert unreached == [], unreached


def _outcome(response) -> str:
    """'not found' and 'invalid' (the schema refused the input) never reach the handler's service."""
    if response.status_code == 404:
        return "not found"
    if response.status_code == 422 and response.json()["detail"].startswith(
            ("Ongeldige invoer", "De inhoud van het verzoek")):
        return "invalid"
    return str(response.status_code)
