"""WCAG 2.1 AA (axe-core) on the main pages of every persona, forms with errors included; keyboard basics."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled, axe_violations, describe_violations, record_checked
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services

pytestmark = pytest.mark.browser


class Sweep:
    """Visit pages as one persona at a time; collect axe-core violations of all pages, then fail once."""

    def __init__(self, page, url):
        self.page, self.url, self.failures = page, url, {}

    def check(self, label: str) -> None:
        violations = axe_violations(self.page)
        if violations:
            self.failures[f"{label} ({self.page.url})"] = describe_violations(violations)
        else:
            record_checked(self.page, label)

    def visit(self, label: str, path: str, *, status: int = 200) -> None:
        response = self.page.goto(self.url(path))
        assert response.status == status, f"{label}: {path} answered {response.status}"
        self.check(label)

    def submit_invalid(self, label: str, button: str) -> None:
        """Press a submit button; the form must come back with its error summary, then check that page."""
        self.page.get_by_role("button", name=button, exact=True).click()
        expect(self.page.locator("[data-error-summary]").first).to_be_visible()
        self.check(label)


def _fill_case(world):
    """The world's case with persons, a relation, a signal, a violence form and a consulted specialist."""
    actor = Actor.system(world.worker)
    access = world.access
    mother = hh.person_add(actor=actor, access=access, first_name="Testmoeder", last_name="Voorbeeld",
                           roles=["victim"], birth_date=timezone.localdate() - timedelta(days=365 * 35))
    child = hh.person_add(actor=actor, access=access, first_name="Testkind", last_name="Voorbeeld", roles=["child"])
    hh.relation_add(actor=actor, access=access, person_id=mother.pk, other_id=child.pk, kind="parent")
    note = services.note_add(actor=actor, access=access, kind="signal", statement_kind="observation",
                             occurred_at=timezone.now() - timedelta(hours=1), body="Fictief signaal van school.",
                             place="School (fictief)", observer="Leerkracht (fictief)")
    services.violence_forms_set(actor=actor, access=access, forms={"child_abuse": ["psychological"]})
    services.specialist_consult(actor=actor, access=access, specialist_id=world.specialist.pk, question="Fictief?")
    # Another team case for the noodknop list, and one emergency access for the coordinator to review.
    colleague_case = services.case_open(actor=Actor.system(world.colleague), household_name="Huishouden Proefmans",
                                        buurt=world.buurt).case
    services.emergency_access_grant(actor=Actor.system(world.duo_partner), case_id=world.case.pk,
                                    reason="Fictieve crisis buiten kantoortijd")
    return mother, note, colleague_case


def _sweep_login_pages(sweep, world):
    page = sweep.page
    sweep.visit("inloggen", "/inloggen/")
    assert_styled(page)
    page.get_by_label("Gebruikersnaam").fill("t_onbekend")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord-123")
    sweep.submit_invalid("inloggen met fout", "Volgende")

    page.get_by_label("Gebruikersnaam").fill(world.duo_partner.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"/inloggen/controle/$"))
    sweep.check("code invullen")
    page.get_by_label("Code uit uw authenticator-app").fill("12")
    sweep.submit_invalid("code invullen met fout", "Inloggen")
    page.get_by_role("button", name="Annuleren").click()

    newcomer = UserFactory(username="t_nieuw", role=Role.WORKER, totp=False)
    MembershipFactory(user=newcomer, team=world.team)
    page.get_by_label("Gebruikersnaam").fill(newcomer.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"/inloggen/koppelen/$"))
    sweep.check("authenticator koppelen")
    page.get_by_label("Code uit uw authenticator-app").fill("abc")
    sweep.submit_invalid("authenticator koppelen met fout", "Koppelen en inloggen")


def _sweep_worker_pages(sweep, world, colleague_case):
    page, case = sweep.page, world.case
    sweep.visit("medewerker: werkvoorraad", "/werkvoorraad/")
    sweep.visit("medewerker: casussen met noodknoplijst", "/casussen/")
    expect(page.get_by_role("link", name=f"Noodknop voor {colleague_case.reference}")).to_be_visible()
    # The search posts (no names in URLs); an impossible status value makes the form come back with its error.
    page.locator("select[name=status]").evaluate("s => s.add(new Option('onzin', 'onzin'))")
    page.locator("select[name=status]").select_option("onzin")
    sweep.submit_invalid("medewerker: casussen, ongeldig filter", "Zoeken")
    sweep.visit("medewerker: casusdossier", f"/casussen/{case.pk}/")
    expect(page.get_by_role("region", name="Tijdlijn")).to_contain_text("Fictief signaal van school.")
    expect(page.get_by_role("region", name="Aanleiding")).to_contain_text("(psychisch)")
    page.get_by_label("Persoon", exact=True).select_option(label="Testmoeder Voorbeeld")
    page.get_by_label("van", exact=True).select_option(label="Testmoeder Voorbeeld")
    sweep.submit_invalid("medewerker: casusdossier, relatie met fout", "Relatie vastleggen")
    sweep.visit("medewerker: instellingen", "/instellingen/")
    sweep.submit_invalid("medewerker: instellingen, token zonder naam", "Token aanmaken")
    sweep.visit("medewerker: niet gevonden (404)", "/casussen/999999/", status=404)
    sweep.visit("medewerker: geen toestemming (403)", "/noodtoegang/", status=403)


def _sweep_worker_forms(sweep, world, mother, note, colleague_case):
    page, case = sweep.page, world.case
    sweep.visit("medewerker: nieuwe casus", "/casussen/nieuw/")
    page.get_by_label("Postcode (niet verplicht)").fill("99999")
    sweep.submit_invalid("medewerker: nieuwe casus met fouten", "Casus aanmaken")
    sweep.visit("medewerker: persoon toevoegen", f"/casussen/{case.pk}/personen/nieuw/")
    sweep.submit_invalid("medewerker: persoon toevoegen met fouten", "Opslaan")
    sweep.visit("medewerker: persoon wijzigen", f"/casussen/{case.pk}/personen/{mother.pk}/")
    sweep.visit("medewerker: signaal toevoegen", f"/casussen/{case.pk}/notities/nieuw/")
    sweep.submit_invalid("medewerker: signaal toevoegen met fouten", "Vastleggen")
    sweep.visit("medewerker: notitie corrigeren", f"/casussen/{case.pk}/notities/{note.pk}/")
    page.get_by_label("Wat is er gezien, gehoord of gezegd?").fill("")
    sweep.submit_invalid("medewerker: notitie corrigeren met fout", "Vastleggen")
    sweep.visit("medewerker: vormen van geweld", f"/casussen/{case.pk}/geweldsvormen/")
    sweep.visit("medewerker: consulteren", f"/casussen/{case.pk}/consulteren/")
    sweep.visit("medewerker: casus sluiten", f"/casussen/{case.pk}/sluiten/")
    page.get_by_label("Reden").select_option("other")
    sweep.submit_invalid("medewerker: casus sluiten met fout", "Sluiten")
    sweep.visit("medewerker: noodknop", f"/casussen/{colleague_case.pk}/noodtoegang/")
    page.get_by_label("Waarom moet u deze casus nu openen?").fill("kort")
    sweep.submit_invalid("medewerker: noodknop met fout", "Casus openen met noodtoegang")


def _sweep_coordinator(sweep, world):
    sweep.visit("coördinator: werkvoorraad", "/werkvoorraad/")
    sweep.visit("coördinator: casussen", "/casussen/")
    sweep.visit("coördinator: casusdossier", f"/casussen/{world.case.pk}/")
    sweep.visit("coördinator: toewijzen", f"/casussen/{world.case.pk}/toewijzen/")
    for box in sweep.page.get_by_role("checkbox").all():
        box.uncheck()
    sweep.submit_invalid("coördinator: toewijzen met fout", "Opslaan")
    sweep.visit("coördinator: noodtoegang beoordelen", "/noodtoegang/")
    expect(sweep.page.get_by_role("button", name="Markeer als beoordeeld")).to_be_visible()


def _sweep_specialist(sweep, world):
    sweep.visit("aandachtsfunctionaris: werkvoorraad", "/werkvoorraad/")
    sweep.visit("aandachtsfunctionaris: casussen met noodknoplijst", "/casussen/")
    sweep.visit("aandachtsfunctionaris: casusdossier (alleen lezen)", f"/casussen/{world.case.pk}/")
    expect(sweep.page.get_by_text("U kunt deze casus inzien maar niet wijzigen.")).to_be_visible()


def _sweep_others(sweep, log_in_as, world):
    log_in_as(world.log_officer)
    sweep.visit("logbeheerder: toegangslog", "/")
    expect(sweep.page).to_have_url(re.compile(r"/logboek/$"))
    sweep.visit("logbeheerder: toegangslog, ongeldige datum", "/logboek/?date_from=onzin", status=400)
    sweep.visit("logbeheerder: instellingen", "/instellingen/")
    log_in_as(world.admin)
    sweep.visit("beheerder: startpagina", "/")
    sweep.visit("beheerder: beheeromgeving", "/beheer/")
    log_in_as(world.policy_officer)
    sweep.visit("beleidsmedewerker: startpagina", "/")
    sweep.visit("beleidsmedewerker: instellingen", "/instellingen/")


def test_main_pages_of_every_persona_have_no_wcag_violations(page, url, world, log_in_as):
    mother, note, colleague_case = _fill_case(world)
    sweep = Sweep(page, url)
    _sweep_login_pages(sweep, world)
    log_in_as(world.worker)
    _sweep_worker_pages(sweep, world, colleague_case)
    _sweep_worker_forms(sweep, world, mother, note, colleague_case)
    log_in_as(world.coordinator)
    _sweep_coordinator(sweep, world)
    log_in_as(world.specialist)
    _sweep_specialist(sweep, world)
    _sweep_others(sweep, log_in_as, world)
    assert sweep.failures == {}, "\n\n".join(f"{page}:\n{found}" for page, found in sweep.failures.items())


FOCUS_STYLE = """() => {
    const s = getComputedStyle(document.activeElement);
    return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1, shadow: s.boxShadow !== 'none'};
}"""


def test_skip_link_leads_to_the_content_and_keyboard_focus_is_visible(page, url, world, log_in_as):
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert any(page.evaluate(FOCUS_STYLE).values()), "the focused skip link shows no focus indicator"
    assert_accessible(page, "toetsenbord: skiplink zichtbaar")

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), \
        "after the skip link, Tab should continue inside the main content, not in the menu"

    page.goto(url(f"/casussen/{world.case.pk}/"))
    for stop in range(12):
        page.keyboard.press("Tab")
        name = page.evaluate("() => document.activeElement.textContent.trim() || document.activeElement.name")
        assert any(page.evaluate(FOCUS_STYLE).values()), f"tab stop {stop + 1} ({name!r}) has no visible focus"


def test_the_axe_check_reports_a_violation_when_there_is_one(page, url, world):
    page.goto(url("/inloggen/"))
    page.evaluate("""() => {
        const input = document.createElement('input');
        document.querySelector('form').append(input);
        document.querySelector('h1').style.color = '#cccccc';
        document.querySelector('#id_username').setAttribute('aria-describedby', 'id_username_nergens');
    }""")
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "color-contrast", "idref-missing"} <= found
