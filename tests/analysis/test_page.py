"""The wijkanalyse page: who may open it, what it shows, and that it reads a bounded number of queries."""

import pytest
from django.urls import reverse

from wijkveilig.audit.models import AccessLogEntry

URL = reverse("analysis:page")


def test_policy_officer_sees_cbs_figures_beside_municipality_and_country(aworld, as_user):
    response = as_user(aworld.policy_officer).get(URL, {"gebied": "BU99990303", "indicator": "low_income_pct"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kerncijfers Zandkamp-Voorbeeld" in body
    assert "Gemeente Voorbeeld" in body and "Nederland" in body
    assert AccessLogEntry.objects.filter(event="analysis.viewed", user_id=aworld.policy_officer.pk).count() == 1


@pytest.mark.parametrize("persona", ["worker", "specialist", "vt_liaison", "admin", "log_officer", "partner"])
def test_other_roles_are_refused(aworld, as_user, persona):
    assert as_user(getattr(aworld, persona)).get(URL).status_code == 403


def _volume(aworld):
    """Three years of synthetic figures in the world's team buurt (the volume demo, in bulk)."""
    from wijkveilig.demo.volume import volume_seed

    return volume_seed(municipality="GM9999", seed=3)


# The first request of a quarter publishes its three tables (8 quarters × 3 tables, each a few grouped counts and
# one insert); later requests read them stored. Neither depends on the number of buurten, cases or concerns.
PUBLISHING, READING = 200, 25


def test_the_page_reads_a_bounded_number_of_queries_whatever_the_volume(aworld, as_user,
                                                                        django_assert_max_num_queries):
    from wijkveilig.insight.models import PublishedTable

    client = as_user(aworld.policy_officer)
    with django_assert_max_num_queries(PUBLISHING):
        client.get(URL)
    PublishedTable.objects.all().delete()
    assert _volume(aworld)["cases"] > 50
    with django_assert_max_num_queries(PUBLISHING):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(READING):
        assert client.get(URL, {"gebied": "WK999901"}).status_code == 200
    with django_assert_max_num_queries(READING):
        assert client.get(URL, {"gebied": "BU99990101", "kwartaal": "1999-K1"}).status_code == 200


@pytest.mark.parametrize("query", [
    {"gemeente": "GM0000", "kwartaal": "2026-K9", "indicator": "<script>", "gebied": "BU00000000"},
    {"kwartaal": "", "indicator": "", "gebied": ""},
    {"gebied": "WK999902", "indicator": "urbanisation", "kwartaal": "2025-K1"},
    {"kwartaal": "x" * 500},
])
def test_any_choice_in_the_query_string_falls_back_to_a_default(aworld, as_user, query):
    response = as_user(aworld.coordinator).get(URL, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</h1>", 1)[1].split('<script id="map-data"')[0]


def test_without_buurten_the_page_says_so(db, as_user):
    from tests.factories import UserFactory
    from wijkveilig.accounts.models import Role

    officer = UserFactory(username="t_policy_only", role=Role.POLICY_OFFICER)
    response = as_user(officer).get(URL)
    assert response.status_code == 200 and "nog geen buurten vastgelegd" in response.content.decode()
    assert as_user(officer).get(reverse("analysis:export_csv")).status_code == 404


def test_the_map_table_and_the_map_carry_the_same_numbers(aworld, as_user):
    response = as_user(aworld.policy_officer).get(URL, {"indicator": "low_income_pct"})
    features = response.context["map"]["geojson"]["features"]
    rows = {row["code"]: row for row in response.context["map"]["rows"]}
    assert len(features) == 8
    for feature in features:
        assert feature["properties"]["value"] == rows[feature["properties"]["code"]]["value"]
    assert rows["BU99990303"]["value"] == "onbekend" and rows["BU99990303"]["swatch"] == "unknown"
    assert rows["BU99990103"]["value"] == "16,5" and rows["BU99990103"]["class"] == "5"  # the highest share
