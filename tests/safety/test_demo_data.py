"""The demo world holds one agreed safety plan with a safe place for every victim of its case."""

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
    assert [a.kind for a in selectors.agreements(plan)] == ["immediate", "lasting"]
    victims = selectors.victim_ids(plan.case)
    assert victims and sorted(plan.safe_places.values_list("person_id", flat=True)) == victims
