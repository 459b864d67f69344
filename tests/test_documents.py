"""Issue 11 part 3: documents that read well. Each PDF is read back as text (pypdf): names in any script print as
typed, dates as people write them, no empty "BSN -", no double brackets or full stops, the signal's source and the
kindcheck's risk situation are in; the user's language is the document's; Veilig Thuis sees on screen all the PDF
holds; the message after a report matches how the team's region works."""

import json
import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.meldcode.conftest import walk_to_decision
from wijkveilig.accounts.models import VtDelivery
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.core.pdf import joined, long_date, sentence
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import VtReport
from wijkveilig.safety.models import Agreement, SafetyPlan

NAMES = ("Zoë", "Ayşe", "Łukasz", "Noëlla", "Ïsa", "Şükran")


@pytest.mark.parametrize("text, expected", [
    ("Moeder schrok.", "Moeder schrok."), ("Moeder schrok", "Moeder schrok."), ("Moeder schrok..", "Moeder schrok."),
    ("  Waarom?  ", "Waarom?"), ("", ""), ("twee\nregels", "twee regels."),
])
def test_sentence_ends_in_one_full_stop(text, expected):
    assert sentence(text) == expected


def test_joined_leaves_out_empty_parts():
    assert joined("Zoë", "", "  ", "BSN 123456782") == "Zoë · BSN 123456782"


def test_long_date_follows_the_language():
    with translation.override("nl"):
        assert long_date(date(2026, 12, 7)) == "7 december 2026"
    with translation.override("en"):
        assert long_date(date(2026, 12, 7)) == "7 December 2026"
    assert long_date(None) == "" and long_date("") == ""


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def _reported(world) -> VtReport:
    actor, access = Actor.system(world.worker), world.access
    route = ms.route_start(actor=actor, access=access)
    hh.person_add(actor=actor, access=access, first_name="Zoë", last_name="Ayşe-Łukasz", roles=["victim"])
    hh.person_add(actor=actor, access=access, first_name="Şükran", last_name="Noëlla", roles=["child"],
                  birth_date=timezone.localdate() - timedelta(days=8 * 365), bsn="123456782")
    hh.person_add(actor=actor, access=access, first_name="Ïsa", last_name="Testerink", roles=["suspected_perpetrator"])
    ms.signal_add(actor=actor, access=access, route_id=route.pk, supports_suspicion=True,
                  statement_kind="observation", occurred_at=timezone.now() - timedelta(days=2),
                  body="Het kind had een blauw oog.", source="Leerkracht basisschool (fictief)", place="School",
                  observer="Leerkracht")
    ms.kindcheck_record(actor=actor, access=access, route_id=route.pk, risk_situations=["addiction"], minors="yes",
                        where_children_stay="Bij moeder (fictief)", action_taken="Gesprek met moeder gevoerd.")
    walk_to_decision(world, route)
    for question, answer in (("suspicion", True), ("unsafety", True)):
        ms.answer_record(actor=actor, access=access, route_id=route.pk, question=question, answer=answer,
                         justification="Onderbouwing (fictief).")
    return ms.vt_report_send(actor=actor, access=access, route_id=route.pk, idempotency_key="documents-1",
                             informed_whom="Moeder (Zoë)", informed_reaction="Geschrokken, maar begrijpt het..")


def test_report_pdf_reads_well(world, as_user):
    report = _reported(world)
    text = pdf_text(as_user(world.worker).get(reverse("meldcode:report_pdf", args=[world.case.pk, report.pk])))
    flat = " ".join(text.split())
    for name in ("Zoë Ayşe-Łukasz", "Şükran Noëlla", "Ïsa Testerink"):
        assert name in flat
    assert "Geïnformeerd over de melding" in flat
    assert f"Veiligheidsbeoordeling uiterlijk: {long_date(report.assessment_due_on)}" in flat
    assert re.search(r"\d{4}-\d{2}-\d{2}", flat) is None  # no ISO dates for people to read
    assert "BSN 123456782" in flat and "BSN -" not in flat and "BSN —" not in flat
    assert "((" not in flat and "))" not in flat and ".." not in flat
    assert "bron: Leerkracht basisschool (fictief)" in flat
    assert "Risicosituatie: verslaving (drugs, alcohol)" in flat
    assert "Wat is gedaan: Gesprek met moeder gevoerd." in flat
    assert "Reactie: Geschrokken, maar begrijpt het." in flat


def test_report_pdf_in_english_for_an_english_user(world, as_user):
    report = _reported(world)
    world.worker.language = "en"
    world.worker.save()
    text = " ".join(pdf_text(as_user(world.worker).get(
        reverse("meldcode:report_pdf", args=[world.case.pk, report.pk]))).split())
    assert "Report to Veilig Thuis" in text and "Melding aan Veilig Thuis" not in text
    with translation.override("en"):
        assert long_date(report.assessment_due_on) in text
    assert "Risk situation: addiction (drugs, alcohol)" in text and "Zoë Ayşe-Łukasz" in text


def test_veilig_thuis_sees_on_screen_everything_the_pdf_holds(world, as_user):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    report = _reported(world)
    client = as_user(world.vt_liaison)
    page = client.get(reverse("meldcode:vt_report", args=[world.case.pk, report.pk])).content.decode()
    page_text = " ".join(re.sub(r"<[^>]+>", " ", page).replace("&#x27;", "'").replace("&quot;", '"').split())
    pdf_lines = [" ".join(line.split()) for line in pdf_text(client.get(
        reverse("meldcode:report_pdf", args=[world.case.pk, report.pk]))).splitlines() if line.strip()]
    assert pdf_lines[0].endswith(world.case.reference) and f"Melding {world.case.reference}" in page_text
    pdf_lines = pdf_lines[1:]  # the title: the page has its own heading
    for heading in ("Kindcheck", "Weging", "Afwegingskader", "Signalen", "Betrokkenen"):
        assert heading in page_text
    missing = [line for line in pdf_lines if "pagina" not in line and line.split(": ")[-1] not in page_text]
    assert missing == [], missing  # every line of the PDF (long lines: their wrapped parts) is on the page


@pytest.mark.parametrize("delivery, has_contact, sends_pdf", [
    (VtDelivery.IN_APP, True, False),
    (VtDelivery.IN_APP, False, True),  # nobody would receive it here: the worker sends the PDF
    (VtDelivery.WORKER_SENDS_PDF, True, True),
    (VtDelivery.WORKER_SENDS_PDF, False, True),
])
def test_who_sends_the_report(world, delivery, has_contact, sends_pdf):
    world.team.vt_delivery = delivery
    world.team.vt_contact = world.vt_liaison if has_contact else None
    assert world.team.worker_sends_vt_pdf is sends_pdf


@pytest.mark.parametrize("delivery, expected", [
    (VtDelivery.IN_APP, "ontvangt die in Wijkveilig"),
    (VtDelivery.WORKER_SENDS_PDF, "Download de PDF en stuur die naar Veilig Thuis"),
])
def test_message_after_a_report_matches_the_region(world, as_user, delivery, expected):
    world.team.vt_contact = world.vt_liaison
    world.team.vt_delivery = delivery
    world.team.save()
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    walk_to_decision(world, route)
    for question, answer in (("suspicion", True), ("unsafety", True)):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                         question=question, answer=answer, justification="Onderbouwing (fictief)")
    client = as_user(world.worker)
    response = client.post(reverse("meldcode:report", args=[world.case.pk, route.pk]), {
        "idempotency_key": "message-key-1", "informed_whom": "Moeder (fictief)", "informed_reaction": "Begrijpt het"},
        follow=True)
    assert expected in response.content.decode()


def _family_pdf(world, client, person):
    return pdf_text(client.get(reverse("safety:family_pdf", args=[world.case.pk, person.pk])))


def test_family_plan_reads_well_in_both_languages(world, as_user):
    actor = Actor.system(world.worker)
    victim = hh.person_add(actor=actor, access=world.access, first_name="Zoë", last_name="Łukasz-Şahin",
                           roles=["victim"])
    plan = SafetyPlan.objects.create(case=world.case, review_on=date(2026, 12, 7))
    agreement = Agreement.objects.create(plan=plan, kind="immediate", who="Zoë", what="Belt de buurvrouw Ayşe.",
                                         where="Thuis.", network="Tante Noëlla", created_by=world.worker,
                                         due_on=date(2026, 12, 1))
    agreement.audience.add(victim)
    client = as_user(world.worker)
    text = " ".join(_family_pdf(world, client, victim).split())
    assert "Voor: Zoë Łukasz-Şahin" in text and "Belt de buurvrouw Ayşe." in text
    assert "uiterlijk 1 december 2026" in text and "Op 7 december 2026." in text
    assert ".." not in text and "Waar: Thuis." in text and "Wie helpt: Tante Noëlla." in text
    world.worker.language = "en"
    world.worker.save()
    english = " ".join(_family_pdf(world, as_user(world.worker), victim).split())
    assert "Our safety plan" in english and "On 7 December 2026." in english and "Zoë Łukasz-Şahin" in english


def test_report_content_keeps_the_kindcheck_risk_situation(world):
    report = _reported(world)
    content = json.loads(report.content)
    assert content["kindcheck"]["risk_situations"] == ["addiction"]
    assert "Leerkracht basisschool (fictief)" in [signal["source"] for signal in content["signals"]]
