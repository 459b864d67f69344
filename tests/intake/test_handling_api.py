"""The end of an oranje/rood concern over the API: the same services and refusals as the pages."""

from tests.intake.conftest import answers, register
from tests.meldcode.test_api import api_client, post
from wijkveilig.intake.models import ConcernHandling

REPORT = {"idempotency_key": "api-report-key-1", "observation": "Fictief: buren belden de politie.",
          "not_informed_reason": "Fictief: moeder zou in gevaar komen."}
KNOWN = {"idempotency_key": "api-known-key-1", "vt_reference": "VT-2024-0042", "vt_known_on": "2024-05-01"}


def test_report_over_the_api_is_idempotent_and_ends_the_concern(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers(a=True))
    coordinator = api_client(iworld.coordinator)
    listed = coordinator.get("/api/v1/intake/concerns").json()
    assert [(c["id"], c["handling"], c["is_open_for_handling"]) for c in listed] == [(concern.pk, "", True)]
    first = post(coordinator, f"/intake/concerns/{concern.pk}/vt-report", REPORT)
    again = post(coordinator, f"/intake/concerns/{concern.pk}/vt-report", REPORT)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and ConcernHandling.objects.count() == 1
    assert (first.json()["outcome"], first.json()["is_acute"]) == ("reported", True)
    assert first.json()["reported_to"] == iworld.vt_liaison.get_full_name()
    assert coordinator.get("/api/v1/intake/concerns").json() == []
    shown = coordinator.get(f"/api/v1/intake/concerns/{concern.pk}").json()
    assert (shown["handling"], shown["is_open_for_handling"]) == ("reported", False)


def test_confirmation_over_the_api_needs_the_reference(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers(b=True))
    coordinator = api_client(iworld.coordinator)
    missing = post(coordinator, f"/intake/concerns/{concern.pk}/vt-known", {**KNOWN, "vt_reference": " "})
    assert missing.status_code == 422 and not ConcernHandling.objects.exists()
    done = post(coordinator, f"/intake/concerns/{concern.pk}/vt-known", KNOWN)
    assert done.status_code == 201
    assert (done.json()["vt_reference"], done.json()["vt_known_on"]) == ("VT-2024-0042", "2024-05-01")


def test_green_concern_is_refused_with_a_dutch_message(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    response = post(api_client(iworld.coordinator), f"/intake/concerns/{concern.pk}/vt-report", REPORT)
    assert response.status_code == 422 and "oranje of rode zorg" in response.content.decode()


def test_vt_liaison_cannot_record_the_outcome_and_an_outsider_gets_404(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers(a=True))
    assert post(api_client(iworld.vt_liaison), f"/intake/concerns/{concern.pk}/vt-known", KNOWN).status_code == 403
    assert post(api_client(iworld.outsider), f"/intake/concerns/{concern.pk}/vt-report", REPORT).status_code == 404
    assert not ConcernHandling.objects.exists()
