"""The demo world holds one case with a Balansmodel and two ZRM scorings, the first one on stale information."""

from django.core.management import call_command
from django.test import override_settings

from wijkveilig.assessment import selectors
from wijkveilig.assessment.models import ZrmAssessment


def test_demo_has_assessment_examples(db):
    with override_settings(DEBUG=True):
        call_command("demo_seed")
        call_command("demo_seed")  # idempotent: a second run adds nothing
    first, second = ZrmAssessment.objects.order_by("assessed_at")
    assert ZrmAssessment.objects.count() == 2 and first.person_id == second.person_id
    case = first.case
    assert [p.is_stale for p in selectors.zrm_trend(case, first.person_id)] == [True, False]
    assert case.balance_assessments.count() == 1
