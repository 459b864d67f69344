"""Issue 9.5: "Doe de kindcheck" on the case page and the werkvoorraad, until a kindcheck is recorded; the kindcheck
page outside a route; bounded queries on the werkvoorraad."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.assessment.conftest import all_scores
from tests.assessment.test_api import api_client, post
from wijkveilig.assessment import selectors, services
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import Kindcheck

PROMPT = "Doe de kindcheck"


@pytest.fixture
def father(world, actor):
    return hh.person_add(actor=actor, access=world.access, first_name="Frank", last_name="Testerink",
                         roles=["other"], birth_date=date(1984, 4, 4))


@pytest.fixture
def girl(world, actor):
    today = timezone.localdate()
    return hh.person_add(actor=actor, access=world.access, first_name="Liv", last_name="Testerink",
                         roles=["child"], birth_date=date(today.year - 6, 2, 2))


def score_addiction(world, actor, person, score=1):
    services.zrm_assess(actor=actor, access=world.access, person_id=person.pk, information_on=timezone.localdate(),
                        scores=all_scores(4, substance_use=score))


def _page(client, name, world=None) -> str:
    path = reverse("cases:caseload") if name == "caseload" else reverse("cases:detail", args=[world.case.pk])
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_case_page_and_werkvoorraad_prompt_until_the_kindcheck_is_done(world, as_user, actor, father, girl):
    client = as_user(world.worker)
    assert PROMPT not in _page(client, "detail", world) and PROMPT not in _page(client, "caseload")
    score_addiction(world, actor, father)
    detail, caseload = _page(client, "detail", world), _page(client, "caseload")
    kindcheck_url = reverse("assessment:kindcheck", args=[world.case.pk])
    for page in (detail, caseload):
        assert PROMPT in page and "verslaving (drugs, alcohol) — ZRM: Middelengebruik" in page
        assert kindcheck_url in page
    assert world.case.reference in caseload
    response = client.post(kindcheck_url, {"risk_situations": ["addiction"], "minors": "yes",
                                           "where_children_stay": "Bij moeder, overdag op school (fictief)",
                                           "action_taken": "Met vader besproken wie voor Liv zorgt (fictief)."})
    assert response.status_code == 302
    assert PROMPT not in _page(client, "detail", world) and PROMPT not in _page(client, "caseload")
    kindcheck = Kindcheck.objects.get()
    assert (kindcheck.case_id, kindcheck.route_id, kindcheck.recorded_by) == (world.case.pk, None, world.worker)


def test_a_new_scoring_after_the_kindcheck_prompts_again(world, as_user, actor, father, girl):
    score_addiction(world, actor, father)
    ms.kindcheck_record(actor=actor, access=world.access, risk_situations=["addiction"], minors="yes",
                        action_taken="Fictief")
    assert not selectors.kindcheck_prompts([world.case.pk])
    score_addiction(world, actor, father, score=2)
    assert PROMPT in _page(as_user(world.worker), "detail", world)


def test_a_child_scored_low_does_not_prompt(world, as_user, actor, father, girl):
    score_addiction(world, actor, girl)
    assert not selectors.kindcheck_prompts([world.case.pk])


def test_the_coordinator_sees_the_team_cases_prompt_and_an_outsider_nothing(world, as_user, actor, father, girl):
    score_addiction(world, actor, father)
    assert PROMPT in _page(as_user(world.coordinator), "caseload")
    assert PROMPT not in _page(as_user(world.outsider), "caseload")
    assert PROMPT not in _page(as_user(world.colleague), "caseload")


def test_kindcheck_page_starts_with_the_triggers_ticked_and_keeps_input_on_error(world, as_user, actor, father, girl):
    score_addiction(world, actor, father)
    client = as_user(world.worker)
    url = reverse("assessment:kindcheck", args=[world.case.pk])
    page = client.get(url).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="risk_situations" value="(\w+)"[^>]* checked>', page)
    assert ticked == ["addiction"]
    response = client.post(url, {"minors": "not_applicable", "where_children_stay": "Getypte tekst (fictief)"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "waarom de kindcheck niet van toepassing" in body and "Getypte tekst (fictief)" in body
    assert not Kindcheck.objects.exists()


def test_a_consulted_specialist_reads_the_kindcheck_page_but_cannot_record(world, as_user, specialist_consulted):
    client = as_user(specialist_consulted)
    url = reverse("assessment:kindcheck", args=[world.case.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"minors": "yes", "action_taken": "Fictief"}).status_code == 403
    assert AccessLogEntry.objects.filter(case_id=world.case.pk, outcome="denied").exists()
    assert not Kindcheck.objects.exists()


def _prompting_case(world, actor, n: int) -> None:
    access = case_services.case_open(actor=actor, household_name=f"Huishouden Proef {n}", summary="Fictief",
                                     buurt=world.buurt)
    adult = hh.person_add(actor=actor, access=access, first_name="Proef", last_name=f"Ouder{n}", roles=["other"],
                          birth_date=date(1980, 1, 1))
    hh.person_add(actor=actor, access=access, first_name="Proef", last_name=f"Kind{n}", roles=["child"])
    services.zrm_assess(actor=actor, access=access, person_id=adult.pk, information_on=timezone.localdate(),
                        scores=all_scores(4, mental_health=1))
    services.balance_assess(actor=actor, access=access, factors={"r_micro_addiction": ""})
    case_services.violence_forms_set(actor=actor, access=access, forms={"partner_violence": ["physical"]})
    if n % 2:
        ms.kindcheck_record(actor=actor, access=CaseAccess(access.case, "assigned", True), risk_situations=[],
                            minors="yes", action_taken="Fictief")
        # a later scoring of the same adult asks again
        services.zrm_assess(actor=actor, access=access, person_id=adult.pk,
                            information_on=timezone.localdate() - timedelta(days=1), scores=all_scores(4, finances=1))


@pytest.mark.parametrize("n", [2, 12])
def test_werkvoorraad_prompts_use_a_bounded_number_of_queries(world, as_user, actor, n, django_assert_max_num_queries):
    for i in range(n):
        _prompting_case(world, actor, i)
    ids = list(world.case.__class__.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(7):  # one for the persons, six for the prompt's facts
        prompts = selectors.kindcheck_prompts(ids)
    assert len(prompts) == n


def test_the_api_shows_the_prompt_and_records_a_kindcheck_outside_a_route(world, actor, father, girl):
    client = api_client(world.worker)
    score_addiction(world, actor, father)
    path = f"/api/v1/cases/{world.case.pk}/assessments"
    assert client.get(path).json()["kindcheck_prompt"] == ["addiction"]
    refused = post(client, f"/cases/{world.case.pk}/kindcheck", {"minors": "no"})
    assert refused.status_code == 422 and "niet van toepassing" in refused.json()["detail"]
    done = post(client, f"/cases/{world.case.pk}/kindcheck", {
        "minors": "not_applicable", "risk_situations": ["addiction"],
        "not_applicable_reason": "Liv woont bij haar moeder, geen contact (fictief)."})
    assert done.status_code == 201 and done.json()["route_id"] is None
    assert client.get(path).json()["kindcheck_prompt"] == []
