"""Assessments through the API: the same services, access rules and log rows as the pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from wijkveilig.accounts.services import api_token_create
from wijkveilig.assessment import zrm
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases import services as case_services


def api_client(user) -> Client:
    _token, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client, path, data):
    return client.post(f"/api/v1{path}", data=data, content_type="application/json")


def _zrm_body(person_id, day, score=3):
    return {"person_id": person_id, "information_on": day.isoformat(),
            "scores": [{"domain": code, "score": score, "note": "Fictief"} for code in zrm.DOMAIN_CODES]}


def test_assessments_round_trip(world, mother, actor):
    case_services.violence_forms_set(actor=actor, access=world.access, forms={"partner_violence": ["physical"]})
    c, case = api_client(world.worker), world.case.pk
    balance = post(c, f"/cases/{case}/balance", {"factors": [
        {"code": code} for code in ("r_micro_addiction", "r_micro_psychiatric", "r_meso_isolation")]})
    assert balance.status_code == 201
    assert balance.json()["risk_outweighs"] is True
    old = post(c, f"/cases/{case}/zrm", _zrm_body(mother.pk, timezone.localdate() - timedelta(days=31), 2))
    assert old.status_code == 201 and old.json()["is_stale"] is True
    assert post(c, f"/cases/{case}/zrm", _zrm_body(mother.pk, timezone.localdate())).json()["is_stale"] is False
    mapping = post(c, f"/cases/{case}/safety-mappings", {
        "dangers": [{"who_worried": "Medewerker", "behaviour": "Duwen", "consequence": "Letsel",
                     "safety_goal": "Geen geweld"}],
        "scales": [{"party": "worker", "score": 4}, {"party": "parent", "person_id": mother.pk, "score": 3}]})
    assert mapping.status_code == 201 and len(mapping.json()) == 2
    overview = c.get(f"/api/v1/cases/{case}/assessments").json()
    assert overview["partner_violence_prompt"] is True
    assert [row["scores"]["finances"] for row in overview["zrm"]] == [2, 3]
    assert AccessLogEntry.objects.filter(case_id=case, section="assessment", event="case.viewed").count() == 1


@pytest.mark.parametrize(("path", "body"), [
    ("balance", {"factors": []}),
    ("balance", {"factors": [{"code": "made_up"}]}),
    ("zrm", {"person_id": 1, "information_on": "2024-01-01", "scores": []}),
    ("safety-mappings", {"scales": [{"party": "worker", "score": 11}]}),
    ("safety-mappings", {"scales": [{"party": "burgemeester", "score": 4}]}),
    ("safety-mappings", {}),  # nothing in it: refused by the service
])
def test_bad_input_is_422(world, path, body):
    response = post(api_client(world.worker), f"/cases/{world.case.pk}/{path}", body)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_zrm_with_duplicate_domains_is_422(world, mother):
    body = _zrm_body(mother.pk, timezone.localdate())
    body["scores"][-1]["domain"] = "finances"
    assert post(api_client(world.worker), f"/cases/{world.case.pk}/zrm", body).status_code == 422


def test_consulted_specialist_reads_but_may_not_write(world, specialist_consulted):
    c = api_client(specialist_consulted)
    assert c.get(f"/api/v1/cases/{world.case.pk}/assessments").status_code == 200
    assert post(c, f"/cases/{world.case.pk}/balance", {"factors": [{"code": "r_micro_addiction"}]}).status_code == 403
    assert AccessLogEntry.objects.filter(event="case.write_denied", section="assessment").exists()


def test_outsider_gets_404(world):
    c = api_client(world.outsider)
    assert c.get(f"/api/v1/cases/{world.case.pk}/assessments").status_code == 404
    assert post(c, f"/cases/{world.case.pk}/balance", {"factors": [{"code": "r_micro_addiction"}]}).status_code == 404
