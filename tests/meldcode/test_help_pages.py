"""Issue 9 through the pages and the API: the path for returning violence, Veilig Thuis's answer, the safety plan."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.meldcode.test_help_services import to_help_period, to_vt_answer
from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import RouteStatus


def url(name, world, route):
    return reverse(f"meldcode:{name}", args=[world.case.pk, route.pk])


def test_help_period_shows_the_returning_violence_path_on_route_case_and_werkvoorraad(world, as_user, route):
    to_help_period(world, route)
    client = as_user(world.worker)
    assert "Onveiligheid keert terug" in client.get(url("route", world, route)).content.decode()
    assert "Onveiligheid keert terug" in client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    bad = client.post(url("returning_violence", world, route), {"occurred_on": "", "description": "CANARY-bewaard"})
    assert bad.status_code == 400 and "CANARY-bewaard" in bad.content.decode()  # input kept next to the error
    done = client.post(url("returning_violence", world, route),
                       {"occurred_on": timezone.localdate().isoformat(), "description": "Vader dreigde opnieuw."})
    assert done.status_code == 302 and done["Location"] == url("report", world, route)
    werkvoorraad = client.get(reverse("cases:caseload")).content.decode()
    assert "Terugkerend geweld vastgelegd — melden bij Veilig Thuis" in werkvoorraad
    assert url("report", world, route) in werkvoorraad
    form = client.get(url("report", world, route)).content.decode()
    assert "Vader dreigde opnieuw." in form  # the preview of what Veilig Thuis receives


def test_vt_answer_page_and_conditions_on_the_safety_plan(world, as_user, route):
    to_vt_answer(world, route)
    client = as_user(world.worker)
    assert "Antwoord van Veilig Thuis vastleggen" in client.get(url("route", world, route)).content.decode()
    missing = client.post(url("vt_answer", world, route), {"answer": "help_under_conditions", "summary": "Overleg"})
    assert missing.status_code == 400 and "veiligheidsvoorwaarden" in missing.content.decode()
    monitoring = (timezone.localdate() + timedelta(days=21)).isoformat()
    done = client.post(url("vt_answer", world, route), {
        "answer": "help_under_conditions", "summary": "Overleg", "monitoring_on": monitoring,
        "safety_conditions": "Vader komt niet in huis zonder begeleiding (fictief)."})
    assert done.status_code == 302
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE
    assert "hulp onder voorwaarden van Veilig Thuis" in client.get(url("route", world, route)).content.decode()
    plan = client.get(reverse("safety:plan", args=[world.case.pk])).content.decode()
    assert "Vader komt niet in huis zonder begeleiding (fictief)." in plan


def test_api_exposes_returning_violence_and_vt_answers(world, route):
    to_vt_answer(world, route)
    _token, key = api_token_create(user=world.worker, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    base = f"/api/v1/cases/{world.case.pk}/meldcode/{route.pk}"
    refused = client.post(f"{base}/returning-violence", {"occurred_on": timezone.localdate().isoformat(),
                                                         "description": "Te vroeg"}, content_type="application/json")
    assert refused.status_code == 422  # awaiting Veilig Thuis's answer: not the help period
    answered = client.post(f"{base}/vt-answer", {
        "answer": "help_under_conditions", "summary": "Overleg", "safety_conditions": "Geen alcohol (fictief)",
        "monitoring_on": (timezone.localdate() + timedelta(days=14)).isoformat()}, content_type="application/json")
    assert answered.status_code == 200
    assert answered.json()["phase"] == "help_under_vt_conditions"
    assert answered.json()["vt_answers"][0]["safety_conditions"] == "Geen alcohol (fictief)"
    recorded = client.post(f"{base}/returning-violence", {"occurred_on": timezone.localdate().isoformat(),
                                                          "description": "Opnieuw geweld (fictief)"},
                           content_type="application/json")
    assert recorded.status_code == 200
    body = client.get(base).json()
    assert body["phase"] == "report_due" and body["report_norm"] == 3
    assert body["returning_violence"][0]["description"] == "Opnieuw geweld (fictief)"


def test_acute_report_shows_as_urgent_at_once_for_worker_and_veilig_thuis(world, as_user, route):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    ms.acute_danger_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                           police_called_at=timezone.now(), called_by="Medewerker (fictief)")
    ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                      idempotency_key="key-urgent-01", not_informed_reason="Acuut gevaar (fictief)")
    assert "acute melding — Veilig Thuis volgt vandaag op" in as_user(world.worker).get(
        reverse("cases:caseload")).content.decode()
    assert "dringend: vandaag opvolgen" in as_user(world.vt_liaison).get(reverse("meldcode:vt_inbox")).content.decode()
