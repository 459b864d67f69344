"""AVE escalation in a real browser: overdue Veilig Thuis feedback makes the coordinator's werkvoorraad and the
case page propose scaling up; the coordinator scales up with a reason. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from tests.collaboration.conftest import overdue_vt_report
from wijkveilig.collaboration.models import AvePhaseChange

pytestmark = pytest.mark.browser


def test_coordinator_sees_proposal_and_scales_up_with_reason(world, page, url, log_in_as):
    overdue_vt_report(world, days_ago=4)  # the safety assessment was due four days ago, no feedback yet
    log_in_as(world.coordinator)
    page.goto(url("/werkvoorraad/"))
    assert_styled(page)
    expect(page.get_by_role("region", name="Samenwerking en opschaling")).to_contain_text(
        "voorstel om op te schalen naar AVE 2")
    assert_accessible(page, "samenwerking: werkvoorraad met voorstel")
    page.goto(url(f"/casussen/{world.case.pk}/"))
    section = page.get_by_role("region", name="Samenwerking en AVE")
    expect(section).to_contain_text("Stagnatie: voorstel om op te schalen naar AVE 2.")
    assert_accessible(page, "samenwerking: casuspagina met voorstel")
    section.get_by_role("link", name="Op- of afschalen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("AVE-fase")
    expect(page.get_by_role("status").first).to_contain_text("terugkoppeling van Veilig Thuis is te laat")
    assert_accessible(page, "samenwerking: AVE-pagina met voorstel")

    page.get_by_label("AVE 2: er is een vraag of een probleem").check()
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_text("Vul ‘Reden van op- of afschalen’ in.").first).to_be_visible()
    assert_accessible(page, "samenwerking: AVE-formulier met fout")
    page.get_by_label("Reden van op- of afschalen").fill("Fictief: Veilig Thuis koppelt niet terug.")
    page.get_by_label("Casusregie bij").fill("Wijkteammedewerker")
    page.get_by_label("Procesregie bij").fill("Coördinator wijkteam")
    page.get_by_label("Operationele verantwoordelijkheid bij").fill("Teamleider wijkteam")
    page.get_by_label("Bestuurlijke verantwoordelijkheid bij").fill("Wethouder sociaal domein")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("status").filter(has_text="AVE-fase gewijzigd.")).to_be_visible()
    expect(page.get_by_role("region", name="AVE-fase")).to_contain_text("Huidige fase: AVE 2.")
    assert_accessible(page, "samenwerking: overzicht na opschalen")
    change = AvePhaseChange.objects.get()
    assert (change.previous_phase, change.phase, change.changed_by) == (1, 2, world.coordinator)


def test_worker_records_conference_and_completes_own_decision(world, page, url, log_in_as):
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/samenwerking/"))
    assert_styled(page)
    assert_accessible(page, "samenwerking: overzicht leeg")
    page.get_by_role("link", name="Casusbespreking vastleggen").first.click()
    assert_accessible(page, "samenwerking: casusbespreking leeg")
    page.get_by_label("Datum en tijd").fill("2024-05-01T10:00")
    page.get_by_label(world.worker.get_full_name() or world.worker.username, exact=True).first.check()
    page.get_by_label("Vraag voor de casusbespreking").fill("Fictief: is de thuissituatie veilig genoeg?")
    page.get_by_label("matig").check()
    besluit = page.get_by_role("group", name="Besluit 1 (niet verplicht)")
    besluit.get_by_label("Besluit (niet verplicht)").fill("Fictief: huisbezoek samen met de aandachtsfunctionaris")
    page.get_by_role("button", name="Casusbespreking opslaan").click()
    expect(page.locator(".utrecht-form-field-error-message").filter(  # next to the field (and in the summary)
        has_text="Geef bij elk besluit een eigenaar en een datum.")).to_be_visible()
    assert_accessible(page, "samenwerking: casusbespreking met fout")
    besluit.get_by_label("Eigenaar").select_option(str(world.worker.pk))
    besluit.get_by_label("Uiterlijk op").fill("2030-01-01")
    page.get_by_role("button", name="Casusbespreking opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Casusbespreking vastgelegd.")).to_be_visible()
    assert_accessible(page, "samenwerking: overzicht met besluit")
    page.goto(url("/werkvoorraad/"))
    expect(page.get_by_role("region", name="Samenwerking en opschaling")).to_contain_text(
        "besluit uit de casusbespreking")
    page.get_by_role("link", name="Naar de besluiten").click()
    page.get_by_role("button", name="Markeer als afgerond").click()
    expect(page.get_by_role("status").filter(has_text="Besluit afgerond.")).to_be_visible()
    expect(page.get_by_role("table", name="Besluiten")).to_contain_text("afgerond op")
