"""The intake part of the demo: a partner account like the others, the postcode table, concerns of each colour."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import Role, User
from wijkveilig.demo.seed import DEMO_PASSWORD
from wijkveilig.households.models import Household
from wijkveilig.intake.models import Concern
from wijkveilig.intake.services import address_route


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("demo_seed", stdout=None)


def test_partner_demo_account(demo):
    partner = User.objects.get(username="partner")
    assert partner.role == Role.PARTNER and partner.check_password(DEMO_PASSWORD)
    assert TOTPDevice.objects.filter(user=partner, confirmed=True).exists()
    assert not partner.memberships.exists()


def test_demo_concerns_of_each_colour_and_the_municipal_queue(demo):
    colours = set(Concern.objects.values_list("final_colour", flat=True))
    assert colours == {"rood", "oranje", "geel", "groen", ""}
    assert Concern.objects.filter(team__isnull=True).count() == 1
    assert Concern.objects.filter(submitted_by__username="partner", final_colour="").count() == 1


def test_postcode_table_matches_every_demo_household(demo):
    households = Household.objects.filter(buurt__isnull=False, name__contains="(")
    assert households.count() == 40
    for household in households:
        buurt, team = address_route(postcode=household.postcode, house_number=household.house_number)
        assert buurt == household.buurt, household.name
        assert team in household.buurt.teams.all()


def test_second_run_adds_no_concerns(demo):
    before = Concern.objects.count()
    with override_settings(DEBUG=True):
        call_command("demo_seed", stdout=None)
    assert Concern.objects.count() == before


def test_demo_has_a_red_concern_not_yet_handled(demo):
    """A coordinator opening the demo sees a rood concern in the queue that still needs an outcome (decision 0014)."""
    from wijkveilig.intake import selectors

    coordinator = User.objects.filter(role=Role.COORDINATOR, memberships__team__concerns__final_colour="rood").first()
    open_red = [c for c in selectors.team_queue(coordinator) if c.final_colour == "rood"]
    assert open_red and not any(hasattr(c, "handling") for c in open_red)
