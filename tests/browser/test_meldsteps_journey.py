"""Issue 9 items 6 and 7 in a real browser: a worker weighs a complex situation (forced marriage) and sees
"Schakel specialistische hulp in" with the municipality's contact; after the help worked (question 5 = ja) the
route asks for monitoring agreements, closes with one, and the werkvoorraad shows its date. axe-core on each page."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from tests.browser.test_meldcode_journey import _accessible, _answer, _complete, _refused, _saved, _step
from tests.meldcode.test_weighing import _to_step_four
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus, SpecialistContact

pytestmark = pytest.mark.browser


def _weigh_complex(page) -> None:
    step4 = _step(page, 4)
    expect(step4.get_by_label("huwelijksdwang")).to_be_checked()  # suggested by the case's form of violence
    step4.get_by_label("Sara Proef").check()
    step4.get_by_label("Er is grote schade (groot letsel of zware schade)").check()
    step4.get_by_label("Aard van het geweld").fill("Dreiging met uithuwelijking in het buitenland (fictief).")
    step4.get_by_label("Ernst").select_option(label="ernstig")
    step4.get_by_label("Risico").fill("Vertrek in de zomervakantie (fictief).")
    step4.get_by_role("button", name="Weging vastleggen").click()
    _saved(page, "meldsteps: complexe weging vastgelegd", "Weging vastgelegd.")
    step4 = _step(page, 4)
    expect(step4).to_contain_text("Schakel specialistische hulp in")
    expect(step4).to_contain_text("Landelijk Knooppunt (fictief)")
    expect(step4.get_by_role("link", name="000 000 0000")).to_be_visible()
    expect(step4).to_contain_text("Bedreigd: Sara Proef")
    _complete(page, 4)


def _help_until_evaluation(page, route) -> None:
    _answer(page, "ja", "Dochter vertelt over de plannen (fictief).")
    _answer(page, "nee", "Geen acute dreiging; vertrek pas over maanden (fictief).")
    expect(_step(page, 5)).to_contain_text("Schakel specialistische hulp in")
    _answer(page, "ja", "Samen met het Landelijk Knooppunt (fictief).")
    step5 = _step(page, 5)
    step5.get_by_role("radio", name="ja", exact=True).check()
    step5.get_by_label("Onderbouwing").fill("Ouders werken mee aan de hulp (fictief).")
    step5.get_by_label("Evaluatiedatum").fill((timezone.localdate() + timedelta(days=42)).isoformat())
    step5.get_by_role("button", name="Antwoord vastleggen").click()
    _saved(page, "meldsteps: hulp met evaluatiedatum", "Antwoord vastgelegd.")
    _complete(page, 5)
    # Six weeks later: the evaluation date has come.
    MeldcodeRoute.objects.filter(pk=route.pk).update(evaluation_on=timezone.localdate())
    page.reload()


def _close_with_monitoring(page, due) -> None:
    _answer(page, "ja", "Geen dreiging meer; dochter voelt zich veilig (fictief).")
    monitoring = page.locator("#monitoring")
    expect(monitoring).to_contain_text("Leg minstens één monitoringsafspraak vast")
    expect(page.locator(".wv-now")).to_contain_text("monitoringsafspraken vastleggen")
    monitoring.get_by_label("Wat wordt er gevolgd?").fill("Of Sara na de zomer weer op school is (fictief)")
    monitoring.get_by_role("button", name="Afspraak vastleggen en route afsluiten").click()
    _refused(page, "meldsteps: monitoringsafspraak met fouten")
    monitoring = page.locator("#monitoring")
    expect(monitoring.get_by_label("Wat wordt er gevolgd?")).to_have_value("Of Sara na de zomer weer op school is "
                                                                           "(fictief)")
    monitoring.get_by_label("Wie controleert? (teamlid)").select_option(label="Test Medewerker")
    monitoring.get_by_label("Wanneer?").fill(due.isoformat())
    monitoring.get_by_role("button", name="Afspraak vastleggen en route afsluiten").click()
    _saved(page, "meldsteps: route afgesloten met monitoring", "Monitoringsafspraak vastgelegd.")
    expect(page.get_by_role("region", name="Voortgang")).to_contain_text("afgesloten")


def test_complex_weighing_then_closing_with_monitoring(page, url, world, log_in_as):
    actor = Actor.system(world.worker)
    world.worker.first_name, world.worker.last_name = "Test", "Medewerker"
    world.worker.save(update_fields=["first_name", "last_name"])
    hh.person_add(actor=actor, access=world.access, first_name="Sara", last_name="Proef", roles=["victim"])
    case_services.violence_forms_set(actor=actor, access=world.access, forms={"forced_marriage": ["psychological"]})
    SpecialistContact.objects.create(municipality=world.team.municipality, name="Landelijk Knooppunt (fictief)",
                                     expertise=["forced_marriage"], phone="000 000 0000",
                                     email="knooppunt@example.org")
    route = ms.route_start(actor=actor, access=world.access)
    _to_step_four(world, route)
    due = timezone.localdate() + timedelta(days=30)

    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/meldcode/{route.pk}/"))
    _accessible(page, "meldsteps: route in stap 4")
    _weigh_complex(page)
    _help_until_evaluation(page, route)
    _close_with_monitoring(page, due)

    page.get_by_role("navigation").get_by_role("link", name="Mijn werkvoorraad").click()
    with translation.override("nl"):
        shown = date_format(due, "j M Y")
    monitoring = page.get_by_role("region", name="Monitoring")
    expect(monitoring).to_contain_text(f"Monitoring: Of Sara na de zomer weer op school is (fictief) — {shown}")
    _accessible(page, "meldsteps: werkvoorraad met monitoringsdatum")
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    assert route.monitoring_agreements.get().checker == world.worker
