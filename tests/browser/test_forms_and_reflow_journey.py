"""Issue 11 parts 2, 4 and 5 in a real browser, as a worker and a log officer would meet them: a refused form says
what is wrong next to each field and in a summary that takes the focus, the page title starts with "Fout:", an
untouched "Sluiten" closes nothing, the safety plan's evaluation names its field, the access log reads in Dutch time
and words, and the key pages reflow at 320 px without sideways scrolling. Every page passes axe-core (WCAG 2.1 AA).
Screenshots go to test-results/ (listed in the closing note of issue 11)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.meldcode.conftest import walk_to_conversation
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases.models import CaseStatus
from wijkveilig.meldcode import services as ms
from wijkveilig.safety import services as safety

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR, "test-results")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"issue11-{name}.png"), full_page=True)


def _route_at_step_3(world):
    actor = Actor.system(world.worker)
    hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink", roles=["victim"])
    route = ms.route_start(actor=actor, access=world.access)
    walk_to_conversation(world, route)
    return route


def _too_wide(page) -> list[str]:
    """The innermost elements that stick out to the right (to say which one breaks the reflow)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > 320.5 && ![...el.children].some(
            c => c.getBoundingClientRect().right > 320.5))
        .slice(0, 8).map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(
            el.getBoundingClientRect().right)} px): ${(el.textContent || '').trim().slice(0, 40)}`)""")


def _focused_is_error_summary(page) -> bool:
    return page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")


def test_a_refused_form_says_what_is_wrong_where_and_takes_the_focus(world, page, url, log_in_as):
    route = _route_at_step_3(world)
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/meldcode/{route.pk}/"))
    form = page.locator("form", has=page.get_by_role("button", name="Gesprek vastleggen"))
    expect(form.get_by_text("(verplicht als het gesprek is gevoerd)").first).to_be_visible()
    form.get_by_label("ja", exact=True).check()
    page.get_by_role("button", name="Gesprek vastleggen").click()

    summary = page.locator("[data-error-summary]").first
    expect(summary).to_contain_text("Vul de datum van het gesprek in.")
    expect(summary).to_contain_text("Vul in welke feiten u heeft voorgelegd.")
    expect(summary).to_contain_text("Vul de reactie van de cliënt in.")
    assert _focused_is_error_summary(page)
    assert page.title().startswith("Fout: Meldcode-route · ")
    date_field = page.get_by_label("Datum van het gesprek")
    expect(date_field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("textbox", name="Welke feiten en waarnemingen heeft u voorgelegd?")) \
        .to_have_accessible_description("Vul in welke feiten u heeft voorgelegd.")
    expect(page.locator("input[name=held][value=true]")).to_be_checked()  # what was chosen stays
    assert_accessible(page, "meldcode: gesprek geweigerd, foutsamenvatting")
    _shot(page, "part2-error-summary-meldcode-conversation")

    summary.get_by_role("link", name="Vul de datum van het gesprek in.").click()
    expect(date_field).to_be_focused()
    date_field.fill(timezone.localdate().isoformat())
    page.get_by_role("textbox", name="Welke feiten en waarnemingen heeft u voorgelegd?").fill("De blauwe plek")
    page.get_by_role("textbox", name="Hoe reageerde de cliënt?").fill("Moeder schrok (fictief)")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="vastgelegd")).to_be_visible()
    assert not page.title().startswith("Fout:")


def test_an_untouched_close_or_evaluation_changes_nothing_and_names_the_field(world, page, url, log_in_as):
    safety.safety_agreement_add(actor=Actor.system(world.worker), access=world.access, entry=safety.AgreementEntry(
        kind="immediate", who="Vader (fictief)", what="Slaapt twee weken bij oom",
        due_on=timezone.localdate() + timedelta(days=7)))
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/sluiten/"))
    assert page.title() == f"Casus sluiten · {world.case.reference} · Wijkveilig"
    page.get_by_role("button", name="Sluiten").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Kies een reden voor het sluiten.")
    assert _focused_is_error_summary(page)
    assert page.title().startswith("Fout: Casus sluiten")
    expect(page.get_by_label("Reden voor het sluiten")).to_have_accessible_description(
        "Kies een reden voor het sluiten.")
    assert_accessible(page, "casus sluiten: lege invoer geweigerd")
    _shot(page, "part5-close-case-empty-submit")
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.OPEN

    page.goto(url(f"/casussen/{world.case.pk}/veiligheidsplan/"))
    page.get_by_text("Evaluatie vastleggen", exact=False).first.click()  # opens the agreement's review form
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    outcome = page.get_by_label("Uitkomst")
    expect(outcome).to_have_attribute("aria-invalid", "true")
    expect(outcome).to_have_accessible_description("Kies of de afspraak is nagekomen.")
    assert _focused_is_error_summary(page)
    assert page.title().startswith("Fout: Veiligheidsplan")
    assert_accessible(page, "veiligheidsplan: lege evaluatie geweigerd")
    _shot(page, "part5-safety-plan-empty-evaluation")


def test_the_access_log_reads_in_dutch_time_and_words(world, page, url, log_in_as):
    log_in_as(world.log_officer)
    page.goto(url("/logboek/"))
    row = page.get_by_role("row").filter(has_text="case.created")
    expect(row).to_contain_text("Casus aangemaakt")
    expect(row).to_contain_text(timezone.localtime().strftime("%Z"))  # CET or CEST, never UTC
    expect(page.get_by_role("columnheader", name="Tijdstip", exact=True)).to_be_visible()
    assert_accessible(page, "toegangslog: Nederlandse tijd en gebeurtenissen in woorden")
    _shot(page, "part4-access-log")

    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    month = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")[
        timezone.localdate().month - 1]
    expect(page.get_by_text(f"{timezone.localdate().day} {month} {timezone.localdate().year}").first).to_be_visible()
    colour = page.evaluate("""() => { const li = document.querySelector('main li');
        return li ? getComputedStyle(li, '::marker').color === getComputedStyle(li).color : true; }""")
    assert colour, "list bullets take the text colour; red is for danger"


def test_the_key_pages_reflow_at_320_px(world, page, url, log_in_as):
    route = _route_at_step_3(world)
    for days, what in ((7, "Slaapt twee weken bij oom, totdat er een gesprek is geweest met de wijkagent"),
                       (60, "Volgt een cursus omgaan met boosheid")):
        safety.safety_agreement_add(actor=Actor.system(world.worker), access=world.access,
                                    entry=safety.AgreementEntry(kind="immediate", who="Vader (fictief)", what=what,
                                                                due_on=timezone.localdate() + timedelta(days=days)))
    page.set_viewport_size({"width": 320, "height": 640})
    log_in_as(world.worker)
    for name, path in (("werkvoorraad", "/werkvoorraad/"), ("casus", f"/casussen/{world.case.pk}/"),
                       ("veiligheidsplan", f"/casussen/{world.case.pk}/veiligheidsplan/"),
                       ("meldcode-route", f"/casussen/{world.case.pk}/meldcode/{route.pk}/"),
                       ("casussen", "/casussen/")):
        page.goto(url(path))
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{name} ({path}) scrolls sideways at 320 px: {width} px; too wide: {_too_wide(page)}"
        assert_accessible(page, f"320 px: {name}")
        _shot(page, f"part5-reflow-320-{name}")
