"""Collaboration pages and API per persona: worker and coordinator write, consulted specialist reads only (403 on
writes), outsider 404; every read and write leaves its access-log row."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.collaboration.conftest import overdue_vt_report
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.collaboration import services
from wijkveilig.collaboration.models import AvePhaseChange, CaseConference
from wijkveilig.collaboration.services import DecisionIn

AVE_POST = {"phase": "3", "reason": "Fictief: afspraken lopen niet", "case_direction": "Wijkteam",
            "process_direction": "Coördinator", "operational_responsibility": "Teamleider wijkteam",
            "administrative_responsibility": "Wethouder zorg"}


def _url(world, name, **kwargs):
    return reverse(f"collaboration:{name}", kwargs={"case_id": world.case.pk, **kwargs})


@pytest.fixture
def consulted(world):
    case_services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                     specialist_id=world.specialist.pk)
    return world.specialist


@pytest.mark.parametrize("persona", ["worker", "coordinator"])
def test_team_persona_scales_up_with_reason(world, as_user, persona):
    user = getattr(world, persona)
    response = as_user(user).post(_url(world, "ave"), AVE_POST)
    assert response.status_code == 302
    change = AvePhaseChange.objects.get()
    assert (change.phase, change.changed_by, change.reason) == (3, user, AVE_POST["reason"])
    assert AccessLogEntry.objects.filter(event="collaboration.ave_scaled_up", username=user.username).exists()
    assert "AVE 1 → AVE 3" in as_user(user).get(_url(world, "ave")).content.decode()


def test_scaling_without_reason_keeps_what_was_typed(world, as_user):
    response = as_user(world.worker).post(_url(world, "ave"), AVE_POST | {"reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Coördinator" in page and "Vul ‘Reden van op- of afschalen’ in." in page
    assert not AvePhaseChange.objects.exists()


def test_conference_form_records_decision_for_owner(world, as_user):
    data = {"scheduled_at": "2024-05-01T10:00", "participants": [world.worker.pk, world.specialist.pk],
            "question": "Fictieve vraag", "risk_estimate": "moderate", "decision_1": "Fictief huisbezoek",
            "owner_1": world.worker.pk, "due_1": "2030-01-01"}
    response = as_user(world.worker).post(_url(world, "conference"), data)
    assert response.status_code == 302
    assert CaseConference.objects.get().decisions.get().owner == world.worker
    werkvoorraad = as_user(world.worker).get(reverse("cases:caseload")).content.decode()
    assert "besluit uit de casusbespreking" in werkvoorraad
    page = as_user(world.worker).get(_url(world, "overview")).content.decode()
    assert "Fictief huisbezoek" in page and "Markeer als afgerond" in page


def test_decision_without_owner_is_a_form_error(world, as_user):
    data = {"scheduled_at": "2024-05-01T10:00", "participants": [world.worker.pk], "question": "Fictief",
            "risk_estimate": "low", "decision_1": "Fictief besluit"}
    response = as_user(world.worker).post(_url(world, "conference"), data)
    assert response.status_code == 400
    assert "Fictief besluit" in response.content.decode()
    assert not CaseConference.objects.exists()


def test_owner_marks_decision_done_via_page(world, as_user):
    conference = services.conference_record(
        actor=Actor.system(world.worker), access=world.access, scheduled_at=timezone.now(),
        participant_ids=[world.worker.pk], question="Fictief", risk_estimate="low",
        decisions=[DecisionIn("Fictief", world.worker.pk, date(2030, 1, 1))])
    decision = conference.decisions.get()
    assert as_user(world.coordinator).post(_url(world, "decision_done", decision_id=decision.pk)).status_code == 403
    assert as_user(world.worker).post(_url(world, "decision_done", decision_id=decision.pk)).status_code == 302
    decision.refresh_from_db()
    assert decision.done_at is not None
    assert "besluit uit de casusbespreking" not in as_user(world.worker).get(reverse("cases:caseload")).content.decode()


def test_coordinator_sees_proposal_on_werkvoorraad_and_case_page(world, as_user):
    overdue_vt_report(world)
    client = as_user(world.coordinator)
    assert "voorstel om op te schalen naar AVE 2" in client.get(reverse("cases:caseload")).content.decode()
    assert "voorstel om op te schalen naar AVE 2" in client.get(
        reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "terugkoppeling van Veilig Thuis is te laat" in client.get(_url(world, "ave")).content.decode()


def test_consulted_specialist_reads_but_may_not_write(world, as_user, consulted):
    client = as_user(consulted)
    assert client.get(_url(world, "overview")).status_code == 200
    assert AccessLogEntry.objects.filter(event="case.viewed", section="collaboration",
                                         username=consulted.username).exists()
    assert client.post(_url(world, "ave"), AVE_POST).status_code == 403
    assert client.post(_url(world, "conference"), {"question": "x"}).status_code == 403
    assert AccessLogEntry.objects.filter(event="case.write_denied", section="collaboration").count() == 2
    api = client.post(f"/api/v1/cases/{world.case.pk}/ave", AVE_POST | {"phase": 3}, content_type="application/json")
    assert api.status_code == 403
    assert not AvePhaseChange.objects.exists()


@pytest.mark.parametrize("name", ["overview", "conference", "ave"])
def test_outsider_gets_404_and_denial_is_logged(world, as_user, name):
    client = as_user(world.outsider)
    assert client.get(_url(world, name)).status_code == 404
    assert client.post(_url(world, "ave"), AVE_POST).status_code == 404
    assert AccessLogEntry.objects.filter(event="case.access_denied", section="collaboration",
                                         username=world.outsider.username).exists()
    assert not AvePhaseChange.objects.exists()


def test_api_conference_ave_and_read(world, as_user):
    client = as_user(world.worker)
    base = f"/api/v1/cases/{world.case.pk}"
    response = client.post(f"{base}/conferences", {
        "scheduled_at": "2024-05-01T10:00", "participant_ids": [world.worker.pk], "question": "Fictief",
        "risk_estimate": "high", "decisions": [{"description": "Fictief", "owner_id": world.worker.pk,
                                               "due_on": "2030-01-01"}]}, content_type="application/json")
    assert response.status_code == 201, response.content
    decision_id = response.json()["decisions"][0]["id"]
    assert client.post(f"{base}/decisions/{decision_id}/done").status_code == 200
    responsible = {"operational_responsibility": "Teamleider", "administrative_responsibility": "Wethouder"}
    assert client.post(f"{base}/ave", {"phase": 2, "reason": " ", "case_direction": "x", "process_direction": "y"}
                       | responsible, content_type="application/json").status_code == 422
    assert client.post(f"{base}/ave", {"phase": 2, "reason": "Fictief", "case_direction": "Wijkteam",
                                       "process_direction": "Gemeente"}, content_type="application/json"
                       ).status_code == 422  # both responsibilities are required
    assert client.post(f"{base}/ave", {"phase": 2, "reason": "Fictief", "case_direction": "Wijkteam",
                                       "process_direction": "Gemeente"} | responsible,
                       content_type="application/json").status_code == 201
    data = client.get(f"{base}/collaboration").json()
    assert data["phase"] == 2 and data["conferences"][0]["decisions"][0]["done_at"]
    assert data["ave_changes"][0]["administrative_responsibility"] == "Wethouder"
    assert as_user(world.outsider).get(f"{base}/collaboration").status_code == 404


def test_absurd_ids_are_refused_without_error_page(world, as_user):
    client = as_user(world.worker)
    base = f"/api/v1/cases/{world.case.pk}"
    response = client.post(f"{base}/conferences", {
        "scheduled_at": "2024-05-01T10:00", "participant_ids": [2**70], "question": "Fictief",
        "risk_estimate": "low"}, content_type="application/json")
    assert response.status_code == 422
    assert client.post(f"{base}/decisions/{2**70}/done").status_code == 422
    assert client.post(_url(world, "decision_done", decision_id=2**70)).status_code == 302
    assert client.post(_url(world, "conference"), {"participants": ["x"], "owner_1": "x", "due_1": "x",
                                                   "scheduled_at": "x"}).status_code == 400


def test_a_decision_due_before_the_meeting_is_named_next_to_its_date(world, as_user):
    data = {"scheduled_at": "2030-05-01T10:00", "participants": [world.worker.pk], "question": "Fictieve vraag",
            "risk_estimate": "moderate", "decision_1": "Fictief huisbezoek", "owner_1": world.worker.pk,
            "due_1": "2030-04-30"}
    response = as_user(world.worker).post(_url(world, "conference"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_due_1_error"' in page and "Een besluit kan niet eerder klaar moeten zijn" in page
    assert 'href="#id_due_1"' in page  # the error summary links to the date
    assert not CaseConference.objects.exists()
