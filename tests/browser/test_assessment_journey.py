"""Assessment in a real browser: a worker records a Balansmodel and scores the ZRM twice, then sees the trend.

Every page visited must pass axe-core's WCAG 2.1 A/AA rules; the charts must really draw (Chart.js under the CSP).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from wijkveilig.assessment import zrm
from wijkveilig.assessment.models import ZrmAssessment
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh

pytestmark = pytest.mark.browser

CHART_DRAWN = ("(selector) => { const c = document.querySelector(selector); "
               "return !!(window.Chart && Chart.getChart(c)); }")


def _score_zrm(page, score_for) -> None:
    for code, label in zrm.DOMAINS:
        group = page.get_by_role("group", name=str(label), exact=True)
        score = score_for(code)
        group.get_by_label(f"{score} – {zrm.SCORE_LABELS[score]}").check()
    page.get_by_role("button", name="ZRM vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="ZRM vastgelegd.")).to_be_visible()


def test_worker_records_balansmodel_and_zrm_twice_and_sees_the_trend(world, page, url, log_in_as):
    mother = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Anna",
                           last_name="Testerink", roles=["victim"])
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    assert_styled(page)
    page.get_by_role("link", name="Balansmodel, ZRM, Signs of Safety en gespreksleidraad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beoordeling")
    assert_accessible(page, "beoordeling: overzicht")

    page.get_by_role("link", name="Balansmodel bekijken of invullen").click()
    assert_accessible(page, "beoordeling: balansmodel leeg")
    page.get_by_role("button", name="Balansmodel vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink ten minste één")
    assert_accessible(page, "beoordeling: balansmodel met fout")
    page.get_by_label("Verslaving", exact=True).check()
    page.get_by_label("Toelichting bij: Verslaving").fill("Alcohol in het weekend (fictief)")
    page.get_by_label("Isolement", exact=True).check()
    page.get_by_label("Sociale steun", exact=True).check()
    page.get_by_role("button", name="Balansmodel vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Balansmodel vastgelegd.")).to_be_visible()
    table = page.get_by_role("table", name="Balans per niveau")
    expect(table.get_by_role("row", name="Microniveau")).to_contain_text("1")
    expect(table.get_by_role("row", name="Totaal")).to_contain_text("2")
    assert page.evaluate(CHART_DRAWN, "canvas[data-chart=balance]")
    assert_accessible(page, "beoordeling: balansmodel vastgelegd")

    page.get_by_role("link", name="Overzicht beoordeling").click()
    page.get_by_role("link", name="ZRM van Anna Testerink").click()
    assert_accessible(page, "beoordeling: ZRM leeg")
    _score_zrm(page, lambda code: 2)
    assert_accessible(page, "beoordeling: ZRM eerste keer")
    _score_zrm(page, lambda code: 4 if code == "finances" else 3)
    trend = page.get_by_role("table", name="ZRM-scores per domein")
    expect(trend.get_by_role("row", name="Financiën")).to_contain_text("2")
    expect(trend.get_by_role("row", name="Financiën")).to_contain_text("4")
    expect(trend.get_by_role("columnheader")).to_have_count(3)  # domain + two assessments
    assert page.evaluate(CHART_DRAWN, "canvas[data-chart=zrm][data-index='0']")
    assert ZrmAssessment.objects.filter(person=mother).count() == 2
    assert_accessible(page, "beoordeling: ZRM trend")

    page.get_by_role("link", name="Signs of Safety").click()
    assert_accessible(page, "beoordeling: signs of safety")
    page.get_by_role("link", name="Gespreksleidraad").click()
    assert_accessible(page, "beoordeling: gespreksleidraad")
