"""Several municipalities in one installation, continued (issue 12 part 4): the municipality pages of the team app
(team counts, self-scan, Veilig Thuis agreements) and the wijkanalyse (page, CSV/Excel, risk reading) keep to the
user's municipalities. The world's municipality is A (Gemeente Voorbeeld), the `two` fixture adds B (Proefdorp).
Decision 0055."""



import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.analysis.conftest import load_analysis_world
from tests.conftest import login_client
from tests.factories import UserFactory
from tests.test_municipalities import as_application_role, two  # noqa: F401  (fixtures)
from wijkveilig.accounts.db_scope import scope_connection
from wijkveilig.accounts.models import Membership, Role
from wijkveilig.analysis import aggregates
from wijkveilig.analysis.models import CbsTable, RegionFigures, RiskReading
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Case
from wijkveilig.core.errors import DomainError
from wijkveilig.insight import periods
from wijkveilig.insight import selectors as published_tables
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.teams import policy as teams_policy
from wijkveilig.teams import services as team_services
from wijkveilig.teams.models import SelfScan, VtAgreement

# ---- the team app's municipality pages ---------------------------------------------------------------------------

AGREEMENT = {"scenario": "vt_area_based", "regional_agreements": "Afspraken (fictief).", "agreed_on": "2024-03-01",
             "extra_tasks": ["information"], "extra_tasks_other": "", "version": 0}


def _pages(municipality_id: int) -> list[str]:
    year = timezone.localdate().year
    return [reverse("teams:team_counts", args=[municipality_id]),
            reverse("teams:vt_agreement", args=[municipality_id]),
            reverse("teams:self_scan_history", args=[municipality_id]),
            reverse("teams:self_scan_edit", args=[municipality_id, year])]


def _agreement(actor, municipality, text: str) -> None:
    team_services.vt_agreement_set(actor=Actor.system(actor), municipality=municipality, expected_version=0,
                                   values=team_services.AgreementIn(
                                       scenario="local_expertise", regional_agreements=text, agreed_on=None,
                                       extra_tasks=(), extra_tasks_other=""))


def test_the_policy_officer_opens_only_their_own_municipalitys_pages(two):
    client = login_client(two.policy_officer)
    for url in _pages(two.a.pk):
        assert client.get(url).status_code == 200, url
    for url in _pages(two.b.pk):
        assert client.get(url).status_code == 404, url
    # a write to the other municipality is refused before anything is saved
    assert client.post(reverse("teams:vt_agreement", args=[two.b.pk]), AGREEMENT).status_code == 404
    assert not VtAgreement.objects.filter(municipality=two.b).exists()


def test_the_municipality_list_names_only_the_users_municipalities(two):
    page = login_client(two.policy_officer).get(reverse("teams:municipalities")).content.decode()
    assert "Gemeente Voorbeeld" in page and "Gemeente Proefdorp" not in page
    assert reverse("teams:team_counts", args=[two.b.pk]) not in page
    lost = UserFactory(username="t_policy_nowhere", role=Role.POLICY_OFFICER)  # two municipalities, none named
    page = login_client(lost).get(reverse("teams:municipalities")).content.decode()
    assert "Gemeente Voorbeeld" not in page and "Gemeente Proefdorp" not in page and "nog geen" in page


@pytest.mark.parametrize("account_municipality, sees_a, sees_b", [
    (None, True, True),  # the installation's functioneel beheerder: every municipality (decision 0055)
    ("a", True, False),  # a municipality's own beheerder: that one only
    ("b", False, True),
])
def test_the_administrator_keeps_the_agreements_of_the_municipalities_they_serve(two, account_municipality, sees_a,
                                                                                 sees_b):
    admin = UserFactory(username=f"t_admin_{account_municipality}", role=Role.ADMINISTRATOR,
                        municipality=getattr(two, account_municipality) if account_municipality else None)
    client = login_client(admin)
    listed = client.get(reverse("teams:municipalities")).content.decode()
    for municipality, sees in ((two.a, sees_a), (two.b, sees_b)):
        assert (municipality.name in listed) is sees
        assert client.get(reverse("teams:vt_agreement", args=[municipality.pk])).status_code == (200 if sees else 404)
        # never the policy officer's figures, in any municipality
        assert client.get(reverse("teams:team_counts", args=[municipality.pk])).status_code == 403


def test_an_inactive_administrator_administers_no_municipality(two):
    two.admin.municipality = None
    two.admin.is_active = False
    assert not teams_policy.administers_every_municipality(two.admin)
    assert not teams_policy.municipality_scope(two.admin).exists()


def test_the_services_refuse_a_municipality_outside_the_actors_scope(two):
    """The second check: a caller that skipped the page's access helper still cannot write into B."""
    with pytest.raises(DomainError):
        _agreement(two.policy_officer, two.b, "Niet toegestaan (fictief).")
    with pytest.raises(DomainError):
        team_services.self_scan_save(actor=Actor.system(two.policy_officer), municipality=two.b,
                                     year=timezone.localdate().year, expected_version=1, answers={})
    assert not VtAgreement.objects.exists() and not SelfScan.objects.exists()


def test_a_coordinators_team_pages_stay_within_their_teams(two):
    client = login_client(two.coordinator)
    page = client.get(reverse("teams:team")).content.decode()
    assert "Testteam Noord" in page and "Proefteam" not in page
    member_b = Membership.objects.get(user=two.coordinator_b, team=two.team_b)
    assert client.get(reverse("teams:member_edit", args=[member_b.pk])).status_code == 404
    assert client.post(reverse("teams:training_add", args=[member_b.pk]), {}).status_code == 404


def test_the_agreement_shown_with_a_case_is_its_own_municipalitys(two):
    _agreement(two.admin, two.a, "Afspraken Voorbeeld (fictief)")
    _agreement(two.admin, two.b, "Afspraken Proefdorp (fictief)")
    route = meldcode_services.route_start(actor=Actor.system(two.worker), access=two.access)
    for url in (reverse("meldcode:report", args=[two.case.pk, route.pk]),
                reverse("meldcode:route", args=[two.case.pk, route.pk])):
        body = login_client(two.worker).get(url).content.decode()
        assert "Afspraken Voorbeeld (fictief)" in body and "Afspraken Proefdorp (fictief)" not in body, url
    team_b = login_client(two.coordinator_b).get(reverse("teams:team")).content.decode()
    assert "Afspraken Proefdorp (fictief)" in team_b and "Afspraken Voorbeeld (fictief)" not in team_b


# ---- the wijkanalyse ---------------------------------------------------------------------------------------------

ANALYSIS = reverse("analysis:page")
UNLOCATED = "adres zonder bekende buurt"


@pytest.fixture
def atwo(two):
    """A with the analysis demo's eight buurten and CBS table; B's one buurt with a CBS row of its own."""
    load_analysis_world(two)
    RegionFigures.objects.create(table=CbsTable.objects.get(), code="BU99980101", kind="buurt", name="Proefbuurt-CBS",
                                 municipality_code=two.b.code, values={"low_income_pct": 12.5})
    return two


def _csv(response) -> str:
    return response.content.decode("utf-8-sig")


def test_the_policy_officer_reads_only_their_own_municipalitys_analysis(atwo):
    client = login_client(atwo.policy_officer)
    for query in ({}, {"gemeente": atwo.b.code}, {"gemeente": atwo.b.code, "gebied": "BU99980101"}):
        response = client.get(ANALYSIS, query)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Gemeente Voorbeeld" in body and "Oude Kern" in body
        assert "Proefdorp" not in body and "Proefbuurt" not in body and atwo.b.code not in body, query
        export = _csv(client.get(reverse("analysis:export_csv"), query))
        assert "BU99990101" in export and "Proefbuurt" not in export and atwo.b.code not in export, query
        sheet = load_workbook(io.BytesIO(client.get(reverse("analysis:export_xlsx"), query).content)).active
        cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row}
        assert "BU99990101" in cells and "BU99980101" not in cells and "Proefbuurt-CBS" not in cells, query


def test_the_coordinator_reads_only_the_municipality_of_their_teams(atwo):
    client = login_client(atwo.coordinator_b)
    body = client.get(ANALYSIS, {"gemeente": "GM9999"}).content.decode()
    assert "Proefbuurt" in body and "Oude Kern" not in body and "BU9999" not in body and "WK9999" not in body
    assert '<option value="GM9999"' not in body
    rows = list(csv.reader(io.StringIO(_csv(client.get(reverse("analysis:export_csv"), {"gemeente": "GM9999"}))),
                           delimiter=";"))
    codes = {row[0] for row in rows if row}
    assert "BU99980101" in codes and not any(code.startswith(("BU9999", "WK9999")) for code in codes)
    assert "GM9999" not in codes


def test_a_reader_without_a_municipality_sees_no_analysis_at_all(atwo):
    lost = UserFactory(username="t_policy_nowhere", role=Role.POLICY_OFFICER)  # two municipalities, none named
    client = login_client(lost)
    body = client.get(ANALYSIS, {"gemeente": atwo.a.code}).content.decode()
    assert "Oude Kern" not in body and "Proefbuurt" not in body and "hoort nog bij geen gemeente" in body
    assert client.get(reverse("analysis:export_csv"), {"gemeente": atwo.a.code}).status_code == 404
    assert AccessLogEntry.objects.filter(event="analysis.viewed", user_id=lost.pk).count() == 1


def test_each_reader_sees_the_unlocated_row_of_their_own_municipality(atwo):
    """Published tables are per municipality: the row of addresses without a known buurt is the reader's own."""
    assert UNLOCATED in login_client(atwo.policy_officer).get(ANALYSIS).content.decode()


READING = {"individual": "unknown", "relationship": "raised", "social_network": "unknown", "neighbourhood": "unknown",
           "society": "unknown", "read_on": "2025-01-15", "explanation": "", "version": 0}


def test_the_risk_reading_stays_within_the_teams_buurten_and_municipality(atwo):
    url_b = reverse("analysis:risk_reading", args=["BU99980101"])
    client = login_client(atwo.coordinator)
    assert client.get(url_b).status_code == 403
    atwo.team.buurten.add(atwo.team_b.buurten.get())  # B's buurt linked to A's team by mistake: still not A's
    assert client.get(url_b).status_code == 403
    assert client.post(url_b, READING).status_code == 403
    assert not RiskReading.objects.exists()
    assert login_client(atwo.coordinator_b).get(url_b).status_code == 200  # B's own coordinator may


# ---- PostgreSQL row-level security: tables are published per municipality ------------------------------------

@pytest.fixture
def cases_b_last_quarter(two):
    """Twelve cases in B's buurt, opened in the last closed quarter (enough to survive the rounding)."""
    begin, _end = published_tables.bounds(periods.closed_quarters(timezone.localdate())[0])
    for n in range(12):
        case_services.case_open(actor=Actor.system(two.coordinator_b), household_name=f"Huishouden Proef-{n}",
                                buurt=two.team_b.buurten.get())
    Case.objects.filter(team=two.team_b).update(opened_at=begin)
    return two


def test_each_municipality_publishes_its_own_table_under_its_own_scope(cases_b_last_quarter, as_application_role):
    """A reader of A publishes A's table (none of B's buurten); B's reader publishes B's, with B's cases counted:
    neither needs more than their own municipality's rows."""
    two = cases_b_last_quarter
    quarter = periods.closed_quarters(timezone.localdate())[0]
    scope_connection(two.coordinator)
    stored_a = aggregates.published_for([quarter], two.a)[(aggregates.CASES, quarter)].content
    assert "BU99980101" not in [code for code, _name in stored_a["rows"]]
    scope_connection(two.coordinator_b)
    stored_b = aggregates.published_for([quarter], two.b)[(aggregates.CASES, quarter)].content
    codes = [code for code, _name in stored_b["rows"]]
    assert stored_b["row_totals"][codes.index("BU99980101")] >= 10
