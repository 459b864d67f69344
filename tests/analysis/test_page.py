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
