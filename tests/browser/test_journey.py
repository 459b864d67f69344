"""The critical journey of a wijkteammedewerker, in a real browser, accessible on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled, current_totp
from tests.factories import TEST_PASSWORD
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases.models import Case, Note

pytestmark = pytest.mark.browser
SIGNAL = "Kind vertelt dat het thuis vaak ruzie is."


def _log_in_with_password_and_totp(page, url, user):
    page.goto(url("/inloggen/"))
    assert_styled(page)
    assert_accessible(page, "journey: inloggen")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page).to_have_url(url("/inloggen/controle/"))
    assert_accessible(page, "journey: code invullen")
    page.get_by_label("Code uit uw authenticator-app").fill(current_totp(user))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(url("/werkvoorraad/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    assert_accessible(page, "journey: werkvoorraad")


def _open_case(page, url) -> Case:
    page.get_by_role("link", name="Nieuwe casus").click()
    assert_accessible(page, "journey: nieuwe casus")
    page.get_by_label("Naam huishouden").fill("Huishouden Voorbeeldgezin")
    page.get_by_label("Postcode").fill("9999 ZZ")
    page.get_by_label("Aanleiding").fill("Fictieve melding van school over spanningen thuis.")
    page.get_by_role("button", name="Casus aanmaken").click()
    expect(page.get_by_role("status")).to_contain_text("is aangemaakt")
    case = Case.objects.get(household__name="Huishouden Voorbeeldgezin")
    expect(page).to_have_url(url(f"/casussen/{case.pk}/"))
    assert_accessible(page, "journey: casus (nieuw)")
    return case


def _add_person(page, first_name: str, role: str):
    page.get_by_role("link", name="Persoon toevoegen").click()
    assert_accessible(page, f"journey: persoon toevoegen ({first_name})")
    page.get_by_label("Voornaam").fill(first_name)
    page.get_by_label("Achternaam").fill("Voorbeeld")
    page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De persoon is toegevoegd.")
    expect(page.get_by_role("region", name="Personen")).to_contain_text(f"{first_name} Voorbeeld — {role}")
    assert_accessible(page, f"journey: casus na persoon {first_name}")


def _add_relation(page):
    persons = page.get_by_role("region", name="Personen")
    persons.get_by_label("Persoon", exact=True).select_option(label="Testvader Voorbeeld")
    persons.get_by_label("is", exact=True).select_option(label="partner van")
    persons.get_by_label("van", exact=True).select_option(label="Testmoeder Voorbeeld")
    persons.get_by_role("button", name="Relatie vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De relatie is vastgelegd.")
    expect(persons).to_contain_text("Testvader Voorbeeld is partner van Testmoeder Voorbeeld")
    assert_accessible(page, "journey: casus na relatie")


def _add_signal(page):
    page.get_by_role("link", name="Signaal of notitie toevoegen").click()
    assert_accessible(page, "journey: signaal toevoegen")
    expect(page.get_by_label("Soort")).to_have_value("signal")
    page.get_by_label("Is dit een waarneming, een mening of een hypothese?").select_option(label="waarneming (feit)")
    page.get_by_label("Plaats (niet verplicht)").fill("Schoolplein (fictief)")
    page.get_by_label("Wat is er gezien, gehoord of gezegd?").fill(SIGNAL)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd.")


def test_worker_records_a_case_with_persons_relation_and_signal(page, url, world):
    console_errors = []  # CSP refusals and failed loads would show up here
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    _log_in_with_password_and_totp(page, url, world.worker)
    case = _open_case(page, url)
    _add_person(page, "Testmoeder", "slachtoffer")
    _add_person(page, "Testvader", "(vermoedelijk) pleger")
    _add_relation(page)
    _add_signal(page)

    timeline = page.get_by_role("region", name="Tijdlijn")
    signal = timeline.get_by_role("listitem").filter(has_text=SIGNAL)
    expect(signal).to_contain_text("signaal")
    expect(signal).to_contain_text("waarneming (feit)")
    expect(signal).to_contain_text("Schoolplein (fictief)")
    expect(timeline).to_contain_text("Relatie vastgelegd: Testvader Voorbeeld")
    assert_accessible(page, "journey: casus met signaal op de tijdlijn")
    assert Note.objects.filter(case=case, kind="signal").get().body == SIGNAL
    assert AccessLogEntry.objects.filter(case_id=case.pk, event="case.viewed", username=world.worker.username).exists()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(url("/inloggen/"))
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")
    assert_accessible(page, "journey: uitgelogd")
    page.goto(url(f"/casussen/{case.pk}/"))
    expect(page).to_have_url(re.compile(r"/inloggen/\?next="))
    assert console_errors == []
