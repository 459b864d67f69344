"""The safety plan through the API: the same services, access rules and log rows as the pages."""

import json
from io import BytesIO

from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.safety.conftest import SAFE_PLACE, entry
from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.safety import services
from wijkveilig.safety.models import Agreement


def api_client(user) -> Client:
    _token, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def send(client, method, path, data=None):
    return client.generic(method, f"/api/v1{path}", data="" if data is None else json.dumps(data),
                          content_type="application/json")


def _agreement(kind="lasting", days=14):
    return {"kind": kind, "who": "Moeder (fictief)", "what": "Belt de wijkagent bij dreiging",
            "due_on": (timezone.localdate() + timezone.timedelta(days=days)).isoformat(), "network": "Buurvrouw"}


def test_safety_plan_round_trip(world, victim):
    c, base = api_client(world.worker), f"/cases/{world.case.pk}/safety-plan"
    assert send(c, "POST", f"{base}/agreements", _agreement("lasting")).status_code == 201
    created = send(c, "POST", f"{base}/agreements", _agreement("immediate"))
    assert created.status_code == 201 and created.json()["is_overdue"] is False
    refused = send(c, "POST", f"{base}/agree")
    assert refused.status_code == 422 and "slachtoffer" in refused.json()["detail"]
    placed = send(c, "PUT", f"{base}/safe-places/{victim.pk}", {"answer": SAFE_PLACE, "version": 0})
    assert placed.json()["missing"] == []
    review = send(c, "POST", f"{base}/reviews", {"agreement_id": created.json()["id"], "status": "partly",
                                                   "reviewed_on": timezone.localdate().isoformat(), "note": "Fictief"})
    assert review.status_code == 201
    agreed = send(c, "POST", f"{base}/agree")
    assert agreed.status_code == 200 and agreed.json()["status"] == "agreed"
    plan = send(c, "GET", base).json()
    assert [a["kind"] for a in plan["agreements"]] == ["immediate", "lasting"]
    assert plan["agreements"][0]["reviews"][0]["status"] == "partly"
    assert AccessLogEntry.objects.filter(event="safety.plan_agreed", username=world.worker.username).count() == 1


def test_api_refuses_bad_input_and_other_persons(world, victim, perpetrator):
    c, base = api_client(world.worker), f"/cases/{world.case.pk}/safety-plan"
    assert send(c, "POST", f"{base}/agreements", _agreement() | {"who": "  "}).status_code == 422
    assert send(c, "POST", f"{base}/agreements", _agreement() | {"kind": "x"}).status_code == 422
    assert send(c, "PUT", f"{base}/safe-places/{perpetrator.pk}",
                {"answer": SAFE_PLACE, "version": 0}).status_code == 422
    assert send(c, "POST", f"{base}/reviews", {"agreement_id": 999, "status": "kept",
                                                "reviewed_on": timezone.localdate().isoformat()}).status_code == 422
    assert not Agreement.objects.exists()


def test_api_outsider_404_and_consulted_specialist_403(world, specialist_consulted):
    base = f"/cases/{world.case.pk}/safety-plan"
    assert send(api_client(world.outsider), "GET", base).status_code == 404
    specialist = api_client(specialist_consulted)
    assert send(specialist, "GET", base).status_code == 200
    assert send(specialist, "POST", f"{base}/agreements", _agreement()).status_code == 403
    assert not Agreement.objects.exists()


def test_api_family_pdf_is_per_recipient(world, actor, victim, perpetrator):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    services.safe_place_set(expected_version=0, actor=actor, access=world.access,
                            person_id=victim.pk, answer=SAFE_PLACE)
    c, base = api_client(world.worker), f"/cases/{world.case.pk}/safety-plan/family-pdf"

    def text(person_id):
        response = send(c, "GET", f"{base}?for_person_id={person_id}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())

    assert "zus Testerink" not in text(perpetrator.pk)
    assert "zus Testerink" in text(victim.pk)
    assert send(c, "GET", f"{base}?for_person_id=999999").status_code == 404
    exports = AccessLogEntry.objects.filter(event="safety.family_pdf_exported", username=world.worker.username)
    assert exports.count() == 3


def test_api_agreement_audience_refusal_edit_and_version_check(world, actor, victim, perpetrator):
    c, base = api_client(world.worker), f"/cases/{world.case.pk}/safety-plan/agreements"
    protective = _agreement() | {"what": "KANARIE-API: gaat naar de opvang", "is_protective": True}
    refused = send(c, "POST", base, protective | {"audience_ids": [victim.pk, perpetrator.pk]})
    assert refused.status_code == 422 and refused.json()["field"] == "audience"
    assert "Piet" in refused.json()["detail"] and not Agreement.objects.exists()
    created = send(c, "POST", base, protective | {"audience_ids": [victim.pk]})
    assert created.status_code == 201
    body = created.json()
    assert body["is_protective"] and body["audience_ids"] == [victim.pk] and body["version"] == 1
    changed = send(c, "PUT", f"{base}/{body['id']}", protective | {"what": "KANARIE-API-2", "version": 1,
                                                                 "where": "", "audience_ids": []})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["audience_ids"] == [victim.pk]  # nobody ticked, nobody named: the victims and children
    stale = send(c, "PUT", f"{base}/{body['id']}", protective | {"what": "Verouderd", "version": 1, "where": "",
                                                               "audience_ids": []})
    assert stale.status_code == 409 and Agreement.objects.get().what == "KANARIE-API-2"
    pdf = send(c, "GET", f"/cases/{world.case.pk}/safety-plan/family-pdf?for_person_id={perpetrator.pk}")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "KANARIE" not in text
