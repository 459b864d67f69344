"""MDA++ in a real browser: the worker makes the case MDA++, names herself casusregisseur and adds the police's
account; the police partner sees the shared plan and the conference decision, never the note, and gets "not
found" on the case itself. Every page visited must pass axe-core's WCAG 2.1 A/AA rules."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from tests.factories import UserFactory
from tests.safety.conftest import entry
from wijkveilig.accounts.models import Role
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.collaboration import services as collaboration_services
from wijkveilig.safety import services as safety_services

pytestmark = pytest.mark.browser

NOTE = "Fictief: buurman hoorde geschreeuw (notitie)"


def test_worker_shares_the_plan_with_police_who_never_sees_notes(world, page, url, log_in_as):
    actor = Actor.system(world.worker)
    police = UserFactory(username="t_politie", role=Role.PARTNER, first_name="Petra", last_name="Proef",
                         organisation="Politie Eenheid Proefland")
    case_services.note_add(actor=actor, access=world.access, kind="signal", statement_kind="observation",
                           occurred_at=timezone.now(), body=NOTE)
    safety_services.safety_agreement_add(actor=actor, access=world.access,
                                         entry=entry(what="Vader belt niet (fictief)"))
    collaboration_services.conference_record(
        actor=actor, access=world.access, scheduled_at=timezone.now(), participant_ids=[world.worker.pk],
        question="Fictief", risk_estimate="high",
        decisions=[collaboration_services.DecisionIn("Politie rijdt extra surveillance (fictief)", world.worker.pk,
                                                     date(2030, 1, 1))])

    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/samenwerking/"))
    assert_styled(page)
    page.get_by_role("link", name="MDA++ en partners").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MDA++")
    assert_accessible(page, "mda: starten")
    page.get_by_role("button", name="MDA++ starten").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw invoer is bewaard")
    assert_accessible(page, "mda: starten met fout")
    page.get_by_label("Casusregisseur").select_option(str(world.worker.pk))
    page.get_by_label("hoog risico op escalatie").check()
    page.get_by_label("Toelichting", exact=True).fill("Fictief: geweld houdt aan ondanks hulp.")
    page.get_by_role("button", name="MDA++ starten").click()
    expect(page.get_by_role("status").filter(has_text="Casus is nu een MDA++-casus.")).to_be_visible()

    form = page.locator("form", has=page.get_by_role("button", name="Partner toevoegen"))
    form.get_by_label("Account van de partner").select_option(str(police.pk))
    form.get_by_label("Sector").select_option("police")
    form.get_by_label("convenant (bijvoorbeeld Zorg- en Veiligheidshuis)").check()
    page.get_by_role("button", name="Partner toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw invoer is bewaard")  # the ground needs an explanation
    assert_accessible(page, "mda: partner toevoegen met fout")
    form.get_by_label("Toelichting op de grondslag").fill("Fictief: convenant ZVH Proefland")
    page.get_by_role("button", name="Partner toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Partner toegevoegd.")).to_be_visible()
    expect(page.get_by_role("table", name="Partners met toegang tot het gedeelde plan")).to_contain_text(
        "Politie Eenheid Proefland")
    assert_accessible(page, "mda: met partner")
    page.get_by_role("link", name="Bekijk wat de partners zien").click()
    expect(page.get_by_role("note")).to_contain_text("Notities")
    assert_accessible(page, "mda: gedeeld plan (team)")

    log_in_as(police)
    page.goto(url("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn MDA++-casussen")
    assert_accessible(page, "mda: casussen van de partner")
    page.get_by_role("link", name=world.case.reference, exact=False).click()
    expect(page.get_by_role("table", name="Afspraken")).to_contain_text("Vader belt niet (fictief)")
    expect(page.get_by_role("table", name="Besluiten")).to_contain_text("Politie rijdt extra surveillance")
    expect(page.get_by_text(NOTE)).to_have_count(0)
    assert_accessible(page, "mda: gedeeld plan (partner)")
    response = page.goto(url(f"/casussen/{world.case.pk}/"))
    assert response.status == 404
    assert NOTE not in page.content()
    assert AccessLogEntry.objects.filter(username=police.username, event="mda.shared_plan_viewed").count() == 1
    assert AccessLogEntry.objects.filter(username=police.username, event="case.access_denied").count() == 1
