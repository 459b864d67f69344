"""Issue 9 in a real browser: during the help period the worker records that the unsafety returns, finds the path
to the report on the werkvoorraad and sends it; after a meldnorm-1 report Veilig Thuis's answer "help under its
conditions" keeps the route open and its conditions show on the safety plan. Every page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from tests.meldcode.conftest import walk_to_decision
from tests.meldcode.test_help_services import report as send_report
from tests.meldcode.test_help_services import to_help_period
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus, VtReport

pytestmark = pytest.mark.browser


def _meldnorm_1_reported(world) -> MeldcodeRoute:
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    walk_to_decision(world, route)
    for question in ("suspicion", "unsafety"):
        ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, question=question,
                         answer=True, justification="Onderbouwing (fictief)")
    send_report(world, route, key="key-browser-n1")
    return route


def test_returning_violence_is_reported_and_vt_conditions_reach_the_safety_plan(world, page, url, log_in_as):
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    to_help_period(world, route)
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    assert_styled(page)
    page.get_by_role("link", name="Onveiligheid keert terug").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onveiligheid keert terug")
    assert_accessible(page, "terugkerend geweld: formulier")
    page.get_by_label("Wat is er gebeurd? Waarom stopt de hulp de onveiligheid niet?").fill(
        "Buren hoorden geschreeuw; moeder heeft een blauwe plek (fictief).")
    page.get_by_role("button", name="Vastleggen en melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden bij Veilig Thuis")
    expect(page.get_by_text("Buren hoorden geschreeuw; moeder heeft een blauwe plek (fictief).")).to_be_visible()
    assert_accessible(page, "terugkerend geweld: naar de melding")

    page.get_by_role("link", name="Mijn werkvoorraad").click()
    line = page.get_by_role("listitem").filter(has_text="Terugkerend geweld vastgelegd — melden bij Veilig Thuis")
    expect(line).to_be_visible()
    assert_accessible(page, "werkvoorraad: terugkerend geweld")
    line.get_by_role("link", name="Naar de melding").click()
    page.get_by_label("Of: waarom heeft u niemand geïnformeerd?").fill("Informeren brengt moeder in gevaar (fictief).")
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_role("status").filter(has_text="De melding is geregistreerd.")).to_be_visible()
    content = VtReport.objects.get(route=route).content
    assert "Buren hoorden geschreeuw" in content
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    page.get_by_role("link", name="Mijn werkvoorraad").click()
    expect(page.get_by_text("Terugkerend geweld vastgelegd")).to_have_count(0)

    second = _meldnorm_1_reported(world)
    page.goto(url(f"/casussen/{world.case.pk}/meldcode/{second.pk}/"))
    page.get_by_role("link", name="Antwoord van Veilig Thuis vastleggen").click()
    page.wait_for_url("**/antwoord-veilig-thuis/")
    assert_accessible(page, "antwoord Veilig Thuis: formulier")
    page.get_by_label("het wijkteam helpt onder de veiligheidsvoorwaarden van Veilig Thuis").check()
    page.get_by_label("Samenvatting van het overleg met Veilig Thuis").fill("Wijkteam blijft, VT monitort (fictief).")
    page.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # conditions and monitoring date are required
    assert_accessible(page, "antwoord Veilig Thuis: geweigerd")
    page.get_by_label("Veiligheidsvoorwaarden van Veilig Thuis (bij hulp onder voorwaarden)").fill(
        "Vader woont tijdelijk bij zijn broer (fictief).")
    page.get_by_label("Volgende monitoringsdatum (bij hulp onder voorwaarden)").fill(
        (timezone.localdate() + timedelta(days=28)).isoformat())
    page.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Het antwoord van Veilig Thuis is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("hulp onder voorwaarden van Veilig Thuis").first).to_be_visible()
    assert_accessible(page, "route: hulp onder voorwaarden van Veilig Thuis")
    page.goto(url(f"/casussen/{world.case.pk}/veiligheidsplan/"))
    expect(page.get_by_text("Vader woont tijdelijk bij zijn broer (fictief).")).to_be_visible()
    assert_accessible(page, "veiligheidsplan: voorwaarden van Veilig Thuis")
