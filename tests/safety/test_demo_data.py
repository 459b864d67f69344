"""The demo world holds one agreed safety plan with a safe place for every victim and child of its case, and a
protective agreement that is for the mother and the children, never for the suspected perpetrator."""

from django.core.management import call_command
from django.test import override_settings

from wijkveilig.safety import selectors
from wijkveilig.safety.models import PlanStatus, SafetyPlan


def test_demo_has_an_agreed_safety_plan(db):
    with override_settings(DEBUG=True):
        call_command("demo_seed")
        call_command("demo_seed")  # idempotent: a second run adds nothing
    plan = SafetyPlan.objects.get()
    assert plan.status == PlanStatus.AGREED
    agreements = selectors.agreements(plan)
    assert [a.kind for a in agreements] == ["immediate", "immediate", "lasting"]
    asked = selectors.safe_place_person_ids(plan.case)
    assert asked and sorted(plan.safe_places.values_list("person_id", flat=True)) == asked
    protective = next(a for a in agreements if a.is_protective)
    perpetrator = plan.case.participants.get(role="suspected_perpetrator").person
    assert sorted(p.pk for p in protective.audience.all()) == asked
    assert protective not in [row.agreement for row in selectors.plan_for_person(plan, perpetrator).agreements]
