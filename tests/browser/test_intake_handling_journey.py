"""A rood concern never ends in nothing, in a real browser: the coordinator triages it rood, sees it stay in the queue
as "nog niet afgehandeld", makes the report to Veilig Thuis from it (prefilled), and it leaves the open list; the
team's Veilig Thuis contact finds it in the inbox. Every page view must pass axe-core's WCAG 2.1 A/AA rules."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from wijkveilig.audit.services import Actor
from wijkveilig.intake import services
from wijkveilig.intake.models import ConcernHandling, PostcodeRange

pytestmark = pytest.mark.browser


def test_red_concern_is_reported_to_veilig_thuis_from_the_queue(page, url, world, log_in_as):
    PostcodeRange.objects.create(postcode_from="9900AA", postcode_to="9900ZZ", number_from=1, number_to=999,
                                 buurt=world.buurt)
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    concern = services.concern_register(
        actor=Actor.system(world.coordinator), source="police", received_at=timezone.now(),
        household_name="Huishouden Roodproef", postcode="9900 AB", house_number="3",
        observation="Fictief: politie trof moeder met letsel aan; de kinderen waren thuis.",
        persons=[services.PersonKnown("Zoë", "Roodproef", role="child")])

    log_in_as(world.coordinator)
    page.goto(url(f"/intake/{concern.pk}/"))
    triage = page.get_by_role("region", name="Triage")
    triage.get_by_role("group", name="A. Is er direct gevaar?").get_by_label("ja").check()
    triage.get_by_role("group", name="B. Is er sprake van structurele ernstige onveiligheid?").get_by_label(
        "nee").check()
    triage.get_by_role("group", name="C. Is er een schadelijke multiprobleemsituatie?").get_by_label("nee").check()
    for i, text in enumerate(["Fictief: dreiging met een mes.", "Fictief: eerste melding.", "Fictief: niets bekend."]):
        triage.get_by_label("Onderbouwing").nth(i).fill(text)
    triage.get_by_role("button", name="Triage vastleggen").click()
    expect(page.get_by_text("Rood: direct gevaar. Bel 112.")).to_be_visible()
    handling = page.get_by_role("region", name="Afhandeling")
    expect(handling).to_contain_text("nog niet afgehandeld")
    assert_accessible(page, "coördinator: rode zorg, nog niet afgehandeld")

    page.goto(url("/intake/"))
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("rood")
    expect(row).to_contain_text("nog niet afgehandeld")
    assert_accessible(page, "coördinator: wachtrij met rode zorg")
    row.get_by_role("link").click()

    page.get_by_role("link", name="Melding aan Veilig Thuis maken").click()
    expect(page.get_by_label("Wat is waargenomen")).to_have_value(re.compile("moeder met letsel"))
    prefilled = page.get_by_role("region", name="Uit de zorg overgenomen")
    expect(prefilled).to_contain_text("Zoë Roodproef")
    expect(prefilled).to_contain_text("dreiging met een mes")
    expect(prefilled).to_contain_text("zorgmelding politie")
    assert_accessible(page, "coördinator: melding aan Veilig Thuis, vooraf ingevuld")
    page.get_by_role("button", name="Melden bij Veilig Thuis").click()  # who was informed is missing: refused
    expect(page.locator(".utrecht-form-field-error-message").filter(
        has_text="wie u vooraf over de melding heeft geïnformeerd, of waarom niet")).to_be_visible()
    expect(page.get_by_label("Wat is waargenomen")).to_have_value(re.compile("moeder met letsel"))
    assert_accessible(page, "coördinator: melding met fout")
    page.get_by_label("Of: waarom heeft u niemand geïnformeerd?").fill("Fictief: moeder zou in gevaar komen.")
    page.get_by_role("button", name="Melden bij Veilig Thuis").click()
    expect(page.get_by_role("status")).to_contain_text("De melding is vastgelegd")
    expect(page.get_by_role("region", name="Inhoud van de melding")).to_contain_text("moeder met letsel")
    assert_accessible(page, "coördinator: melding vastgelegd")
    assert ConcernHandling.objects.get(concern=concern).outcome == "reported"

    page.goto(url("/intake/"))
    expect(page.get_by_role("link", name=re.compile(concern.reference))).to_have_count(0)

    log_in_as(world.vt_liaison)
    page.goto(url("/veilig-thuis/"))
    table = page.get_by_role("table", name=re.compile("Meldingen uit de intake"))
    expect(table).to_contain_text(concern.reference)
    expect(table).to_contain_text("acuut")
    assert_accessible(page, "Veilig Thuis: inbox met melding uit de intake")
    table.get_by_role("link", name=re.compile(concern.reference)).click()
    expect(page.get_by_role("region", name="Inhoud van de melding")).to_contain_text("moeder zou in gevaar komen")
    assert_accessible(page, "Veilig Thuis: melding uit de intake")
