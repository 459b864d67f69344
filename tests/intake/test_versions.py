"""Two people triaging or re-colouring the same concern from the same version: the first one's triage stays, the
second is told (409 with the version now saved, or the conflict form next to the saved triage) and loses nothing."""

from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.intake.conftest import answers, register
from tests.intake.test_api import TRIAGE
from tests.meldcode.test_api import api_client, post
from wijkveilig.intake.models import Concern

CONFLICT = "Iemand anders heeft dit tegelijk gewijzigd"


def _triage_form(reason: str, version: int) -> dict:
    return {"direct_danger": "no", "direct_danger_reason": reason, "structural_unsafety": "yes",
            "structural_unsafety_reason": reason, "multi_problem": "no", "multi_problem_reason": reason,
            "version": version}


def test_page_stale_triage_shows_the_saved_triage_and_keeps_the_input(iworld, as_user):
    concern = register(iworld.vt_liaison)
    colleague = UserFactory(username="t_coordinator2", role="coordinator")
    MembershipFactory(user=colleague, team=iworld.team)
    first, second = as_user(iworld.coordinator), as_user(colleague)
    path = reverse("intake:triage", args=[concern.pk])
    assert first.post(path, _triage_form("Fictief: triage van de coördinator", concern.version)).status_code == 302
    response = second.post(path, _triage_form("Fictief: triage van de medewerker", concern.version))
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT in page
    assert "Fictief: triage van de coördinator" in page and "Fictief: triage van de medewerker" in page
    assert f'name="version" value="{concern.version + 1}"' in page
    assert Concern.objects.get(pk=concern.pk).direct_danger_reason == "Fictief: triage van de coördinator"


def test_api_stale_overrule_gets_409_with_the_current_version(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    client = api_client(iworld.coordinator)
    base = f"/intake/concerns/{concern.pk}"
    assert post(client, f"{base}/overrule", {"colour": "oranje", "reason": "Fictief: eerst",
                                             "version": concern.version}).status_code == 200
    stale = post(client, f"{base}/triage", {**TRIAGE, "version": concern.version})
    assert stale.status_code == 409 and stale.json()["current_version"] == concern.version + 1
    stale = post(client, f"{base}/overrule", {"colour": "rood", "reason": "Fictief: later",
                                              "version": concern.version})
    assert stale.status_code == 409
    saved = Concern.objects.get(pk=concern.pk)
    assert (saved.final_colour, saved.overrule_reason) == ("oranje", "Fictief: eerst")
