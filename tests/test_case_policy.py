"""The access policy: one rule gives the lists and the pages, and refusals are logged where the rule lives."""

import pytest
from django.urls import reverse

from tests.authz_matrix import PERSONAS
from tests.conftest import login_client
from tests.test_authz_matrix import matrix_world  # noqa: F401 (fixture: every kind of grant on the world's cases)
from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.cases.models import Case
from wijkveilig.cases.policy import GRANTS, case_grant
from wijkveilig.intake.models import Concern
from wijkveilig.intake.policy import concern_grant

USERS = [persona for persona in PERSONAS if persona != "anonymous"]


def test_the_list_scope_and_the_page_grant_agree_for_every_persona_and_case(matrix_world):
    """A list can never show a case its page refuses, nor hide one its page opens (the same lookups, unioned)."""
    cases = list(Case.objects.all())
    seen_grants = set()
    for persona in USERS:
        user = getattr(matrix_world, persona)
        listed = set(Case.objects.visible_to(user).values_list("pk", flat=True))
        for case in cases:
            grant = case_grant(user, case)
            seen_grants.add(grant)
            assert (case.pk in listed) == (grant is not None), (persona, case.reference, grant)
    # the world holds every kind of grant, so the agreement above was checked for each of them
    assert {grant.name for grant in GRANTS} <= seen_grants


def test_the_concern_scope_and_the_concern_grant_agree(matrix_world):
    concerns = list(Concern.objects.all())
    for persona in USERS:
        user = getattr(matrix_world, persona)
        listed = set(Concern.objects.visible_to(user).values_list("pk", flat=True))
        for concern in concerns:
            grant = concern_grant(user, concern, status_only=True)
            assert (concern.pk in listed) == (grant is not None), (persona, concern.pk, grant)


def test_a_coordinator_of_another_team_and_an_outsider_see_none_of_the_case(matrix_world):
    for persona in ("outside_coordinator", "outsider", "policy_officer", "admin", "log_officer"):
        assert case_grant(getattr(matrix_world, persona), matrix_world.case) is None, persona


@pytest.mark.parametrize("via", ["page", "api"])
def test_an_ave_change_under_emergency_access_is_refused_by_the_service_and_logged(matrix_world, via):
    """The colleague opened the other team case with the noodknop: they may read and write it, but scaling the
    AVE phase is a case-direction decision. The service refuses, and the refusal is in the log."""
    w = matrix_world
    case = w.emergency.case
    client = login_client(w.colleague)
    fields = {"phase": 2, "reason": "Fictief", "case_direction": "x", "process_direction": "x",
              "operational_responsibility": "x", "administrative_responsibility": "x"}
    if via == "page":
        response = client.post(reverse("collaboration:ave", args=[case.pk]), fields)
    else:
        response = client.post(f"/api/v1/cases/{case.pk}/ave", fields, content_type="application/json")
    assert response.status_code == 403
    denied = AccessLogEntry.objects.filter(event="collaboration.ave_change_denied", outcome=Outcome.DENIED,
                                           user_id=w.colleague.pk, case_id=case.pk)
    assert denied.count() == 1
    assert denied.get().is_emergency and denied.get().auth_rule == "emergency"
    assert not case.ave_changes.exists()
