"""The wijkanalyse in a real browser, for the coordinator and the policy officer: the map (Leaflet, no tiles) and its
table, a choice of indicator, the trend chart and its table, the team's risk reading (form, save, shown beside the
figures) and the CSV and Excel exports. Every page view must pass axe-core's WCAG 2.1 A/AA rules; screenshots go to
test-results/analysis-*.png."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.analysis.conftest import aworld  # noqa: F401  (a fixture)
from tests.browser.conftest import assert_accessible
from wijkveilig.areas.models import Buurt
from wijkveilig.demo.volume import volume_seed

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "test-results"


@pytest.fixture
def analysis_world(aworld):
    aworld.team.buurten.add(*Buurt.objects.filter(code__in=["BU99990102", "BU99990103"]))
    volume_seed(municipality="GM9999", seed=11)
    return aworld


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"analysis-{name}.png", full_page=True)


def _map_and_chart_drawn(page) -> None:
    expect(page.locator("#wijkkaart[data-ready='true']")).to_be_attached()
    expect(page.locator("#wijkkaart path.leaflet-interactive")).to_have_count(8)  # one outline per buurt
    expect(page.locator("#trend-grafiek[data-ready='true']")).to_be_attached()
    assert page.evaluate("() => document.querySelectorAll('#wijkkaart img.leaflet-tile').length") == 0  # no tiles


def test_coordinator_reads_the_analysis_and_records_the_risk_reading(page, url, analysis_world, log_in_as):
    log_in_as(analysis_world.coordinator)
    page.goto(url("/"))
    page.get_by_role("link", name="Wijkanalyse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijkanalyse Gemeente Voorbeeld")
    _map_and_chart_drawn(page)
    expect(page.locator("#kaart-tabel")).to_contain_text("Zandkamp-Voorbeeld")
    expect(page.locator("#kaart-tabel").get_by_role("row").filter(has_text="Zandkamp")).to_contain_text("onbekend")
    assert_accessible(page, "coördinator: wijkanalyse")
    _shot(page, "coordinator-page")

    page.get_by_label("Buurt of wijk").select_option("BU99990103")
    page.get_by_label("Kaart kleurt naar").select_option("single_parent_pct")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Kaart: eenouderhuishoudens (% van de huishoudens)")).to_be_visible()
    expect(page.get_by_role("heading", name="Ontwikkeling per kwartaal: Stationsbuurt")).to_be_visible()
    _map_and_chart_drawn(page)
    page.locator("#wijkkaart path.leaflet-interactive").nth(2).hover()  # a tooltip names the buurt and its value
    expect(page.locator(".leaflet-tooltip")).to_contain_text("Stationsbuurt: ")
    expect(page.locator("#trend-tabel")).to_contain_text("binnenkomende zorgen")
    assert_accessible(page, "coördinator: wijkanalyse, andere kaart en buurt")
    _shot(page, "coordinator-indicator-and-trend")

    page.get_by_role("link", name="Inschatting voor Stationsbuurt vastleggen of bijwerken").click()
    assert_accessible(page, "coördinator: inschatting buurt (formulier)")
    page.get_by_role("group", name="wijkniveau").get_by_label("extra relevant voor deze buurt").check()
    page.get_by_role("group", name="maatschappelijk niveau").get_by_label("enkele risicofactoren").check()
    page.get_by_label("Ingeschat op").fill("2026-01-05")
    page.get_by_label("Toelichting").fill("Fictief: veel verhuisbewegingen, weinig ontmoetingsplekken.")
    _shot(page, "coordinator-risk-reading-form")
    page.get_by_role("button", name="Inschatting opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Inschatting van de buurt opgeslagen")
    reading = page.get_by_role("table", name="Stationsbuurt, ingeschat op 5 januari 2026")
    expect(reading.get_by_role("row").filter(has_text="wijkniveau")).to_contain_text("extra relevant")
    assert_accessible(page, "coördinator: wijkanalyse met inschatting")
    _shot(page, "coordinator-risk-reading")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert any(row[:1] == ["BU99990303"] and "onbekend" in row for row in rows)
    assert any("(85984NED)" in cell for row in rows for cell in row)


def test_policy_officer_reads_figures_and_reading_and_exports_excel(page, url, analysis_world, log_in_as):
    from wijkveilig.analysis import services
    from wijkveilig.audit.services import Actor

    services.risk_reading_record(
        actor=Actor.system(analysis_world.coordinator), buurt_code="BU99990101", expected_version=0,
        entry=services.ReadingEntry(ratings={"individual": "some", "relationship": "raised", "social_network": "low",
                                             "neighbourhood": "some", "society": "unknown"},
                                    explanation="Fictief.", read_on=__import__("datetime").date(2026, 2, 1)))
    log_in_as(analysis_world.policy_officer)
    page.goto(url("/analyse/?gebied=WK999901&indicator=social_minimum_pct"))
    _map_and_chart_drawn(page)
    expect(page.get_by_role("heading", name="Kerncijfers Centrum-Voorbeeld")).to_be_visible()
    expect(page.get_by_text("geen CBS-cijfers")).to_be_visible()  # the demo table says it is synthetic
    expect(page.locator(".wv-legend")).to_contain_text("klasse 2: meer dan")
    expect(page.get_by_role("table", name="Laatste inschatting per buurt").get_by_role("row")
           .filter(has_text="Oude Kern")).to_contain_text("relatieniveau")
    expect(page.get_by_role("link", name="vastleggen of bijwerken")).to_have_count(0)
    tables = page.get_by_role("table", name="Binnenkomende zorgen per kleur")
    expect(tables.get_by_role("row").filter(has_text="Gemeente Voorbeeld")).to_be_visible()
    assert_accessible(page, "beleid: wijkanalyse")
    _shot(page, "policy-officer-page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Wijkanalyse Gemeente Voorbeeld (GM9999)"
    assert any(row[0] == "BU99990103" for row in values)
