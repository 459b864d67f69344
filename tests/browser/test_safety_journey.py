"""Safety plan in a real browser: a worker adds two agreements and the victim's safe place, agrees the plan and
finds the family version per person; a protective agreement is refused for the suspected perpetrator and never
appears in his family version. Every page visited must pass axe-core's WCAG 2.1 A/AA rules."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, assert_styled
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh

pytestmark = pytest.mark.browser


def _add_agreement(page, kind: str, who: str, what: str, days: int) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Afspraak toevoegen"))
    form.get_by_label(kind, exact=True).check()
    form.get_by_label("Nee", exact=True).check()  # not a protective agreement
    form.get_by_label("Wie", exact=True).fill(who)
    form.get_by_label("Wat", exact=True).fill(what)
    form.get_by_label("Wanneer (uiterlijk)").fill((timezone.localdate() + timedelta(days=days)).isoformat())
    form.get_by_label("Wie uit het netwerk draagt dit mee (namen of rollen)").fill("Oom Kees (fictief)")
    page.get_by_role("button", name="Afspraak toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Afspraak toegevoegd.")).to_be_visible()


def test_worker_builds_a_safety_plan_and_finds_the_family_version(world, page, url, log_in_as):
    victim = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Anna",
                           last_name="Testerink", roles=["victim"])
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    assert_styled(page)
    page.get_by_role("link", name="Afspraken, veilige plekken en evaluaties").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Veiligheidsplan")
    assert_accessible(page, "veiligheidsplan: leeg")

    _add_agreement(page, "duurzame veiligheid", "Vader (fictief)", "Volgt een cursus omgaan met boosheid", 60)
    _add_agreement(page, "directe veiligheid", "Vader (fictief)", "Slaapt twee weken bij oom", 14)
    rows = page.locator(".wv-agreement")  # one card per agreement (reads at 320 px), no table
    expect(rows.nth(0)).to_contain_text("Slaapt twee weken bij oom")  # immediate safety first
    expect(rows.nth(1)).to_contain_text("Volgt een cursus")

    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul voor elk slachtoffer in waar")
    assert_accessible(page, "veiligheidsplan: vaststellen geweigerd")

    page.get_by_label("Waar kan deze persoon heen als het opnieuw gebeurt?").fill("Bij zus in Proefstad (fictief)")
    page.get_by_role("button", name="Veilige plek vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Veilige plek vastgelegd.")).to_be_visible()
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_role("status").filter(has_text="Veiligheidsplan vastgesteld.")).to_be_visible()
    assert_accessible(page, "veiligheidsplan: vastgesteld")

    link = page.get_by_role("link", name="Gezinsversie voor Anna (pdf)")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href.endswith(f"/gezinsversie/{victim.pk}/")  # one version per recipient
    response = page.request.get(url(href))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"


CANARY = "KANARIE-7Q"


def _pdf_text(page, url, href) -> str:
    response = page.request.get(url(href))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages).split())


def test_protective_agreement_is_refused_for_the_perpetrator_and_missing_from_his_copy(world, page, url, log_in_as):
    actor = Actor.system(world.worker)
    for first, role in (("Anna", "victim"), ("Frank", "suspected_perpetrator"), ("Liv", "child")):
        hh.person_add(actor=actor, access=world.access, first_name=first, last_name="Testerink", roles=[role])
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/veiligheidsplan/"))

    form = page.locator("form", has=page.get_by_role("button", name="Afspraak toevoegen"))
    form.get_by_label("directe veiligheid", exact=True).check()
    form.get_by_label("Wie", exact=True).fill("Anna")
    form.get_by_label("Wat", exact=True).fill(f"{CANARY}: belt bij spanning haar zus, die haalt Liv op")
    form.get_by_label("Wanneer (uiterlijk)").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    form.get_by_label("Ja, beschermend", exact=False).check()
    form.get_by_label("Anna Testerink").check()
    form.get_by_label("Frank Testerink").check()  # the worker tries to give it to the suspected perpetrator
    page.get_by_role("button", name="Afspraak toevoegen").click()

    error = page.locator("#id_audience_error")
    expect(error).to_contain_text("nooit zichtbaar voor een (vermoedelijke) pleger")
    expect(error).to_contain_text("Frank")
    expect(page.get_by_role("alert").first).to_contain_text("Niet opgeslagen")
    expect(form.get_by_label("Wat", exact=True)).to_have_value(
        f"{CANARY}: belt bij spanning haar zus, die haalt Liv op")
    assert_accessible(page, "veiligheidsplan: pleger aangevinkt bij beschermende afspraak")

    form.get_by_label("Frank Testerink").uncheck()
    page.get_by_role("button", name="Afspraak toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Afspraak toegevoegd.")).to_be_visible()
    row = page.locator(".wv-agreement").nth(0)
    expect(row).to_contain_text("Beschermend")
    expect(row.locator("dt", has_text="Zichtbaar voor").locator("xpath=following-sibling::dd[1]")).to_have_text("Anna")
    assert_accessible(page, "veiligheidsplan: beschermende afspraak voor het slachtoffer")

    for_frank = _pdf_text(page, url,
                          page.get_by_role("link", name="Gezinsversie voor Frank (pdf)").get_attribute("href"))
    for_anna = _pdf_text(page, url, page.get_by_role("link", name="Gezinsversie voor Anna (pdf)").get_attribute("href"))
    assert "Voor: Frank" in for_frank and CANARY not in for_frank and "haalt Liv op" not in for_frank
    assert CANARY in for_anna
