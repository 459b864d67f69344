"""From assessment to escalation in a real browser: a worker records a Balansmodel and the ZRM twice, builds and
agrees a safety plan; once an agreement is past its date (time travel) the coordinator sees the proposal to scale up
to AVE 2 and why. Every page visited must pass axe-core's WCAG 2.1 A/AA rules."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from tests.browser.test_assessment_journey import CHART_DRAWN, _score_zrm
from tests.browser.test_safety_journey import _add_agreement
from wijkveilig.assessment.models import BalanceAssessment, ZrmAssessment
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.collaboration.selectors import proposal_for
from wijkveilig.safety.models import Agreement, PlanStatus

pytestmark = pytest.mark.browser

REASON = "afspraken uit het veiligheidsplan zijn over datum"


def _record_balance(page, *factors: str) -> None:
    for factor in factors:
        page.get_by_label(factor, exact=True).check()
    page.get_by_role("button", name="Balansmodel vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Balansmodel vastgelegd.")).to_be_visible()


def test_assessments_and_safety_plan_lead_to_an_escalation_proposal(world, page, url, log_in_as):
    mother = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Anna",
                           last_name="Testerink", roles=["victim"])
    case_page, ref = url(f"/casussen/{world.case.pk}/"), world.case.reference

    # The worker assesses twice: the Balansmodel shows what changed, the ZRM a trend.
    log_in_as(world.worker)
    page.goto(case_page)
    assert_styled(page)
    assert_accessible(page, "escalatie: casuspagina medewerker")
    page.get_by_role("link", name="Balansmodel, ZRM, Signs of Safety en gespreksleidraad").click()
    assert_accessible(page, "escalatie: beoordeling overzicht")
    page.get_by_role("link", name="Balansmodel bekijken of invullen").click()
    _record_balance(page, "Verslaving", "Isolement", "Sociale steun")
    levels = page.get_by_role("table", name="Balans per niveau")
    expect(levels.get_by_role("row", name="Mesoniveau")).to_contain_text("eerste beoordeling")
    assert_accessible(page, "escalatie: balansmodel eerste keer")
    _record_balance(page, "Conflicten", "Armoede")  # the form starts from the previous assessment
    expect(levels.get_by_role("row", name="Mesoniveau")).to_contain_text("risico +2, bescherming +0")
    expect(levels.get_by_role("row", name="Microniveau")).to_contain_text("risico +0, bescherming +0")
    expect(levels.get_by_role("row", name="Totaal")).to_contain_text("4")
    expect(page.get_by_role("table", name="Alle beoordelingen, nieuwste eerst").get_by_role("row")).to_have_count(3)
    assert page.evaluate(CHART_DRAWN, "canvas[data-chart=balance]")
    assert_accessible(page, "escalatie: balansmodel met verschil")

    page.get_by_role("link", name="Overzicht beoordeling").click()
    page.get_by_role("link", name="ZRM van Anna Testerink").click()
    _score_zrm(page, lambda code: 3)
    _score_zrm(page, lambda code: 2 if code == "finances" else 3)
    trend = page.get_by_role("table", name="ZRM-scores per domein")
    expect(trend.get_by_role("columnheader")).to_have_count(3)  # domain + two assessments
    expect(trend.get_by_role("row", name="Financiën")).to_contain_text("3")
    expect(trend.get_by_role("row", name="Financiën")).to_contain_text("2")
    assert page.evaluate(CHART_DRAWN, "canvas[data-chart=zrm][data-index='0']")
    assert_accessible(page, "escalatie: ZRM trend")
    assert BalanceAssessment.objects.filter(case=world.case).count() == 2
    assert ZrmAssessment.objects.filter(case=world.case, person=mother).count() == 2

    # The worker builds and agrees the safety plan: immediate safety due in 3 days, lasting safety in 60.
    page.goto(case_page)
    page.get_by_role("link", name="Afspraken, veilige plekken en evaluaties").click()
    _add_agreement(page, "directe veiligheid", "Vader (fictief)", "Slaapt drie nachten bij oom (fictief)", 3)
    _add_agreement(page, "duurzame veiligheid", "Vader (fictief)", "Volgt een cursus omgaan met boosheid (fictief)", 60)
    page.get_by_label("Waar kan deze persoon heen als het opnieuw gebeurt?").fill("Bij zus in Proefstad (fictief)")
    page.get_by_role("button", name="Veilige plek vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Veilige plek vastgelegd.")).to_be_visible()
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_role("status").filter(has_text="Veiligheidsplan vastgesteld.")).to_be_visible()
    expect(page.locator(".wv-agreements")).not_to_contain_text("verlopen")
    assert_accessible(page, "escalatie: veiligheidsplan vastgesteld")
    assert Agreement.objects.filter(plan__case=world.case, plan__status=PlanStatus.AGREED).count() == 2

    # Nothing is late yet: the coordinator's werkvoorraad proposes nothing.
    log_in_as(world.coordinator)
    page.goto(url("/werkvoorraad/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn werkvoorraad")
    expect(page.get_by_role("region", name="Samenwerking en opschaling")).to_have_count(0)
    assert_accessible(page, "escalatie: werkvoorraad coördinator zonder voorstel")
    assert proposal_for(world.case) is None

    # Five days later the immediate-safety agreement is past its date without a review.
    with time_machine.travel(timezone.now() + timedelta(days=5), tick=True):
        log_in_as(world.coordinator)  # sessions live at most 12 hours
        page.goto(url("/werkvoorraad/"))
        attention = page.get_by_role("region", name="Samenwerking en opschaling")
        expect(attention).to_contain_text(f"{ref}: voorstel om op te schalen naar AVE 2 (stagnatie).")
        expect(attention).to_contain_text(REASON.capitalize())  # the werkvoorraad says why
        assert_accessible(page, "escalatie: werkvoorraad coördinator met voorstel")
        assert proposal_for(world.case).reasons == ("overdue_agreements",)

        attention.get_by_role("link", name="Naar de AVE-fase").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("AVE-fase")
        proposal = page.get_by_role("status").filter(has_text="Voorstel: opschalen naar AVE 2.")
        expect(proposal).to_contain_text(REASON)
        expect(proposal.get_by_role("listitem")).to_have_count(1)  # the overdue agreement is the only reason
        assert_accessible(page, "escalatie: AVE-pagina met reden")

        page.goto(case_page)
        expect(page.get_by_role("region", name="Samenwerking en AVE")).to_contain_text(
            "Stagnatie: voorstel om op te schalen naar AVE 2.")
        assert_accessible(page, "escalatie: casuspagina coördinator met voorstel")
        page.get_by_role("link", name="Afspraken, veilige plekken en evaluaties").click()
        rows = page.locator(".wv-agreement")
        expect(rows.filter(has_text="Slaapt drie nachten bij oom")).to_contain_text("(verlopen)")
        expect(rows.filter(has_text="Volgt een cursus")).not_to_contain_text("verlopen")
        assert_accessible(page, "escalatie: veiligheidsplan met verlopen afspraak")
