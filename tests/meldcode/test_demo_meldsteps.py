"""The demo shows step 4's complexity with fictional specialist contacts, and a route closed with monitoring."""

import pytest
from django.test import override_settings

from tests.test_demo import seed
from wijkveilig.meldcode.models import MeldcodeRoute, MonitoringAgreement, RouteStatus, SpecialistContact


@pytest.mark.django_db
def test_demo_has_specialist_contacts_a_complex_weighing_and_monitoring():
    with override_settings(DEBUG=True):
        seed()
    contacts = SpecialistContact.objects.filter(municipality__code="GM9999")
    assert "Landelijk Knooppunt (fictief)" in {c.name for c in contacts}
    assert all(c.phone in ("", "000 000 0000") and c.email.endswith("@example.org") for c in contacts)
    assert MeldcodeRoute.objects.filter(weighings__is_complex=True).exists()
    agreement = MonitoringAgreement.objects.get()
    assert agreement.route.status == RouteStatus.CLOSED
    assert agreement.route.case.assignments.filter(user__username="medewerker").exists()
