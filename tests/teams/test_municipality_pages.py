"""The municipality's agreements with Veilig Thuis (shown where they matter) and the yearly Kwaliteitskader
self-scan with its comparison over years."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.teams import services
from wijkveilig.teams.models import SelfScan, SelfScanAnswer, SelfScanStatement, SelfScanTheme, VtAgreement

AGREEMENT = {"scenario": "vt_area_based", "regional_agreements": "Regionale afspraken Proefregio (fictief).",
             "agreed_on": "2024-03-01", "extra_tasks": ["information", "case_direction"], "extra_tasks_other": "",
             "version": 0}


def text(response) -> str:
    return response.content.decode()


def vt_url(world):
    return reverse("teams:vt_agreement", args=[world.team.municipality_id])


@pytest.mark.parametrize("persona", ["policy_officer", "admin"])
def test_policy_officer_and_beheer_record_the_agreements(tworld, as_user, persona):
    response = as_user(getattr(tworld, persona)).post(vt_url(tworld), AGREEMENT)
    assert response.status_code == 302
    agreement = VtAgreement.objects.get()
    assert (agreement.scenario, agreement.extra_tasks, agreement.version) == ("vt_area_based",
                                                                             ["case_direction", "information"], 1)


@pytest.mark.parametrize("persona", ["coordinator", "worker", "vt_liaison", "log_officer"])
def test_others_may_not_edit_the_agreements(tworld, as_user, persona):
    assert as_user(getattr(tworld, persona)).post(vt_url(tworld), AGREEMENT).status_code == 403
    assert not VtAgreement.objects.exists()


def test_a_stale_agreement_save_shows_both_versions_and_keeps_the_input(tworld, as_user):
    client = as_user(tworld.policy_officer)
    client.post(vt_url(tworld), AGREEMENT)
    assert client.post(vt_url(tworld), AGREEMENT | {"version": 1, "regional_agreements": "Eerste"}).status_code == 302
    stale = client.post(vt_url(tworld), AGREEMENT | {"version": 1, "regional_agreements": "Tweede versie"})
    assert stale.status_code == 409
    body = text(stale)
    assert "Nu opgeslagen (door de ander)" in body and "Eerste" in body and "Tweede versie" in body
    assert VtAgreement.objects.get().regional_agreements == "Eerste"
    # a second first save (version 0) when agreements exist is a conflict too, never a 500
    assert client.post(vt_url(tworld), AGREEMENT).status_code == 409


def test_a_future_agreement_date_is_refused(tworld, as_user):
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    response = as_user(tworld.policy_officer).post(vt_url(tworld), AGREEMENT | {"agreed_on": future})
    assert response.status_code == 400 and "toekomst" in text(response)


def _agreement(world):
    services.vt_agreement_set(actor=Actor.system(world.policy_officer), municipality=world.team.municipality,
                              expected_version=0, values=services.AgreementIn(
                                  scenario="local_expertise", regional_agreements="Afspraken Proefregio (fictief)",
                                  agreed_on=None, extra_tasks=("monitoring",), extra_tasks_other=""))


def test_the_agreements_show_at_the_report_step_the_cases_vt_section_and_the_team_page(tworld, as_user):
    _agreement(tworld)
    route = meldcode_services.route_start(actor=Actor.system(tworld.worker), access=tworld.access)
    pages = [(tworld.worker, reverse("meldcode:report", args=[tworld.case.pk, route.pk])),
             (tworld.worker, reverse("meldcode:route", args=[tworld.case.pk, route.pk])),
             (tworld.coordinator, reverse("teams:team"))]
    for user, url in pages:
        body = text(as_user(user).get(url))
        assert "Expertise in het sociale domein" in body, url
        assert "Afspraken Proefregio (fictief)" in body and "monitoring van de aanpak" in body, url
        assert tworld.vt_liaison.get_full_name() in body, url  # the team's fixed VT contact


def test_without_agreements_the_report_step_says_so(tworld, as_user):
    route = meldcode_services.route_start(actor=Actor.system(tworld.worker), access=tworld.access)
    body = text(as_user(tworld.worker).get(reverse("meldcode:report", args=[tworld.case.pk, route.pk])))
    assert "nog geen samenwerkingsscenario" in body


# ---- self-scan ------------------------------------------------------------------------------------------------

def scan_url(world, year=None):
    return reverse("teams:self_scan_edit", args=[world.team.municipality_id, year or timezone.localdate().year])


def test_the_statements_are_data_with_every_theme_of_the_kader(db):
    assert list(SelfScanTheme.objects.values_list("code", flat=True)) == [
        "signalling", "safety", "cooperation_vt", "monitoring", "expertise"]
    assert all(t.statements.exists() for t in SelfScanTheme.objects.all())


def _first_two():
    return list(SelfScanStatement.objects.filter(is_active=True)[:2])


def test_a_scan_saves_scores_with_evidence_and_an_action_for_a_low_score(tworld, as_user):
    a, b = _first_two()
    form = {"version": 1, f"s{a.pk}_score": "4", f"s{a.pk}_evidence": "Stappenplan 2025 (fictief)",
            f"s{b.pk}_score": "2", f"s{b.pk}_evidence": "Deels geregeld", f"s{b.pk}_action": "Werkafspraak maken",
            f"s{b.pk}_action_owner": "Beleidsadviseur zorg", f"s{b.pk}_action_due_on": "2026-12-31"}
    assert as_user(tworld.policy_officer).post(scan_url(tworld), form).status_code == 302
    saved = {x.statement_id: x for x in SelfScanAnswer.objects.all()}
    assert saved[a.pk].score == 4 and saved[b.pk].action_owner == "Beleidsadviseur zorg"
    assert SelfScan.objects.get().version == 2


def test_a_low_score_without_an_action_point_is_refused_and_the_input_stays(tworld, as_user):
    a, _b = _first_two()
    response = as_user(tworld.policy_officer).post(scan_url(tworld), {
        "version": 1, f"s{a.pk}_score": "1", f"s{a.pk}_evidence": "Nog niets geregeld (fictief)"})
    assert response.status_code == 400
    body = text(response)
    assert "Bij een score onder 3 hoort een actiepunt." in body and "Nog niets geregeld (fictief)" in body
    assert not SelfScan.objects.exists()


def test_a_stale_scan_save_is_a_conflict(tworld, as_user):
    a, _b = _first_two()
    form = {"version": 1, f"s{a.pk}_score": "3", f"s{a.pk}_evidence": "Eerste"}
    client = as_user(tworld.policy_officer)
    assert client.post(scan_url(tworld), form).status_code == 302
    stale = client.post(scan_url(tworld), form | {f"s{a.pk}_evidence": "Tweede"})
    assert stale.status_code == 409 and "Tweede" in text(stale)
    assert SelfScanAnswer.objects.get(statement=a).evidence == "Eerste"


@pytest.mark.parametrize("year", [2018, 2999])
def test_a_year_outside_the_kader_is_404(tworld, as_user, year):
    assert as_user(tworld.policy_officer).get(scan_url(tworld, year)).status_code == 404


def test_history_compares_theme_averages_per_year_in_chart_data_and_table(tworld, as_user):
    statements = list(SelfScanStatement.objects.filter(theme__code="signalling"))
    actor, municipality = Actor.system(tworld.policy_officer), tworld.team.municipality
    this_year = timezone.localdate().year
    for year, scores in ((this_year - 1, (2, 2)), (this_year, (3, 4))):
        answers = {s.pk: services.selfscan.AnswerIn(score, evidence="Fictief", action="Actie", action_owner="Beleid",
                                                    action_due_on=timezone.localdate())
                   for s, score in zip(statements, scores)}
        services.self_scan_save(actor=actor, municipality=municipality, year=year, expected_version=1, answers=answers)
    body = text(as_user(tworld.policy_officer).get(reverse("teams:self_scan_history", args=[municipality.pk])))
    data = json.loads(re.search(r'<script id="selfscan-data" type="application/json">(.*?)</script>', body).group(1))
    signalling = next(t for t in data["themes"] if t["code"] == "signalling")
    assert data["years"] == [this_year - 1, this_year] and signalling["averages"] == [2.0, 3.5]
    assert "<td class=\"utrecht-table__cell\">3,5</td>" in body  # the same number in the accessible table
    assert "js/selfscan-chart" in body and "<script>" not in body  # no inline script (CSP)


@pytest.mark.parametrize("persona", ["coordinator", "admin", "worker"])
def test_only_the_policy_officer_fills_in_the_scan(tworld, as_user, persona):
    assert as_user(getattr(tworld, persona)).get(scan_url(tworld)).status_code == 403


def test_the_municipality_pages_use_a_bounded_number_of_queries(tworld, as_user, django_assert_max_num_queries):
    client = as_user(tworld.policy_officer)
    _agreement(tworld)
    with django_assert_max_num_queries(15):
        assert client.get(scan_url(tworld)).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("teams:self_scan_history", args=[tworld.team.municipality_id])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(vt_url(tworld)).status_code == 200
