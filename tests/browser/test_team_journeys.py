"""The team and the municipality in a real browser (issue 13 parts 2–5): the coordinator closes a training gap, sets
a duo partner and runs an anonymous drempels round; the policy officer records the agreements with Veilig Thuis and
fills in the self-scan with its comparison chart; beheer edits a self-scan statement and the agreements, which the
worker then sees at the report step. Every page passes axe-core; screenshots go to test-results/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled
from tests.factories import MembershipFactory, UserFactory
from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.teams import services
from wijkveilig.teams.models import (
    MemberProfile,
    ReflectionTally,
    SelfScanAnswer,
    SelfScanStatement,
    SelfScanTheme,
    TrainingRecord,
    VtAgreement,
)

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "test-results"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"team-{name}.png"), full_page=True)


def _statements():
    """The data migration's statements are gone after an earlier browser test's flush: make a small set again."""
    if not SelfScanStatement.objects.exists():
        for order, (code, title) in enumerate([("signalling", "Signaleren"), ("expertise", "Deskundigheid")]):
            theme = SelfScanTheme.objects.create(code=code, title=title, order=order)
            SelfScanStatement.objects.create(theme=theme, text=f"Fictieve stelling over {title.lower()}.")


def test_coordinator_closes_a_training_gap_and_runs_a_drempels_round(world, page, url, log_in_as):
    log_in_as(world.coordinator)
    page.goto(url("/team/"))
    assert_styled(page)
    gaps = page.get_by_role("region", name="Aandachtspunten")
    expect(gaps).to_contain_text("Geen medewerker beschikbaar met een geldige verdiepingstraining")
    assert_accessible(page, "team: profiel met tekort")
    shot(page, "coordinator-profiel-met-tekort")

    page.get_by_role("link", name=world.worker.get_full_name()).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.worker.get_full_name())
    assert_accessible(page, "team: lid")
    page.get_by_role("button", name="Training vastleggen").click()
    expect(page.locator(".wv-error-summary")).to_be_visible()  # the refusal, named field by field
    assert_accessible(page, "team: training met fout")
    today = timezone.localdate()
    page.get_by_label("Training", exact=True).select_option("domestic_violence")
    page.get_by_label("verdieping").check()
    page.get_by_label("Gevolgd op").fill(today.replace(year=today.year - 1).isoformat())
    page.get_by_label("Geldig tot en met").fill(today.replace(year=today.year + 1).isoformat())
    page.get_by_role("button", name="Training vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Training vastgelegd.")).to_be_visible()
    page.get_by_label("Vaste duopartner").select_option(label=world.duo_partner.get_full_name())
    page.get_by_label("Discipline").select_option("social_work")
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    expect(gaps).not_to_contain_text("Geen medewerker beschikbaar met een geldige verdiepingstraining")
    assert TrainingRecord.objects.get().level == "advanced"
    assert MemberProfile.objects.get().duo_partner.user == world.duo_partner

    page.get_by_role("button", name="Nieuwe ronde openen").click()
    expect(page.get_by_role("status").filter(has_text="De ronde is geopend.")).to_be_visible()
    # five colleagues answer outside the browser, the worker in it
    for i in range(5):
        user = UserFactory(username=f"t_drempel_{i}", role=Role.WORKER)
        MembershipFactory(user=user, team=world.team)
        services.reflection_answer(actor=Actor.system(user), team=world.team,
                                   answers={n: "self" if n == 7 else "neither" for n in range(1, 11)})
    log_in_as(world.worker)
    page.goto(url("/team/reflectie/"))
    assert_accessible(page, "team: reflectie invullen")
    shot(page, "medewerker-reflectie-invullen")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.locator(".wv-error-summary")).to_be_visible()  # the refusal, named field by field
    assert_accessible(page, "team: reflectie met fout")
    for group in page.get_by_role("group").all():
        group.get_by_label("niet", exact=True).check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("status").filter(has_text="anoniem meegeteld")).to_be_visible()
    assert sum(ReflectionTally.objects.filter(answer="neither").values_list("count", flat=True)) == 6 * 10 - 5

    log_in_as(world.coordinator)
    page.goto(url("/team/"))
    page.get_by_role("button", name="Ronde sluiten en uitkomst tonen").click()
    table = page.get_by_role("table", name=re.compile("6 deelnemers"))
    expect(table).to_contain_text("Ik heb het al zo druk met andere zaken.")
    assert_accessible(page, "team: uitkomst reflectie")
    shot(page, "coordinator-uitkomst-drempels")


def test_policy_officer_records_vt_agreements_and_fills_in_the_self_scan(world, page, url, log_in_as):
    _statements()
    municipality = world.team.municipality
    log_in_as(world.policy_officer)
    page.goto(url("/gemeenten/"))
    assert_accessible(page, "beleid: gemeente")
    page.get_by_role("link", name="Teams in aantallen").click()
    expect(page.get_by_role("table", name="Per team (afgerond)")).to_contain_text("Testteam Noord")
    assert_accessible(page, "beleid: teams in aantallen")
    shot(page, "beleid-teams-in-aantallen")

    page.goto(url(f"/gemeenten/{municipality.pk}/veilig-thuis/"))
    page.get_by_role("button", name="Afspraken opslaan").click()
    expect(page.locator(".wv-error-summary")).to_be_visible()  # the refusal, named field by field
    assert_accessible(page, "beleid: afspraken Veilig Thuis met fout")
    page.get_by_label("Veilig Thuis gebiedsgericht").check()
    page.get_by_label("Regionale samenwerkingsafspraken").fill("Fictieve regionale afspraken Proefregio.")
    page.get_by_label("casusregie").check()
    page.get_by_role("button", name="Afspraken opslaan").click()
    expect(page.get_by_role("status").filter(has_text="zijn opgeslagen")).to_be_visible()
    assert VtAgreement.objects.get().extra_tasks == ["case_direction"]
    assert_accessible(page, "beleid: afspraken Veilig Thuis")
    shot(page, "beleid-afspraken-veilig-thuis")

    statement = SelfScanStatement.objects.order_by("theme__order", "order", "pk").first()
    year = timezone.localdate().year
    for scan_year, score in ((year - 1, "2"), (year, "4")):
        page.goto(url(f"/gemeenten/{municipality.pk}/zelfscan/{scan_year}/"))
        first = page.get_by_role("group", name=statement.text)
        first.get_by_label("Score").select_option(score)
        first.get_by_label("Onderbouwing").fill("Fictieve onderbouwing.")
        page.get_by_role("button", name="Zelfscan opslaan").click()
        if score == "2":  # a low score without an action point is refused; the input stays
            # next to its field (and again, as a link to it, in the error summary)
            expect(page.locator(".utrecht-form-field-error-message").filter(
                has_text="Bij een score onder 3 hoort een actiepunt.")).to_be_visible()
            expect(first.get_by_label("Onderbouwing")).to_have_value("Fictieve onderbouwing.")
            assert_accessible(page, "beleid: zelfscan met fout")
            shot(page, "beleid-zelfscan-met-fout")
            first.get_by_label("Actiepunt").fill("Fictief: werkafspraak maken.")
            first.get_by_label("Eigenaar").fill("Beleidsadviseur (fictief)")
            first.get_by_label("Gereed op").fill(f"{year}-12-31")
            page.get_by_role("button", name="Zelfscan opslaan").click()
        expect(page.get_by_role("status").filter(has_text="De zelfscan is opgeslagen.")).to_be_visible()
    assert SelfScanAnswer.objects.filter(statement=statement).count() == 2
    table = page.get_by_role("table", name=re.compile("Gemiddelde score per thema"))
    expect(table).to_contain_text(str(year - 1))
    page.wait_for_function("() => window.Chart && Object.keys(window.Chart.instances).length === 1")
    assert_accessible(page, "beleid: zelfscan vergelijking")
    shot(page, "beleid-zelfscan-vergelijking")


def test_beheer_edits_a_statement_and_the_agreements_which_the_worker_sees_when_reporting(world, page, url,
                                                                                         log_in_as):
    _statements()
    statement = SelfScanStatement.objects.order_by("pk").first()
    log_in_as(world.admin)
    page.goto(url(f"/beheer/teams/selfscanstatement/{statement.pk}/change/"))
    page.get_by_label("Stelling").fill("Fictieve stelling, aangepast door beheer.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("gewijzigd")
    statement.refresh_from_db()
    assert statement.text == "Fictieve stelling, aangepast door beheer."

    page.goto(url(f"/gemeenten/{world.team.municipality_id}/veilig-thuis/"))
    page.get_by_label("Expertise in het sociale domein").check()
    page.get_by_label("monitoring van de aanpak").check()
    page.get_by_role("button", name="Afspraken opslaan").click()
    expect(page.get_by_role("status").filter(has_text="zijn opgeslagen")).to_be_visible()
    assert_accessible(page, "beheer: afspraken Veilig Thuis")

    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    route = meldcode_services.route_start(actor=Actor.system(world.worker), access=world.access)
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/meldcode/{route.pk}/melden/"))
    panel = page.get_by_role("region", name="Afspraken met Veilig Thuis")
    expect(panel).to_contain_text("Expertise in het sociale domein")
    expect(panel).to_contain_text("monitoring van de aanpak")
    expect(panel).to_contain_text(world.vt_liaison.get_full_name())
    assert_accessible(page, "medewerker: melden met afspraken Veilig Thuis")
    shot(page, "medewerker-melden-met-afspraken")
