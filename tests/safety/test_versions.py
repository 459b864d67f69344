"""Two people saving the safety plan's conditions or a safe place from the same version: the first one's text stays,
the second is told (409 with the version now saved, or the conflict form with both versions) and loses nothing."""

from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_client
from tests.safety.conftest import SAFE_PLACE
from tests.safety.test_api import api_client, send
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.safety import selectors
from wijkveilig.safety.models import SafePlace

CONFLICT = "Iemand anders heeft dit tegelijk gewijzigd"


def _plan_body(text: str, version: int) -> dict:
    return {"vt_conditions": text, "review_on": (timezone.localdate() + timezone.timedelta(days=14)).isoformat(),
            "version": version}


def test_api_second_plan_write_with_the_same_version_gets_409_and_the_first_stays(world):
    first, second = api_client(world.worker), api_client(world.coordinator)
    path = f"/cases/{world.case.pk}/safety-plan"
    version = send(first, "GET", path).json()["version"]
    saved = send(first, "PUT", path, _plan_body("Voorwaarden van de medewerker (fictief)", version))
    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    stale = send(second, "PUT", path, _plan_body("Voorwaarden van de coördinator (fictief)", version))
    assert stale.status_code == 409
    assert stale.json()["field"] == "version" and stale.json()["current_version"] == version + 1
    assert selectors.plan_of(world.case).vt_conditions == "Voorwaarden van de medewerker (fictief)"
    assert AccessLogEntry.objects.filter(event="safety.plan_updated").count() == 1
    again = send(second, "PUT", path, _plan_body("Voorwaarden van de coördinator (fictief)", version + 1))
    assert again.status_code == 200
    assert selectors.plan_of(world.case).vt_conditions == "Voorwaarden van de coördinator (fictief)"


def test_api_plan_write_without_a_version_is_refused_and_changes_nothing(world):
    client = api_client(world.worker)
    response = send(client, "PUT", f"/cases/{world.case.pk}/safety-plan", {"vt_conditions": "Zonder versie"})
    assert response.status_code == 422
    assert selectors.plan_of(world.case) is None


def test_api_two_first_safe_place_answers_the_second_gets_409(world, victim):
    first, second = api_client(world.worker), api_client(world.coordinator)
    path = f"/cases/{world.case.pk}/safety-plan/safe-places/{victim.pk}"
    assert send(first, "PUT", path, {"answer": SAFE_PLACE, "version": 0}).status_code == 200
    stale = send(second, "PUT", path, {"answer": "Bij de buren (fictief)", "version": 0})
    assert stale.status_code == 409 and stale.json()["current_version"] == 1
    listed = send(second, "GET", f"/cases/{world.case.pk}/safety-plan").json()["safe_places"]
    assert listed == [{"person_id": victim.pk, "answer": SAFE_PLACE, "version": 1}]
    assert send(second, "PUT", path, {"answer": "Bij de buren (fictief)", "version": 1}).status_code == 200
    stale_again = send(first, "PUT", path, {"answer": SAFE_PLACE, "version": 1})
    assert stale_again.status_code == 409 and stale_again.json()["current_version"] == 2
    assert SafePlace.objects.get(person=victim).answer == "Bij de buren (fictief)"


def test_page_stale_plan_save_shows_both_versions_and_keeps_the_input(world):
    first, second = login_client(world.worker), login_client(world.coordinator)
    path = reverse("safety:plan", args=[world.case.pk])
    assert 'name="version" value="1"' in second.get(path).content.decode()
    assert first.post(path, {"vt_conditions": "Opgeslagen door de medewerker", "version": 1}).status_code == 302
    response = second.post(path, {"vt_conditions": "Getypt door de coördinator", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT in page
    assert "Opgeslagen door de medewerker" in page and "Getypt door de coördinator" in page
    assert 'name="version" value="2"' in page  # a second save after looking is deliberate
    assert selectors.plan_of(world.case).vt_conditions == "Opgeslagen door de medewerker"
    assert second.post(path, {"vt_conditions": "Getypt door de coördinator", "version": 2}).status_code == 302
    assert selectors.plan_of(world.case).vt_conditions == "Getypt door de coördinator"


def test_page_stale_safe_place_save_shows_both_answers_and_keeps_the_input(world, victim):
    first, second = login_client(world.worker), login_client(world.coordinator)
    path = reverse("safety:safe_place", args=[world.case.pk, victim.pk])
    field = f"p{victim.pk}"
    plan_page = second.get(reverse("safety:plan", args=[world.case.pk])).content.decode()
    assert f'name="{field}-version" value="0"' in plan_page
    assert first.post(path, {f"{field}-answer": SAFE_PLACE, f"{field}-version": 0}).status_code == 302
    response = second.post(path, {f"{field}-answer": "Bij de buren (fictief)", f"{field}-version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT in page and SAFE_PLACE in page and "Bij de buren (fictief)" in page
    assert f'name="{field}-version" value="1"' in page
    assert SafePlace.objects.get(person=victim).answer == SAFE_PLACE
