"""AVE and MDA++ per household in a real browser: the coordinator opens a case that was reported to Veilig Thuis
and is asked to set its AVE phase (AVE 3, with the reason); she sets it with who holds operational and
administrative responsibility; then the case joins the MDA++ its household already has, with the same case
director. Every page visited must pass axe-core's WCAG 2.1 A/AA rules."""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.collaboration import services as collaboration_services
from wijkveilig.collaboration.models import AvePhaseChange
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import VtReport

pytestmark = pytest.mark.browser


def _reported_second_case(world):
    """A second open case of the world's household, reported to Veilig Thuis (by the worker)."""
    second = case_services.case_open_for_household(actor=Actor.system(world.worker), household=world.case.household,
                                                   summary="Fictief: melding over de oudste zoon")
    route = meldcode_services.route_start(actor=Actor.system(world.worker), access=second)
    VtReport.objects.create(case=second.case, route=route, idempotency_key=f"journey-{second.case.pk}",
                            sent_by=world.worker, content=json.dumps({"fictief": True}),
                            assessment_due_on=timezone.localdate())
    return second.case


def test_coordinator_sets_the_suggested_phase_and_the_second_case_joins_the_households_mda(
        world, page, url, log_in_as):
    collaboration_services.mda_start(actor=Actor.system(world.worker), access=world.access,
                                     case_director_id=world.worker.pk, criteria=["structural_unsafety"],
                                     reason="Fictief: herhaald geweld ondanks hulp.")
    second = _reported_second_case(world)
    director = world.worker.get_full_name()

    log_in_as(world.coordinator)
    page.goto(url(f"/casussen/{second.pk}/"))
    prompt = page.get_by_test_id("ave-prompt")
    expect(prompt).to_contain_text("Stel de AVE-fase vast: op grond van wat bekend is past AVE 3.")
    expect(prompt).to_contain_text("de casus is gemeld bij Veilig Thuis")
    assert_accessible(page, "ave: casus met voorstel voor de fase")
    prompt.get_by_role("link", name="AVE-fase vaststellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("AVE-fase")
    expect(page.get_by_label("AVE 3: complexe problemen op meerdere leefgebieden en sectoren")).to_be_checked()
    page.get_by_label("Reden van op- of afschalen").fill("Fictief: gemeld bij Veilig Thuis.")
    page.get_by_label("Casusregie bij").fill("Wijkteammedewerker")
    page.get_by_label("Procesregie bij").fill("Coördinator wijkteam")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_text("Vul ‘Operationele verantwoordelijkheid bij’ in.").first).to_be_visible()  # required
    expect(page.get_by_label("Reden van op- of afschalen")).to_have_value("Fictief: gemeld bij Veilig Thuis.")
    assert_accessible(page, "ave: fase vaststellen met fout")
    page.get_by_label("Operationele verantwoordelijkheid bij").fill("Teamleider wijkteam Noord")
    page.get_by_label("Bestuurlijke verantwoordelijkheid bij").fill("Wethouder sociaal domein")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("status").filter(has_text="AVE-fase gewijzigd.")).to_be_visible()
    expect(page.get_by_role("region", name="AVE-fase")).to_contain_text("Huidige fase: AVE 3.")
    page.get_by_role("link", name="AVE-fase en geschiedenis").click()
    history = page.get_by_role("table", name="Op- en afschalingen, nieuwste eerst")
    expect(history).to_contain_text("Teamleider wijkteam Noord / Wethouder sociaal domein")
    expect(page.get_by_test_id("ave-prompt")).to_have_count(0)
    assert_accessible(page, "ave: geschiedenis met verantwoordelijkheden")
    change = AvePhaseChange.objects.get(case=second)
    assert (change.phase, change.changed_by, change.administrative_responsibility) == (
        3, world.coordinator, "Wethouder sociaal domein")

    page.get_by_role("link", name="MDA++", exact=True).click()
    join = page.get_by_role("region", name="MDA++ van dit huishouden")
    expect(join).to_contain_text(f"casusregisseur {director}")
    expect(page.get_by_role("button", name="MDA++ starten")).to_have_count(0)  # no second MDA++ for one family
    assert_accessible(page, "mda: aansluiten bij het huishouden")
    join.get_by_role("button", name="Aansluiten bij de MDA++ van het huishouden").click()
    expect(page.get_by_role("status").filter(has_text="Deze casus hoort nu bij de MDA++ van het huishouden.")
           ).to_be_visible()
    current = page.get_by_role("region", name="Huidige MDA++")
    expect(current).to_contain_text(director)
    expect(current).to_contain_text(world.case.reference)
    expect(current).to_contain_text(second.reference)
    assert_accessible(page, "mda: aangesloten casus")
    assert collaboration_services.mda_current(second) == collaboration_services.mda_current(world.case)

    page.goto(url(f"/casussen/{second.pk}/"))  # MDA++ now: the facts call for AVE 4
    expect(page.get_by_test_id("ave-prompt")).to_contain_text("past AVE 4")
