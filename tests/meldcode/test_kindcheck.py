"""Issue 9.5: the kindcheck cannot be skipped. Step 1 needs it when minors are registered; outside a route it is
the same service, on the case."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.meldcode.conftest import walk_to_decision
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import TimelineEvent
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import Kindcheck, StepEvent
from wijkveilig.meldcode.report import report_content
from wijkveilig.meldcode.steps import Step


@pytest.fixture
def actor(world):
    return Actor.system(world.worker)


def add_signal(world, actor, route):
    ms.signal_add(actor=actor, access=world.access, route_id=route.pk, supports_suspicion=True,
                  statement_kind="observation", occurred_at=timezone.now() - timedelta(hours=1),
                  body="Kind kwam zonder jas naar school (fictief).")


def add_minor(world, actor, **kwargs):
    today = timezone.localdate()
    fields = {"first_name": "Liv", "last_name": "Testerink", "roles": ["witness"],
              "birth_date": date(today.year - 7, 1, 1)} | kwargs
    return hh.person_add(actor=actor, access=world.access, **fields)


def complete_step_one(world, actor, route):
    return ms.step_complete(actor=actor, access=world.access, route_id=route.pk, step=1)


def test_step_one_is_refused_with_a_registered_minor_and_no_kindcheck(world, actor, route):
    add_minor(world, actor)  # a witness aged 7: a minor by birth date, without the role child
    add_signal(world, actor, route)
    with pytest.raises(DomainError, match="in dit huishouden staan minderjarigen"):
        complete_step_one(world, actor, route)
    assert not StepEvent.objects.filter(route=route).exists()
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[], minors="yes",
                        where_children_stay="Bij moeder, overdag op school (fictief)",
                        action_taken="Met moeder besproken wie voor Liv zorgt (fictief).")
    assert complete_step_one(world, actor, route).current_step == Step.CONSULTATION


def test_the_role_child_counts_without_a_birth_date(world, actor, route):
    hh.person_add(actor=actor, access=world.access, first_name="Bo", last_name="Testerink", roles=["child"])
    add_signal(world, actor, route)
    with pytest.raises(DomainError, match="Kindcheck"):
        complete_step_one(world, actor, route)


def test_an_adult_household_needs_no_kindcheck(world, actor, route):
    hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink", roles=["victim"],
                  birth_date=date(1985, 3, 1))
    add_signal(world, actor, route)
    assert complete_step_one(world, actor, route).current_step == Step.CONSULTATION


def test_no_minors_cannot_be_answered_while_minors_are_registered(world, actor, route):
    add_minor(world, actor)
    with pytest.raises(DomainError, match="niet van toepassing") as refused:
        ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[], minors="no")
    assert refused.value.field == "minors"
    assert not Kindcheck.objects.exists()


def test_not_applicable_needs_a_reason_which_is_stored_encrypted(world, actor, route):
    add_minor(world, actor)
    add_signal(world, actor, route)
    with pytest.raises(DomainError, match="waarom de kindcheck niet van toepassing") as refused:
        ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[],
                            minors="not_applicable", not_applicable_reason="  ")
    assert refused.value.field == "not_applicable_reason"
    kindcheck = ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[],
                                    minors="not_applicable",
                                    not_applicable_reason="GEHEIM: Liv woont bij haar vader, geen contact (fictief).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT not_applicable_reason FROM meldcode_kindcheck WHERE id = %s", [kindcheck.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("gAAAA") and "GEHEIM" not in stored
    assert Kindcheck.objects.get(pk=kindcheck.pk).not_applicable_reason.startswith("GEHEIM")
    assert complete_step_one(world, actor, route).current_step == Step.CONSULTATION


def test_a_minor_added_after_a_no_minors_kindcheck_blocks_step_one_again(world, actor, route):
    add_signal(world, actor, route)
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=["addiction"],
                        minors="no")
    add_minor(world, actor)
    with pytest.raises(DomainError, match="in dit huishouden staan minderjarigen"):
        complete_step_one(world, actor, route)


def test_the_walk_to_step_five_still_works_for_a_household_with_a_child_and_a_kindcheck(world, actor, route):
    add_minor(world, actor, roles=["child"])
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[], minors="yes",
                        action_taken="Kind gezien (fictief).")
    walk_to_decision(world, route)
    assert StepEvent.objects.filter(route=route, step=4).exists()


def test_a_kindcheck_outside_a_route_is_recorded_on_the_case_with_timeline_and_log(world, actor):
    add_minor(world, actor)
    kindcheck = ms.kindcheck_record(actor=actor, access=world.access, risk_situations=["addiction"], minors="yes",
                                    action_taken="Met vader besproken wie voor Liv zorgt (fictief).")
    assert (kindcheck.case_id, kindcheck.route_id) == (world.case.pk, None)
    assert TimelineEvent.objects.filter(case=world.case, event="meldcode.kindcheck").exists()
    assert AccessLogEntry.objects.filter(case_id=world.case.pk, event="meldcode.kindcheck_recorded",
                                         outcome="success").exists()


def test_outside_a_route_the_minors_question_must_be_answered(world, actor):
    with pytest.raises(DomainError, match="Beantwoord of er minderjarigen") as refused:
        ms.kindcheck_record(actor=actor, access=world.access, risk_situations=["addiction"], minors="")
    assert refused.value.field == "minors"


def test_no_kindcheck_on_a_closed_case(world, actor):
    case_services.case_close(actor=actor, access=world.access, expected_version=world.case.version,
                             reason="no_suspicion")
    with pytest.raises(DomainError, match="gesloten"):
        ms.kindcheck_record(actor=actor, access=world.access, risk_situations=[], minors="yes",
                            action_taken="Fictief")


def test_a_kindcheck_outside_the_route_does_not_complete_step_one_for_it(world, actor, route):
    """Step 1 documents the route's own kindcheck (it goes into the report to Veilig Thuis); the form starts from
    the case's last one, so repeating it is one click."""
    add_minor(world, actor)
    add_signal(world, actor, route)
    ms.kindcheck_record(actor=actor, access=world.access, risk_situations=[], minors="yes", action_taken="Fictief")
    with pytest.raises(DomainError, match="Kindcheck"):
        complete_step_one(world, actor, route)


def test_the_report_to_veilig_thuis_carries_why_the_kindcheck_did_not_apply(world, actor, route):
    add_minor(world, actor)
    ms.kindcheck_record(actor=actor, access=world.access, route_id=route.pk, risk_situations=[],
                        minors="not_applicable", not_applicable_reason="Liv woont bij haar vader (fictief).")
    content = report_content(route, informed_whom="", informed_reaction="", not_informed_reason="Fictief",
                             reporter=world.worker)
    assert content["kindcheck"]["not_applicable_reason"] == "Liv woont bij haar vader (fictief)."


def test_the_route_page_says_what_step_one_still_needs_and_opens_the_kindcheck(world, actor, route, as_user):
    add_minor(world, actor)
    page = as_user(world.worker).get(reverse("meldcode:route", args=[world.case.pk, route.pk])).content.decode()
    assert ("in dit huishouden staan minderjarigen; doe de kindcheck of leg vast waarom die niet van toepassing is"
            in page)
    assert "<details open><summary>Kindcheck</summary>" in page
    assert 'value="not_applicable"' in page and "Waarom is de kindcheck niet van toepassing?" in page


def test_the_kindcheck_page_outside_the_route_points_to_step_one_of_a_running_route(world, actor, route, as_user):
    page = as_user(world.worker).get(reverse("assessment:kindcheck", args=[world.case.pk])).content.decode()
    assert reverse("meldcode:route", args=[world.case.pk, route.pk]) + "#stap-1" in page
