import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import VtReport


@pytest.fixture
def police(db):
    """An external partner account of the police (an MDA++ ketenpartner)."""
    return UserFactory(username="t_politie", role=Role.PARTNER, first_name="Petra", last_name="Proef",
                       organisation="Politie Eenheid Proefland")


def overdue_vt_report(world, *, days_ago: int = 3) -> VtReport:
    """A report to Veilig Thuis whose safety assessment was due `days_ago` days ago, without feedback."""
    route = meldcode_services.route_start(actor=Actor.system(world.worker), access=world.access)
    return VtReport.objects.create(case=world.case, route=route, idempotency_key=f"collab-{world.case.pk}",
                                   sent_by=world.worker, content=json.dumps({"fictief": True}),
                                   assessment_due_on=timezone.localdate() - timedelta(days=days_ago))
