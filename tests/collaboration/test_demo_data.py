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


def test_demo_police_account_sees_only_the_shared_plan_of_its_mda_case(db):
    from django.urls import reverse

    from tests.conftest import login_client
    from wijkveilig.accounts.models import User
    from wijkveilig.collaboration.models import MdaPartner

    with override_settings(DEBUG=True):
        call_command("demo_seed")
    partnership = MdaPartner.objects.select_related("enrolment", "user").get()
    police = partnership.user
    assert (police.username, partnership.enrolment.case_director.username) == ("politie", "medewerker")
    assert partnership.enrolment.contact_person.username == "duopartner"
    assert police.organisation.endswith("(fictief)")
    client = login_client(police)
    case = partnership.enrolment.cases.get()
    assert client.get(reverse("collaboration:shared", args=[case.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert User.objects.get(username="partner").mda_partnerships.count() == 0
