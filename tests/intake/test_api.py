"""Intake over the API: the same access helper and services as the pages."""

import pytest

from tests.intake.conftest import answers, register
from tests.meldcode.test_api import api_client, post
from wijkveilig.api.api import api
from wijkveilig.audit.models import AccessLogEntry

TRIAGE = {"direct_danger": True, "direct_danger_reason": "Fictief: dreiging met mes.",
          "structural_unsafety": False, "structural_unsafety_reason": "Fictief",
          "multi_problem": False, "multi_problem_reason": "Fictief"}
CONCERN = {"source": "veilig_thuis", "received_at": "2024-05-01T10:00", "household_name": "Huishouden API-intake",
           "postcode": "9900AB", "house_number": "7", "observation": "Fictief: politie was ter plaatse.",
           "persons": [{"first_name": "Anna", "last_name": "Proef", "bsn": "999990019"}], "triage": TRIAGE}


def test_register_triage_overrule_over_the_api(iworld):
    created = post(api_client(iworld.vt_liaison), "/intake/concerns", CONCERN)
    assert created.status_code == 201
    body = created.json()
    assert (body["final_colour"], body["is_acute"], body["team"]) == ("rood", True, iworld.team.name)
    assert body["vt_contact"] == iworld.vt_liaison.get_full_name()
    coordinator = api_client(iworld.coordinator)
    queue = coordinator.get("/api/v1/intake/concerns").json()
    assert [c["id"] for c in queue] == [body["id"]]
    overruled = post(coordinator, f"/intake/concerns/{body['id']}/overrule", {"colour": "oranje", "reason": "Fictief",
                                                                           "version": body["version"]})
    assert overruled.status_code == 200
    assert (overruled.json()["computed_colour"], overruled.json()["final_colour"]) == ("rood", "oranje")


def test_triage_over_the_api(iworld):
    concern = register(iworld.vt_liaison)
    response = post(api_client(iworld.coordinator), f"/intake/concerns/{concern.pk}/triage", {**TRIAGE,
                    "direct_danger": False, "multi_problem": True, "version": concern.version})
    assert response.status_code == 200 and response.json()["final_colour"] == "geel"
    assert response.json()["needs_specialist_support"] is True


def test_bad_input_is_422_in_dutch(iworld):
    c = api_client(iworld.vt_liaison)
    response = post(c, "/intake/concerns", {**CONCERN, "persons": [{"first_name": "A", "last_name": "B",
                                                                   "bsn": "123456789"}]})
    assert response.status_code == 422 and "elfproef" in response.json()["detail"]
    assert post(c, "/intake/concerns", {**CONCERN, "source": "nonsense"}).status_code == 422
    assert post(c, "/intake/concerns", {**CONCERN, "observation": " "}).status_code == 422


@pytest.mark.parametrize("persona", ["outsider", "outside_coordinator", "policy_officer", "partner", "worker"])
def test_out_of_scope_concern_is_404(iworld, persona):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    response = api_client(getattr(iworld, persona)).get(f"/api/v1/intake/concerns/{concern.pk}")
    assert response.status_code == 404 and "Intakeproef" not in response.content.decode()


def test_vt_contact_cannot_overrule_over_the_api(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    response = post(api_client(iworld.vt_liaison), f"/intake/concerns/{concern.pk}/overrule",
                    {"colour": "rood", "reason": "Fictief", "version": concern.version})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(event="concern.write_denied", user_id=iworld.vt_liaison.pk).exists()


def test_routing_lookup(iworld):
    c = api_client(iworld.coordinator)
    found = c.get("/api/v1/intake/routing", {"postcode": "9900 ab", "house_number": "12a"}).json()
    assert (found["buurt_code"], found["team"]) == (iworld.buurt.code, iworld.team.name)
    unknown = c.get("/api/v1/intake/routing", {"postcode": "9999ZZ", "house_number": "1"}).json()
    assert unknown["buurt_code"] is None and "gemeentelijke wachtrij" in unknown["message"]
    assert api_client(iworld.partner).get("/api/v1/intake/routing",
                                          {"postcode": "9900AB", "house_number": "1"}).status_code == 403


def test_operations_are_in_the_openapi_spec():
    paths = api.get_openapi_schema()["paths"]
    for path in ("/api/v1/intake/concerns", "/api/v1/intake/concerns/{concern_id}",
                 "/api/v1/intake/concerns/{concern_id}/triage", "/api/v1/intake/concerns/{concern_id}/overrule",
                 "/api/v1/intake/routing"):
        assert path in paths
