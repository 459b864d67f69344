"""The huiselijke kring includes friends: "(ex-)partners, ouders of verzorgers, vriend(in), gezins- en familieleden
en (huis)vrienden" (Movisie, Factor veiligheid). A friend relation is recorded and read like every other kind."""

import pytest
from django.urls import reverse

from tests.conftest import login_client
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.households.models import Relation, RelationKind


@pytest.fixture
def two_persons(world):
    actor = Actor.system(world.worker)
    world.anna = hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink",
                               roles=["victim"])
    world.kim = hh.person_add(actor=actor, access=world.access, first_name="Kim", last_name="Proef",
                              roles=["suspected_perpetrator"])
    return world


def test_friend_is_a_relation_of_the_domestic_circle(two_persons):
    assert RelationKind.FRIEND in RelationKind.values
    response = login_client(two_persons.worker).post(reverse("cases:relation_add", args=[two_persons.case.pk]), {
        "person": two_persons.kim.pk, "kind": "friend", "other": two_persons.anna.pk})
    assert response.status_code == 302
    assert Relation.objects.get().kind == RelationKind.FRIEND
    page = login_client(two_persons.worker).get(reverse("cases:detail", args=[two_persons.case.pk])).content.decode()
    assert "Kim Proef is vriend/vriendin van Anna Testerink" in page


def test_friend_through_the_api(two_persons):
    response = login_client(two_persons.worker).post(
        f"/api/v1/cases/{two_persons.case.pk}/relations",
        {"person_id": two_persons.kim.pk, "other_id": two_persons.anna.pk, "kind": "friend"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "friend"
