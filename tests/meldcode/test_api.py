"""The Meldcode route through the API: same rules as the pages (order enforced by the service layer)."""

import pytest
from django.test import Client
from django.utils import timezone

from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.models import AccessLogEntry


def api_client(user) -> Client:
    _token, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data=data or {}, content_type="application/json")


def test_full_route_over_the_api(world):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    c = api_client(world.worker)
    case = world.case.pk
    started = post(c, f"/cases/{case}/meldcode")
    assert started.status_code == 201
    route = started.json()["id"]
    base = f"/cases/{case}/meldcode/{route}"
    skipped = post(c, f"{base}/steps/3/complete")
    assert skipped.status_code == 422
    assert "overslaan" in skipped.json()["detail"]
    signal = {"supports_suspicion": True, "body": "Signaal via API (fictief)"}
    assert post(c, f"{base}/signals", signal).status_code == 200
    assert post(c, f"{base}/kindcheck", {"risk_situations": ["weapon"], "minors": "no"}).status_code == 200
    assert post(c, f"{base}/steps/1/complete").json()["current_step"] == 2
    today = timezone.localdate().isoformat()
    assert post(c, f"{base}/consultations", {"kind": "colleague", "with_whom": "Collega", "consulted_on": today,
                                             "topic": "Zorgen", "advice": "Gesprek aangaan"}).status_code == 200
    post(c, f"{base}/steps/2/complete")
    assert post(c, f"{base}/conversation", {"held": False, "skip_reason": "danger_client",
                                            "skip_explanation": "Partner leest mee"}).status_code == 200
    post(c, f"{base}/steps/3/complete")
    post(c, f"{base}/weighing", {"nature": "Psychisch", "severity": "serious", "risk": "Hoog", "is_in_doubt": True})
    blocked = post(c, f"{base}/steps/4/complete")
    assert blocked.status_code == 422 and "twijfel" in blocked.json()["detail"].lower()
    post(c, f"{base}/consultations", {"kind": "veilig_thuis", "with_whom": "VT", "consulted_on": today,
                                      "topic": "Twijfel", "advice": "Melden"})
    assert post(c, f"{base}/steps/4/complete").json()["current_step"] == 5
    post(c, f"{base}/answers", {"question": "suspicion", "answer": True, "justification": "Signalen"})
    state = post(c, f"{base}/answers", {"question": "unsafety", "answer": True, "justification": "Structureel"}).json()
    assert state["outcome"] == "report" and state["report_norm"] == 1
    report = post(c, f"{base}/reports", {"idempotency_key": "api-key-0001", "not_informed_reason": "Gevaar"})
    again = post(c, f"{base}/reports", {"idempotency_key": "api-key-0001", "not_informed_reason": "Gevaar"})
    assert report.status_code == 201 and again.json()["id"] == report.json()["id"]
    vt = api_client(world.vt_liaison)
    report_id = report.json()["id"]
    assert vt.get(f"/api/v1/cases/{case}").status_code == 404
    assert vt.get(f"/api/v1/cases/{case}/reports/{report_id}").status_code == 200
    feedback = post(vt, f"/cases/{case}/reports/{report_id}/feedback", {
        "moment": "after_assessment", "decision": "transfer", "summary": "Terug naar wijkteam", "received_on": today})
    assert feedback.status_code == 201
    assert AccessLogEntry.objects.filter(event="vt_report.feedback_recorded", user_id=world.vt_liaison.pk).exists()


@pytest.mark.parametrize("persona", ["outsider", "vt_liaison", "policy_officer", "colleague"])
def test_out_of_scope_404(world, persona):
    c = api_client(getattr(world, persona))
    assert post(c, f"/cases/{world.case.pk}/meldcode").status_code == 404


def test_consulted_specialist_cannot_write(world):
    from wijkveilig.audit.services import Actor
    from wijkveilig.cases import services

    services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                specialist_id=world.specialist.pk)
    assert post(api_client(world.specialist), f"/cases/{world.case.pk}/meldcode").status_code == 403


def test_bad_payload_is_422_not_500(world):
    c = api_client(world.worker)
    route = post(c, f"/cases/{world.case.pk}/meldcode").json()["id"]
    response = post(c, f"/cases/{world.case.pk}/meldcode/{route}/answers", {"question": "nonsense", "answer": "x"})
    assert response.status_code == 422
