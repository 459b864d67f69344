"""The demo world holds one case conference with an open decision and one case scaled up to AVE 2."""

from django.core.management import call_command
from django.test import override_settings

from wijkveilig.collaboration.models import AvePhaseChange, CaseConference


def test_demo_has_collaboration_examples(db):
    with override_settings(DEBUG=True):
        call_command("demo_seed")
        call_command("demo_seed")  # idempotent: a second run adds nothing
    conference = CaseConference.objects.get()
    assert conference.decisions.get().owner.username == "medewerker"
    change = AvePhaseChange.objects.get()
    assert (change.case_id, change.phase, change.changed_by.username) == (conference.case_id, 2, "coordinator")
