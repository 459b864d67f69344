"""Intake in a real browser: the VT liaison transfers a concern, the coordinator sees it in the queue with its colour,
overrules the colour with a reason and assigns; the worker opens the resulting case. Partner and policy officer pages
are visited too. Every page view must pass axe-core's WCAG 2.1 A/AA rules."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from wijkveilig.intake.models import Concern, PostcodeRange

pytestmark = pytest.mark.browser


def _fill_transfer(page) -> None:
    page.get_by_label("Bron").select_option("veilig_thuis")
    page.get_by_label("Naam huishouden").fill("Huishouden Browserproef")
    page.get_by_label("Huisnummer").fill("8")
    page.get_by_label("Postcode").fill("9900 AD")
    page.get_by_label("Wat is waargenomen").fill("Fictief: moeder belde Veilig Thuis over dreigingen.")
    page.get_by_label("Persoon 1: voornaam").fill("Anna")
    page.get_by_label("Persoon 1: achternaam").fill("Browserproef")
    page.get_by_role("group", name="A. Is er direct gevaar?").get_by_label("nee").check()
    page.get_by_role("group", name="B. Is er sprake van structurele ernstige onveiligheid?").get_by_label("nee").check()
    page.get_by_role("group", name="C. Is er een schadelijke multiprobleemsituatie?").get_by_label("ja").check()
    reasons = page.get_by_label("Onderbouwing")
    for i, text in enumerate(["Fictief: niemand in acuut gevaar.", "Fictief: geen patroon bekend."]):
        reasons.nth(i).fill(text)


def test_vt_transfer_to_case_journey(page, url, world, log_in_as):
    PostcodeRange.objects.create(postcode_from="9900AA", postcode_to="9900ZZ", number_from=1, number_to=999,
                                 buurt=world.buurt)
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])

    log_in_as(world.vt_liaison)
    page.goto(url("/intake/nieuw/"))
    assert_styled(page)
    assert_accessible(page, "VT: overdracht registreren")
    _fill_transfer(page)
    page.get_by_role("button", name="Zorg registreren").click()  # third reason missing: refused, input kept
    expect(page.get_by_label("Wat is waargenomen")).to_have_value(re.compile("dreigingen"))
    assert_accessible(page, "VT: overdracht met fout")
    page.get_by_label("Onderbouwing").nth(2).fill("Fictief: schulden en ruzies.")
    page.get_by_role("button", name="Zorg registreren").click()
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd")
    assert_accessible(page, "VT: geregistreerde zorg")
    concern = Concern.objects.get()

    log_in_as(world.coordinator)
    page.goto(url("/intake/"))
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("geel")
    expect(row).to_contain_text("met ondersteuning Veilig Thuis/specialist")
    assert_accessible(page, "coördinator: intakewachtrij")
    row.get_by_role("link").click()
    expect(page.get_by_text("Vaste contactpersoon Veilig Thuis")).to_be_visible()
    assert_accessible(page, "coördinator: binnenkomende zorg")

    overrule = page.get_by_role("region", name="Kleur aanpassen")
    overrule.get_by_label("oranje").check()
    overrule.get_by_role("button", name="Kleur aanpassen").click()  # no reason: refused
    assert_accessible(page, "coördinator: kleur aanpassen zonder reden")
    overrule = page.get_by_role("region", name="Kleur aanpassen")
    overrule.get_by_label("Reden (verplicht)").fill("Fictief: er is een wapen in huis.")
    overrule.get_by_role("button", name="Kleur aanpassen").click()
    expect(page.get_by_text("berekend: geel")).to_be_visible()
    assert_accessible(page, "coördinator: kleur aangepast")

    create = page.get_by_role("region", name="Casus maken en toewijzen")
    create.get_by_label("Nieuw huishouden aanmaken").check()
    for box in create.get_by_role("checkbox").all():
        box.uncheck()
    create.get_by_label(world.worker.get_full_name()).check()
    create.get_by_role("button", name="Casus maken").click()
    expect(page.get_by_role("status")).to_contain_text("is aangemaakt en toegewezen")
    assert_accessible(page, "coördinator: casus gemaakt")
    concern.refresh_from_db()
    assert (concern.computed_colour, concern.final_colour) == ("geel", "oranje")

    log_in_as(world.worker)
    page.goto(url(f"/casussen/{concern.case.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Browserproef")
    expect(page.get_by_role("region", name="Veilig Thuis en intake")).to_contain_text(concern.reference)
    assert_accessible(page, "medewerker: casus uit intake")


def test_partner_and_policy_officer_pages(page, url, world, log_in_as):
    log_in_as(world.partner)
    page.goto(url("/zorg-delen/"))
    assert_accessible(page, "partner: zorg delen")
    page.get_by_role("button", name="Zorg delen").click()
    assert_accessible(page, "partner: zorg delen met fout")
    page.get_by_label("Naam huishouden").fill("Huishouden Deelproef")
    page.get_by_label("Wat is waargenomen").fill("Fictief: kind komt vaak zonder eten naar de club.")
    page.get_by_role("button", name="Zorg delen").click()
    expect(page.get_by_role("status")).to_contain_text("is gedeeld")
    expect(page.get_by_role("cell", name="ontvangen, nog niet bekeken")).to_be_visible()
    assert_accessible(page, "partner: mijn gedeelde zorgen")
    log_in_as(world.policy_officer)
    page.goto(url("/"))
    page.get_by_role("link", name="Zorgen per buurt").click()
    expect(page.get_by_role("table", name="Per buurt en kleur")).to_contain_text("Testbuurt")
    assert_accessible(page, "beleidsmedewerker: overzicht zorgen")
