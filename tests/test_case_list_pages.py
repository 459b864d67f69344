"""Case lists in pages (issue 12): the werkvoorraad, the searchable case list and the API list show every case once,
newest first, page by page, with a query count that does not depend on how many cases there are."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.test_api import bearer, send
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import selectors, services
from wijkveilig.cases.models import Case

TOTAL = selectors.PAGE_SIZE + 12


@pytest.fixture
def many(world):
    """TOTAL cases assigned to the worker, opened at distinct times (some at the same second: the id decides)."""
    actor = Actor.system(world.worker)
    start = timezone.now() - timedelta(days=30)
    for i in range(TOTAL - 1):
        access = services.case_open(actor=actor, household_name=f"Huishouden Reeks {i:03d}", buurt=world.buurt)
        Case.objects.filter(pk=access.case.pk).update(opened_at=start + timedelta(hours=i // 2))
    return world


def _references(response) -> list[str]:
    return re.findall(r'href="/casussen/\d+/">(WV-[\d-]+)</a>', response.content.decode())


def _expected(user) -> list[str]:
    return list(Case.objects.visible_to(user).order_by("-opened_at", "-id").values_list("reference", flat=True))


def test_the_case_list_pages_keep_the_search(many, as_user):
    client = as_user(many.worker)
    first = client.post(reverse("cases:list"), {"q": "Reeks"})
    assert len(_references(first)) == selectors.PAGE_SIZE
    cursor = re.search(r'name="na" value="([^"]+)"', first.content.decode())[1]
    second = client.post(reverse("cases:list"), {"q": "Reeks", "na": cursor})
    assert second.status_code == 200
    assert len(_references(second)) == TOTAL - 1 - selectors.PAGE_SIZE  # the world's own case is no "Reeks"
    assert not set(_references(first)) & set(_references(second))
    assert 'value="Reeks"' in second.content.decode()  # the search box keeps its term


def test_the_api_list_pages_with_a_cursor_header(many):
    client = bearer(many.worker)
    seen, cursor = [], ""
    for _ in range(3):
        response = client.get("/api/v1/cases", {"na": cursor} if cursor else {})
        assert response.status_code == 200
        seen += [row["reference"] for row in response.json()]
        cursor = response.headers.get("X-Next-Cursor", "")
        if not cursor:
            break
    assert seen == _expected(many.worker)
    search = send(client, "post", "/cases/search", {"q": "Reeks 00"})
    assert [row["reference"] for row in search.json()] == [
        ref for ref in _expected(many.worker) if ref in set(Case.objects.filter(
            household__name__startswith="Huishouden Reeks 00").values_list("reference", flat=True))]


def test_a_garbage_cursor_shows_the_first_page(many, as_user):
    client = as_user(many.worker)
    first = _references(client.get(reverse("cases:caseload")))
    assert _references(client.get(reverse("cases:caseload"), {"na": "t1_t1"})) == first
    assert bearer(many.worker).get("/api/v1/cases", {"na": "<script>"}).status_code == 422


def test_search_finds_a_person_once_even_with_several_matching_persons(world, as_user):
    actor = Actor.system(world.worker)
    for first in ("Anna", "Bram", "Cas"):
        hh.person_add(actor=actor, access=world.access, first_name=first, last_name="Zoekvoorbeeld", roles=["child"])
    response = as_user(world.worker).post(reverse("cases:list"), {"q": "zoekvoorbeeld"})
    assert _references(response) == [world.case.reference]


def _noodknop_references(response) -> list[str]:
    return re.findall(r"Noodknop voor (WV-[\d-]+)<", response.content.decode())


def test_the_noodknop_list_shows_the_latest_team_cases_and_finds_any_other_by_kenmerk(many, as_user,
                                                                                     django_assert_max_num_queries):
    """A colleague sees the team's other cases for the noodknop: the 25 most recently opened, not the team's whole
    history, and any older one by its kenmerk, so that no case is out of reach in an emergency."""
    from wijkveilig.cases.views import OTHERS_SHOWN

    client = as_user(many.colleague)
    team_cases = list(Case.objects.filter(team=many.team).exclude(assignments__user=many.colleague)
                      .order_by("-opened_at", "-id").values_list("reference", flat=True))
    assert len(team_cases) > OTHERS_SHOWN
    with django_assert_max_num_queries(14):
        listed = client.get(reverse("cases:list"))
    assert _noodknop_references(listed) == team_cases[:OTHERS_SHOWN]
    assert 'name="noodkenmerk"' in listed.content.decode()
    oldest = team_cases[-1]
    found = client.get(reverse("cases:list"), {"noodkenmerk": oldest.lower()})
    assert _noodknop_references(found) == [oldest]


def test_a_kenmerk_of_another_team_finds_nothing_for_the_noodknop(many, as_user):
    elsewhere = services.case_open(actor=Actor.system(many.outsider), household_name="Huishouden Elders",
                                   buurt=many.buurt).case
    assert elsewhere.team_id == many.other_team.pk
    response = as_user(many.colleague).get(reverse("cases:list"), {"noodkenmerk": elsewhere.reference})
    assert _noodknop_references(response) == []
    assert "Geen andere casus van uw team met dit kenmerk." in response.content.decode()
