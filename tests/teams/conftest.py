import pytest
from django.utils import timezone

from tests.intake.conftest import iworld  # noqa: F401  (a fixture)
from wijkveilig.teams.models import TrainingRecord


def train(user, team, *, level="advanced", course="domestic_violence", valid_until=None, completed_on=None):
    """A finished training of a team member (valid for two years unless told otherwise)."""
    today = timezone.localdate()
    membership = user.memberships.get(team=team)
    return TrainingRecord.objects.create(membership=membership, course=course, level=level,
                                         completed_on=completed_on or today.replace(year=today.year - 1),
                                         valid_until=valid_until or today.replace(year=today.year + 1))


@pytest.fixture
def tworld(iworld):
    return iworld
