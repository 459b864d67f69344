"""The Meldcode route through its pages: worker, coordinator, VT liaison, outsider; PDF and JSON export."""

import json
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.meldcode.conftest import walk_to_decision
from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.core.errors import DomainError
from wijkveilig.core.pdf import long_date
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, VtReport


def url(name, world, route=None, **kw):
    args = [world.case.pk] + ([route.pk] if route else []) + list(kw.values())
    return reverse(f"meldcode:{name}", args=args)


def reported(world, route):
    walk_to_decision(world, route)
    for q, a in (("suspicion", True), ("unsafety", True)):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, question=q,
                         answer=a, justification="Onderbouwing (fictief)")
    return ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                             idempotency_key="key-pages-1", informed_whom="Moeder (fictief)",
                             informed_reaction="Boos, maar begrijpt het")


def test_worker_starts_route_and_walks_step_one(world, as_user):
    client = as_user(world.worker)
    response = client.post(url("start", world))
    route = MeldcodeRoute.objects.get(case=world.case)
    assert response.status_code == 302
    page = client.get(url("route", world, route))
    assert page.status_code == 200
    assert "Stap 1" in page.content.decode()
    blocked = client.post(url("step_complete", world, route, step=1))
    assert blocked.status_code == 400
    assert "minstens één signaal" in blocked.content.decode()
    added = client.post(url("signal_add", world, route), {
        "statement_kind": "observation", "occurred_at": "2026-01-05T10:00", "body": "Kind huilde bij ophalen (fictief)",
        "supports_suspicion": "true"})
    assert added.status_code == 302
    assert client.post(url("step_complete", world, route, step=1)).status_code == 302
    assert AccessLogEntry.objects.filter(event="meldcode.step_completed", case_id=world.case.pk).exists()


def test_invalid_input_keeps_what_was_typed(world, as_user, route):
    client = as_user(world.worker)
    response = client.post(url("signal_add", world, route), {"body": "Mijn getypte tekst blijft staan",
                                                             "occurred_at": "geen datum"})
    assert response.status_code == 400
    assert "Mijn getypte tekst blijft staan" in response.content.decode()


def test_doubt_blocks_weighing_until_vt_consulted_via_page(world, as_user, route):
    with pytest.raises(DomainError, match="Veilig Thuis raadplegen"):
        walk_to_decision(world, route, in_doubt=True, vt=False)
    client = as_user(world.worker)
    blocked = client.post(url("step_complete", world, route, step=4))
    assert blocked.status_code == 400
    assert "Veilig Thuis raadplegen" in blocked.content.decode()


def test_acute_danger_page_says_call_112_and_leads_to_report(world, as_user, route):
    client = as_user(world.worker)
    page = client.get(url("acute", world, route))
    assert "Bel 112" in page.content.decode()
    response = client.post(url("acute", world, route), {"police_called_at": "2026-01-05T10:00",
                                                        "called_by": "Medewerker (fictief)"})
    assert response.status_code == 302
    assert response["Location"] == url("report", world, route)


def test_report_double_submit_creates_one(world, as_user, route):
    walk_to_decision(world, route)
    for q, a in (("suspicion", True), ("unsafety", True)):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, question=q,
                         answer=a, justification="Onderbouwing (fictief)")
    client = as_user(world.worker)
    data = {"idempotency_key": "form-key-123456", "informed_whom": "Vader", "informed_reaction": "Akkoord"}
    assert client.post(url("report", world, route), data).status_code == 302
    assert client.post(url("report", world, route), data).status_code == 302
    assert VtReport.objects.filter(case=world.case).count() == 1


def test_pdf_and_json_contain_key_fields_and_are_logged(world, as_user, route):
    report = reported(world, route)
    client = as_user(world.worker)
    pdf = client.get(url("report_pdf", world, report_id=report.pk))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    for expected in (world.case.reference, "Melding aan Veilig Thuis", "Moeder (fictief)", "Blauwe plek",
                     long_date(report.assessment_due_on), "Meld bij Veilig Thuis", "ernstig"):
        assert expected in text
    data = json.loads(client.get(url("report_json", world, report_id=report.pk)).content)
    assert data["content"]["case_reference"] == world.case.reference
    assert data["content"]["outcome"] == "report"
    assert AccessLogEntry.objects.filter(event="vt_report.exported", case_id=world.case.pk).count() == 2


def test_report_leaves_out_notes_not_on_the_route(world, route):
    from wijkveilig.cases import services as cs
    cs.note_add(actor=Actor.system(world.worker), access=world.access, kind="note", statement_kind="opinion",
                occurred_at=timezone.now(), body="Interne notitie die niet mee mag")
    report = reported(world, route)
    assert "Interne notitie die niet mee mag" not in report.content


def test_vt_liaison_sees_only_the_report_and_records_feedback(world, as_user, route):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    report = reported(world, route)
    client = as_user(world.vt_liaison)
    inbox = client.get(reverse("meldcode:vt_inbox"))
    assert world.case.reference in inbox.content.decode()
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 404
    assert client.get(url("route", world, route)).status_code == 404
    detail = reverse("meldcode:vt_report", args=[world.case.pk, report.pk])
    assert client.get(detail).status_code == 200
    response = client.post(detail, {"moment": "after_assessment", "decision": "transfer", "received_on": "2026-01-06",
                                    "summary": "Overdracht aan wijkteam (fictief)"})
    assert response.status_code == 302
    worker_page = as_user(world.worker).get(url("route", world, route)).content.decode()
    assert "Overdracht aan wijkteam (fictief)" in worker_page


def test_vt_liaison_of_another_team_sees_nothing(world, as_user, route):
    report = reported(world, route)  # team has no vt_contact
    client = as_user(world.vt_liaison)
    assert world.case.reference not in client.get(reverse("meldcode:vt_inbox")).content.decode()
    assert client.get(reverse("meldcode:vt_report", args=[world.case.pk, report.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["outsider", "policy_officer", "admin", "log_officer", "colleague"])
def test_out_of_scope_gets_404_and_denied_row(world, as_user, route, persona):
    client = as_user(getattr(world, persona))
    assert client.get(url("route", world, route)).status_code == 404
    assert client.post(url("start", world)).status_code == 404
    row = AccessLogEntry.objects.filter(user_id=getattr(world, persona).pk).latest("id")
    assert row.outcome == Outcome.DENIED


def test_overdue_feedback_on_werkvoorraad_and_coordinator(world, as_user, route):
    report = reported(world, route)
    later = timezone.now() + timedelta(days=14)
    with time_machine.travel(later):
        worker_page = as_user(world.worker).get(reverse("cases:caseload")).content.decode()
        coordinator_page = as_user(world.coordinator).get(reverse("cases:caseload")).content.decode()
    assert "terugkoppeling van Veilig Thuis is te laat" in worker_page
    assert "terugkoppeling van Veilig Thuis is te laat" in coordinator_page
    assert report.assessment_due_on < (later.date())


def test_evaluation_date_passed_on_werkvoorraad(world, as_user, route):
    walk_to_decision(world, route)
    for q in ("suspicion", "unsafety", "can_help", "help_accepted"):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, question=q,
                         answer=q != "unsafety", justification="Onderbouwing (fictief)",
                         evaluation_on=timezone.localdate() + timedelta(days=30))
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        page = as_user(world.worker).get(reverse("cases:caseload")).content.decode()
    assert "evaluatiedatum" in page and "vraag 5" in page


def test_report_form_shows_what_veilig_thuis_will_receive(world, as_user, route):
    walk_to_decision(world, route)
    for q, a in (("suspicion", True), ("unsafety", True)):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, question=q,
                         answer=a, justification="Onderbouwing (fictief)")
    page = as_user(world.worker).get(url("report", world, route)).content.decode()
    assert "Wat Veilig Thuis ontvangt" in page
    assert "Blauwe plek op de arm" in page  # the route's signal
    assert "Meld bij Veilig Thuis" in page
