"""Malformed requests change nothing (issue 10 item 5): a PUT names every field it replaces, a body that is not the
schema's object is refused, dates are dates (not numbers) and a due date cannot lie before the case existed."""

import json
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import rules
from wijkveilig.cases.models import Case
from wijkveilig.collaboration.models import CaseConference
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, StepEvent
from wijkveilig.safety import services as safety
from wijkveilig.safety.models import Agreement, SafePlace, SafetyPlan

API = "/api/v1"
NOT_OBJECTS = ["{}", "[]", "5", '"x"', "null", "true"]


def bearer(user) -> Client:
    _, key = api_token_create(user=user, name="Test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def send(client, method: str, path: str, raw: str):
    return client.generic(method, API + path, data=raw, content_type="application/json")


@pytest.fixture
def plan(world):
    """A safety plan with VT conditions, a review date, one agreement and a victim's safe place."""
    actor = Actor.system(world.worker)
    world.victim = hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink",
                                 roles=["victim"])
    safety.plan_update(actor=actor, access=world.access, expected_version=1, vt_conditions="Geen contact (fictief)",
                       review_on=timezone.localdate() + timedelta(days=30))
    world.agreement = safety.safety_agreement_add(actor=actor, access=world.access, entry=safety.AgreementEntry(
        kind="immediate", who="Moeder (fictief)", what="Belt 112 bij dreiging",
        due_on=timezone.localdate() + timedelta(days=7), where="Thuis", network="Buurvrouw (fictief)"))
    safety.safe_place_set(actor=actor, access=world.access, person_id=world.victim.pk, expected_version=0,
                          answer="Bij zus (fictief)")
    return world


def safety_state() -> tuple:
    plans = tuple(SafetyPlan.objects.values_list("vt_conditions", "review_on", "status"))
    agreements = tuple(Agreement.objects.values_list("who", "what", "due_on", "where", "network", "version"))
    return plans, agreements, tuple(SafePlace.objects.values_list("person_id", "answer"))


@pytest.mark.parametrize("raw", NOT_OBJECTS)
@pytest.mark.parametrize("path", ["/cases/{case}/safety-plan", "/cases/{case}/safety-plan/safe-places/{victim}",
                                  "/cases/{case}/safety-plan/agreements/{agreement}"])
def test_a_put_without_its_fields_is_422_and_empties_nothing(plan, path, raw):
    before = safety_state()
    response = send(bearer(plan.worker), "PUT", path.format(case=plan.case.pk, victim=plan.victim.pk,
                                                            agreement=plan.agreement.pk), raw)
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(("Ongeldige invoer", "De inhoud van het verzoek"))
    assert safety_state() == before


def test_every_put_in_the_spec_requires_every_field(world):
    """A PUT replaces the whole object: a field it may leave out would silently be emptied."""
    client = Client()
    client.force_login(world.worker)
    spec = bearer(world.worker).get(f"{API}/openapi.json").json()
    puts = [(path, ops["put"]) for path, ops in spec["paths"].items() if "put" in ops]
    assert len(puts) >= 6
    for path, operation in puts:
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert operation["requestBody"].get("required") is True, path
        assert set(schema.get("required", [])) == set(schema["properties"]), path


@pytest.mark.parametrize("raw", ["5", "[]", '"Testerink"', "null", "true", "[{}]"])
def test_a_search_body_that_is_not_an_object_is_refused_not_the_full_list(world, raw):
    response = send(bearer(world.worker), "POST", "/cases/search", raw)
    assert response.status_code == 422
    assert "reference" not in response.content.decode()


def test_the_search_with_an_object_still_lists(world):
    response = send(bearer(world.worker), "POST", "/cases/search", "{}")
    assert response.status_code == 200 and [c["id"] for c in response.json()] == [world.case.pk]


NOT_DATES = [0, 1_700_000_000, 1.5, "1700000000", "0", True, "2024-02-30", "01-05-2030", "morgen", [], {}]


@pytest.mark.parametrize("value", NOT_DATES)
def test_a_due_date_that_is_not_a_date_is_refused(plan, value):
    before = safety_state()
    body = {"kind": "lasting", "who": "Moeder (fictief)", "what": "Fictief", "due_on": value}
    response = send(bearer(plan.worker), "POST", f"/cases/{plan.case.pk}/safety-plan/agreements", json.dumps(body))
    assert response.status_code == 422 and response.json()["field"] == "due_on", response.content
    assert safety_state() == before


@pytest.mark.parametrize("value", [0, "1700000000", 1_700_000_000.0, "gisteren"])
def test_a_time_that_is_not_a_time_is_refused(world, value):
    body = {"statement_kind": "observation", "occurred_at": value, "body": "Fictief"}
    response = send(bearer(world.worker), "POST", f"/cases/{world.case.pk}/notes", json.dumps(body))
    assert response.status_code == 422 and response.json()["field"] == "occurred_at", response.content


def _opened_days_ago(world, days: int) -> None:
    Case.objects.filter(pk=world.case.pk).update(opened_at=timezone.now() - timedelta(days=days))
    world.access.case.refresh_from_db()


def test_an_agreement_due_before_the_case_existed_is_refused(plan):
    _opened_days_ago(plan, 10)
    before = safety_state()
    body = {"kind": "lasting", "who": "Moeder (fictief)", "what": "Fictief", "where": "", "network": "",
            "is_protective": None, "audience_ids": [], "version": plan.agreement.version,
            "due_on": (timezone.localdate() - timedelta(days=11)).isoformat()}
    client = bearer(plan.worker)
    added = send(client, "POST", f"/cases/{plan.case.pk}/safety-plan/agreements", json.dumps(body))
    assert added.status_code == 422 and added.json()["field"] == "due_on", added.content
    changed = send(client, "PUT", f"/cases/{plan.case.pk}/safety-plan/agreements/{plan.agreement.pk}",
                   json.dumps(body))
    assert changed.status_code == 422 and changed.json()["field"] == "due_on", changed.content
    assert safety_state() == before
    body["due_on"] = (timezone.localdate() - timedelta(days=10)).isoformat()  # the day the case was opened
    assert send(client, "POST", f"/cases/{plan.case.pk}/safety-plan/agreements", json.dumps(body)).status_code == 201


@pytest.mark.parametrize("due_on", [0, "1970-01-01", "2000-01-01"])
def test_a_conference_decision_due_before_the_case_existed_is_refused(world, due_on):
    _opened_days_ago(world, 3)
    body = {"scheduled_at": timezone.now().isoformat(), "participant_ids": [world.worker.pk],
            "question": "Fictieve vraag", "risk_estimate": "high",
            "decisions": [{"description": "Fictief besluit", "owner_id": world.worker.pk, "due_on": due_on}]}
    response = send(bearer(world.worker), "POST", f"/cases/{world.case.pk}/conferences", json.dumps(body))
    assert response.status_code == 422 and response.json()["field"].startswith("decisions"), response.content
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize("step", [0, 6, 7, 99, 2**31, 10**20])
@pytest.mark.parametrize("action", ["step_complete", "step_reopen"])
def test_a_meldcode_step_outside_one_to_five_is_not_found(world, as_user, step, action):
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    before = StepEvent.objects.count(), MeldcodeRoute.objects.values_list("status").get()
    response = as_user(world.worker).post(reverse(f"meldcode:{action}", args=[world.case.pk, route.pk, step]),
                                          {"reason": "Fictief"})
    assert response.status_code == 404
    assert (StepEvent.objects.count(), MeldcodeRoute.objects.values_list("status").get()) == before


@pytest.mark.parametrize("step", [0, 6, 2**31])
@pytest.mark.parametrize("action", ["complete", "reopen"])
def test_a_meldcode_step_outside_one_to_five_is_refused_over_the_api(world, step, action):
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    response = send(bearer(world.worker), "POST", f"/cases/{world.case.pk}/meldcode/{route.pk}/steps/{step}/{action}",
                    json.dumps({"reason": "Fictief"}))
    assert response.status_code in {404, 422}, response.content


OPENED_AT = timezone.make_aware(datetime(2025, 3, 10, 0, 30))  # 10 March, just after midnight Dutch time


@pytest.mark.parametrize("due_on, refused", [
    (date(2025, 3, 9), True), (date(1970, 1, 1), True), (date(2025, 3, 10), False), (date(2025, 3, 11), False),
])
def test_due_before_case_existed_rule(due_on, refused):
    assert rules.due_before_case_existed(due_on=due_on, opened_at=OPENED_AT) is refused
