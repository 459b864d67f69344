"""The demo world shows every team feature: profiles with a gap and an expiring training, the agreements with
Veilig Thuis, two years of self-scan and two closed reflection rounds; a second run adds nothing."""

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.conftest import login_client
from wijkveilig.accounts.models import User
from wijkveilig.teams.models import (
    MemberProfile,
    ReflectionParticipation,
    ReflectionRound,
    SelfScan,
    TrainingRecord,
    VtAgreement,
)


def _counts():
    return (MemberProfile.objects.count(), TrainingRecord.objects.count(), VtAgreement.objects.count(),
            SelfScan.objects.count(), ReflectionRound.objects.count())


def test_demo_has_team_examples_once(db):
    with override_settings(DEBUG=True):
        call_command("demo_seed")
        first = _counts()
        call_command("demo_seed")
    assert _counts() == first == (5, 6, 1, 2, 4)
    assert not ReflectionParticipation.objects.exists()  # synthetic rounds: nobody really answered
    body = login_client(User.objects.get(username="coordinator")).get(reverse("teams:team")).content.decode()
    assert "Daan Demo-Duopartner: Meldcode huiselijk geweld en kindermishandeling is verlopen op" in body
    assert "Mila Demo-Medewerker: Meldcode huiselijk geweld en kindermishandeling verloopt op" in body
    assert "Veilig Thuis gebiedsgericht" in body and "Herkend bij zichzelf (%)" in body
