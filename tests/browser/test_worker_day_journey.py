"""Issue 11 in a real browser: the werkvoorraad of a worker, a coordinator and Veilig Thuis puts what is urgent
first; the worker filters and sorts with htmx (the list swaps in place, the URL follows); Veilig Thuis reads on
screen what the PDF holds; each PDF is read back as text and page 1 is rendered to an image (PDFium, the engine
of Chromium's own PDF viewer, through pypdfium2). Every page passes axe-core; screenshots go to test-results/."""

import base64
import json
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pypdfium2
import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, assert_styled
from tests.test_documents import _reported
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.models import Assignment
from wijkveilig.intake.models import Concern
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import AcuteDanger, VtReport
from wijkveilig.safety.models import Agreement, SafetyPlan

pytestmark = pytest.mark.browser

RESULTS = Path("test-results")


def shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"issue11-{name}.png"), full_page=True)


def _open(world, name, *, user=None):
    return services.case_open(actor=Actor.system(user or world.worker), household_name=name, buurt=world.buurt)


def _late_report(world, access, days_ago=3):
    route = ms.route_start(actor=Actor.system(world.worker), access=access)
    return VtReport.objects.create(case=access.case, route=route, idempotency_key=f"browser-{access.case.pk}",
                                   sent_by=world.worker, content=json.dumps({"fictief": True}),
                                   assessment_due_on=timezone.localdate() - timedelta(days=days_ago))


def test_worker_sees_urgent_first_and_filters_in_place(world, page, url, log_in_as):
    _late_report(world, world.access)
    danger = _open(world, "Huishouden Gevaar")
    route = ms.route_start(actor=Actor.system(world.worker), access=danger)
    AcuteDanger.objects.create(route=route, police_called_at=timezone.now(), called_by="Medewerker (fictief)",
                               recorded_by=world.worker)
    shared = _open(world, "Huishouden Gedeeld")
    Assignment.objects.create(case=shared.case, user=world.duo_partner, assigned_by=world.coordinator)

    log_in_as(world.worker)
    page.goto(url("/"))
    expect(page).to_have_url(url("/werkvoorraad/"))
    assert_styled(page)
    sections = page.locator("section.wv-worklist__section")
    expect(sections.first).to_contain_text(f"{danger.case.reference}: acuut gevaar vastgelegd")  # danger first
    expect(page.get_by_role("region", name="Samenwerking en opschaling")).to_contain_text(
        "voorstel om op te schalen naar AVE 2")  # the worker sees the proposal too
    expect(page.locator(".wv-worklist__counts")).to_contain_text("Acuut: 1")
    assert_accessible(page, "werkvoorraad: medewerker, urgent eerst")
    shot(page, "werkvoorraad-medewerker")

    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_label("Samen met mijn duo").check()  # htmx: the list swaps in place
    expect(page).to_have_url(re.compile(r"filter=duo"))
    table = page.get_by_role("table", name=re.compile("Open casussen"))
    expect(table).to_contain_text(shared.case.reference)
    expect(table).not_to_contain_text(danger.case.reference)
    assert page.evaluate("() => window.notReloaded") is True
    page.get_by_role("link", name=re.compile("^Laatste activiteit")).click()
    expect(page).to_have_url(re.compile(r"sort=activity"))
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Laatste activiteit")
    assert page.evaluate("() => window.notReloaded") is True
    assert_accessible(page, "werkvoorraad: medewerker, filter duo via htmx")
    shot(page, "werkvoorraad-medewerker-duo")

    page.goto(url("/werkvoorraad/?filter=duo&sort=activity"))  # the same URL without JavaScript's help
    expect(page.get_by_label("Samen met mijn duo")).to_be_checked()
    expect(page.get_by_role("table", name=re.compile("Open casussen"))).not_to_contain_text(danger.case.reference)


def test_coordinator_sees_team_intake_and_workload(world, page, url, log_in_as):
    _late_report(world, world.access, days_ago=5)
    _open(world, "Huishouden Collega", user=world.colleague)
    for colour in ("rood", "geel"):
        Concern.objects.create(source="police", household_name="Huishouden Intake (fictief)", observation="Fictief",
                               computed_colour=colour, final_colour=colour, team=world.team,
                               submitted_by=world.coordinator, status="triaged")
    log_in_as(world.coordinator)
    page.goto(url("/werkvoorraad/"))
    expect(page.get_by_role("region", name="Intake nog niet opgepakt")).to_contain_text("rood")
    expect(page.get_by_role("table", name="Open casussen per teamlid")).to_contain_text(
        world.colleague.get_full_name())
    expect(page.get_by_label("Het hele team")).to_be_checked()
    expect(page.get_by_role("region", name=re.compile("Meldcode en Veilig Thuis"))).to_contain_text(
        "terugkoppeling van Veilig Thuis is te laat")
    assert_accessible(page, "werkvoorraad: coördinator, team")
    shot(page, "werkvoorraad-coordinator")


def test_coordinator_pages_through_the_open_cases_in_place(world, page, url, log_in_as):
    for number in range(52):  # with world.case: 53 open cases, two pages of 50
        _open(world, f"Huishouden Pagina {number}", user=world.colleague)
    log_in_as(world.coordinator)
    page.goto(url("/werkvoorraad/?sort=reference"))
    pages = page.get_by_role("navigation", name="Pagina’s van de open casussen")
    expect(pages).to_contain_text("Pagina 1 van 2")
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 1")
    pages.get_by_role("link", name="Volgende").click()  # htmx swaps the list in place
    expect(page).to_have_url(re.compile(r"pagina=2"))
    expect(page.locator("#worklist-cases")).to_contain_text("Huishouden Pagina 51")
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 2")
    expect(page.locator("#worklist-cases")).to_be_focused()  # keyboard users continue at the new rows
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()  # the page itself stays
    assert_accessible(page, "werkvoorraad: coördinator, pagina 2")
    shot(page, "werkvoorraad-coordinator-pagina-2")


def _render_page_one(pdf: bytes, name: str, page) -> None:
    """Page 1 as an image (PDFium), saved and shown in the browser for its screenshot; it must show ink."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=1.5).to_pil()
    RESULTS.mkdir(exist_ok=True)
    image.save(RESULTS / f"issue11-{name}-pagina-1.png")
    dark = sum(image.convert("L").histogram()[:128])  # pixels darker than mid-grey
    assert dark > 2000, "page 1 rendered almost empty"
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    page.set_content(f'<img alt="pagina 1" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">')
    page.screenshot(path=str(RESULTS / f"issue11-{name}-pagina-1-browser.png"), full_page=True)


def _pdf(page, href: str) -> tuple[bytes, str]:
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    body = response.body()
    return body, " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(body)).pages).split())


def test_veilig_thuis_reads_the_report_on_screen_and_in_the_pdf(world, page, url, log_in_as):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    report = _reported(world)
    log_in_as(world.vt_liaison)
    page.goto(url("/"))
    expect(page).to_have_url(url("/werkvoorraad/"))
    owed = page.get_by_role("region", name=re.compile("Wat u nog moet terugkoppelen"))
    expect(owed).to_contain_text(f"{world.case.reference} ({world.team.name}): terugkoppeling na de "
                                 "veiligheidsbeoordeling")
    assert_accessible(page, "werkvoorraad: Veilig Thuis")
    shot(page, "werkvoorraad-veilig-thuis")

    owed.get_by_role("link", name=f"Melding {world.case.reference} openen").click()
    content = page.get_by_role("region", name="Inhoud")
    for expected in ("Risicosituatie: verslaving (drugs, alcohol)", "bron: Leerkracht basisschool (fictief)",
                     "Zoë Ayşe-Łukasz", "Ernst: ernstig", "Onderbouwing (fictief)."):
        expect(content).to_contain_text(expected)
    assert_accessible(page, "melding: Veilig Thuis ziet alles wat de PDF bevat")
    shot(page, "melding-veilig-thuis")

    body, text = _pdf(page, url(f"/casussen/{world.case.pk}/meldingen/{report.pk}/pdf/"))
    for expected in ("Melding aan Veilig Thuis", "Zoë Ayşe-Łukasz", "Şükran Noëlla", "Geïnformeerd over de melding",
                     "Risicosituatie: verslaving (drugs, alcohol)"):
        assert expected in text
    assert "BSN -" not in text and ".." not in text and "((" not in text
    _render_page_one(body, "melding", page)


def test_worker_downloads_the_family_plan_in_english(world, page, url, log_in_as):
    victim = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Zoë",
                           last_name="Łukasz-Şahin", roles=["victim"])
    plan = SafetyPlan.objects.create(case=world.case, review_on=timezone.localdate() + timedelta(days=14))
    agreement = Agreement.objects.create(plan=plan, kind="immediate", who="Zoë", what="Belt tante Ayşe.",
                                         due_on=timezone.localdate() + timedelta(days=7), created_by=world.worker)
    agreement.audience.add(victim)
    world.worker.language = "en"
    world.worker.save()
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/veiligheidsplan/"))
    link = page.get_by_role("link", name=re.compile(r"Zoë \(pdf\)"))  # the family version, not the agreement
    expect(link.first).to_be_visible()
    assert_accessible(page, "veiligheidsplan: Engelstalige medewerker")
    body, text = _pdf(page, url(link.first.get_attribute("href")))
    assert "Our safety plan" in text and "For: Zoë Łukasz-Şahin" in text and "Belt tante Ayşe." in text
    _render_page_one(body, "gezinsversie-en", page)
