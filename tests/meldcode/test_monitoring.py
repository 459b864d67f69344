"""Closing with monitoring: question 5 = yes keeps the route open until a monitoring agreement is recorded; dates
on the werkvoorraad; checks (safe / concerns); a missed date is stagnation. Services, pages and API."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.meldcode.conftest import walk_to_decision
from tests.meldcode.test_api import api_client, post
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases.models import TimelineEvent
from wijkveilig.collaboration.selectors import proposal_for
from wijkveilig.collaboration.stagnation import Reason
from wijkveilig.core.errors import ConflictError, DomainError
from wijkveilig.meldcode import monitoring_services as mons
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.afwegingskader import Outcome
from wijkveilig.meldcode.models import MeldcodeRoute, MonitoringAgreement, RouteStatus
from wijkveilig.meldcode.monitoring_selectors import missed_monitoring


def _answer(world, route, question, value, **extra):
    return ms.answer_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                            question=question, answer=value, justification="Onderbouwing (fictief)", **extra)


def at_question_five(world, route, *, result_achieved: bool | None = True):
    """Steps 1-5 with help given; the evaluation date reached; question 5 answered as asked."""
    walk_to_decision(world, route)
    for question in ("suspicion", "unsafety", "can_help", "help_accepted"):
        _answer(world, route, question, question != "unsafety",
                evaluation_on=timezone.localdate() + timedelta(days=42))
    ms.step_complete(actor=Actor.system(world.worker), access=world.access, route_id=route.pk, step=5)
    MeldcodeRoute.objects.filter(pk=route.pk).update(evaluation_on=timezone.localdate())
    if result_achieved is not None:
        _answer(world, route, "result_achieved", result_achieved)
    route.refresh_from_db()
    return route


def agree(world, route, *, days=30, **extra):
    fields = {"what": "Of de afspraken uit het veiligheidsplan werken (fictief)", "checker_text": "Huisarts (fictief)"}
    return mons.monitoring_agreement_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                                            due_on=timezone.localdate() + timedelta(days=days), **(fields | extra))


def check(world, agreement, outcome="safe", **extra):
    return mons.monitoring_check_record(actor=Actor.system(world.worker), access=world.access,
                                        route_id=agreement.route_id, agreement_id=agreement.pk,
                                        expected_version=agreement.version, checked_on=timezone.localdate(),
                                        outcome=outcome, **extra)


# ---- closing needs a monitoring agreement -------------------------------------------------------------------

def test_the_case_does_not_close_before_the_monitoring_agreement(world, route):
    """Result achieved (question 5) means closing with monitoring: closing the whole case first would drop it."""
    from wijkveilig.cases import services as case_services

    at_question_five(world, route)
    with pytest.raises(DomainError, match="monitoringsafspraak"):
        case_services.case_close(actor=Actor.system(world.worker), access=world.access,
                                 expected_version=world.case.version, reason="safety_reached")
    world.case.refresh_from_db()
    assert world.case.status == "open"
    agree(world, route)
    world.case.refresh_from_db()
    case_services.case_close(actor=Actor.system(world.worker), access=world.access,
                             expected_version=world.case.version, reason="safety_reached")
    world.case.refresh_from_db()
    assert world.case.status == "closed"


def test_question_five_yes_keeps_the_route_open_until_an_agreement_closes_it(world, route):
    at_question_five(world, route)
    assert route.status == RouteStatus.ACTIVE
    agreement = agree(world, route, checker_id=world.duo_partner.pk, checker_text="")
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED and route.closed_at is not None
    assert agreement.checker == world.duo_partner
    events = list(TimelineEvent.objects.filter(case=world.case).order_by("id").values_list("event", flat=True))
    assert events[-2:] == ["meldcode.monitoring_agreed", "meldcode.closed_with_monitoring"]
    logged = set(AccessLogEntry.objects.filter(case_id=world.case.pk).values_list("event", flat=True))
    assert {"meldcode.monitoring_agreed", "meldcode.route_closed"} <= logged


def test_more_agreements_can_follow_after_closing(world, route):
    at_question_five(world, route)
    agree(world, route)
    agree(world, route, days=90, what="Of de kinderen naar school gaan (fictief)")
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED
    assert route.monitoring_agreements.count() == 2
    assert TimelineEvent.objects.filter(case=world.case, event="meldcode.closed_with_monitoring").count() == 1


@pytest.mark.parametrize("result_achieved", [None, False])
def test_no_monitoring_agreement_without_question_five_yes(world, route, result_achieved):
    at_question_five(world, route, result_achieved=result_achieved)
    with pytest.raises(DomainError, match="vraag 5 = ja"):
        agree(world, route)
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE
    assert not MonitoringAgreement.objects.exists()


def test_no_monitoring_agreement_on_a_reported_route(world, route):
    walk_to_decision(world, route)
    _answer(world, route, "suspicion", True)
    _answer(world, route, "unsafety", True)
    assert ms.route_state(route).decision.outcome == Outcome.REPORT
    with pytest.raises(DomainError):
        agree(world, route)


@pytest.mark.parametrize(("fields", "field"), [
    ({"what": "  "}, "what"),
    ({"checker_text": ""}, "checker_text"),
    ({"days": 0}, "due_on"),
    ({"days": -3}, "due_on"),
])
def test_agreement_needs_what_who_and_a_future_date(world, route, fields, field):
    at_question_five(world, route)
    with pytest.raises(DomainError) as refused:
        agree(world, route, **fields)
    assert refused.value.field == field
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE


def test_checker_must_be_a_member_of_the_case_team(world, route):
    at_question_five(world, route)
    with pytest.raises(DomainError) as refused:
        agree(world, route, checker_id=world.outsider.pk)
    assert refused.value.field == "checker"


# ---- checks -------------------------------------------------------------------------------------------------

def test_a_check_is_recorded_once(world, route):
    at_question_five(world, route)
    agreement = check(world, agree(world, route))
    assert (agreement.outcome, agreement.checked_by) == ("safe", world.worker)
    with pytest.raises(DomainError, match="al vastgelegd"):
        check(world, agreement)
    assert TimelineEvent.objects.filter(case=world.case, event="meldcode.monitoring_checked").count() == 1


def test_concerns_need_a_description(world, route):
    at_question_five(world, route)
    agreement = agree(world, route)
    with pytest.raises(DomainError) as refused:
        check(world, agreement, "concerns")
    assert refused.value.field == "check_note"
    assert check(world, agreement, "concerns", check_note="Buren hoorden weer geschreeuw (fictief)").outcome == \
        "concerns"


def test_a_check_in_the_future_is_refused(world, route):
    at_question_five(world, route)
    agreement = agree(world, route)
    with pytest.raises(DomainError) as refused:
        mons.monitoring_check_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                                     agreement_id=agreement.pk, expected_version=agreement.version,
                                     checked_on=timezone.localdate() + timedelta(days=1), outcome="safe")
    assert refused.value.field == "checked_on"


def test_concurrent_checks_are_detected(world, route):
    at_question_five(world, route)
    agreement = agree(world, route)
    stale = MonitoringAgreement.objects.get(pk=agreement.pk)
    MonitoringAgreement.objects.filter(pk=agreement.pk).update(version=agreement.version + 1)
    with pytest.raises(ConflictError):
        check(world, stale)
    assert MonitoringAgreement.objects.get(pk=agreement.pk).checked_on is None


def test_another_case_cannot_check_this_agreement(world, route):
    at_question_five(world, route)
    agreement = agree(world, route)
    from wijkveilig.cases import services as case_services
    other = case_services.case_open(actor=Actor.system(world.worker), household_name="Huishouden Anders")
    with pytest.raises(DomainError, match="hoort niet"):
        mons.monitoring_check_record(actor=Actor.system(world.worker), access=other, route_id=route.pk,
                                     agreement_id=agreement.pk, expected_version=1,
                                     checked_on=timezone.localdate(), outcome="safe")


# ---- werkvoorraad and stagnation ----------------------------------------------------------------------------

def test_missed_monitoring_date_counts_as_stagnation(world, route):
    at_question_five(world, route)
    agreement = agree(world, route, days=10)
    assert proposal_for(world.case) is None
    later = timezone.now() + timedelta(days=11)
    with time_machine.travel(later):
        assert missed_monitoring([world.case.pk], timezone.localdate()) == {world.case.pk: 1}
        assert proposal_for(world.case).reasons == (Reason.MISSED_MONITORING,)
        check(world, agreement)
        assert proposal_for(world.case) is None


def test_werkvoorraad_shows_monitoring_dates_for_who_works_on_the_case(world, route, as_user):
    at_question_five(world, route)
    agreement = agree(world, route, days=20)
    due = agreement.due_on
    for user in (world.worker, world.coordinator):
        page = as_user(user).get(reverse("cases:caseload")).content.decode()
        assert "Monitoring: Of de afspraken uit het veiligheidsplan werken (fictief)" in page
        assert f"{due.day} " in page and "gepland" in page
    assert "Of de afspraken" not in as_user(world.colleague).get(reverse("cases:caseload")).content.decode()
    assert "Of de afspraken" not in as_user(world.outsider).get(reverse("cases:caseload")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=21)):
        assert "te laat" in as_user(world.worker).get(reverse("cases:caseload")).content.decode()
    check(world, agreement)
    assert "Of de afspraken" not in as_user(world.worker).get(reverse("cases:caseload")).content.decode()


def test_werkvoorraad_asks_for_agreements_after_question_five(world, route, as_user):
    at_question_five(world, route)
    page = as_user(world.worker).get(reverse("cases:caseload")).content.decode()
    assert "leg de monitoringsafspraken vast om de route af te sluiten" in page


# ---- pages --------------------------------------------------------------------------------------------------

def _url(name, world, route):
    return reverse(f"meldcode:{name}", args=[world.case.pk, route.pk])


def test_route_page_asks_for_agreements_and_keeps_input_on_error(world, route, as_user):
    at_question_five(world, route)
    client = as_user(world.worker)
    page = client.get(_url("route", world, route)).content.decode()
    assert "Leg minstens één monitoringsafspraak vast" in page
    assert "Afspraak vastleggen en route afsluiten" in page
    response = client.post(_url("monitoring_add", world, route),
                           {"what": "Schoolbezoek van de kinderen (fictief)", "checker_text": "Mentor (fictief)",
                            "due_on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies een datum in de toekomst." in body and "Schoolbezoek van de kinderen (fictief)" in body
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE
    due = timezone.localdate() + timedelta(days=14)
    response = client.post(_url("monitoring_add", world, route),
                           {"what": "Schoolbezoek van de kinderen (fictief)", "checker": world.worker.pk,
                            "due_on": due.isoformat()})
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.status == RouteStatus.CLOSED


def test_check_with_concerns_links_to_the_case(world, route, as_user):
    at_question_five(world, route)
    agreement = agree(world, route)
    client = as_user(world.worker)
    response = client.post(_url("monitoring_check", world, route), {
        "agreement": agreement.pk, "version": agreement.version, "checked_on": timezone.localdate().isoformat(),
        "outcome": "concerns", "check_note": ""})
    assert response.status_code == 400
    assert "Beschrijf uw zorgen" in response.content.decode()
    response = client.post(_url("monitoring_check", world, route), {
        "agreement": agreement.pk, "version": agreement.version, "checked_on": timezone.localdate().isoformat(),
        "outcome": "concerns", "check_note": "Kind vertelt over nieuwe ruzie (fictief)"})
    assert response.status_code == 302
    page = client.get(_url("route", world, route)).content.decode()
    assert "Keert de onveiligheid terug?" in page
    assert reverse("cases:detail", args=[world.case.pk]) in page


def test_read_only_and_outsiders_cannot_record(world, route, as_user):
    at_question_five(world, route)
    body = {"what": "x", "checker_text": "y", "due_on": (timezone.localdate() + timedelta(days=5)).isoformat()}
    assert as_user(world.outsider).post(_url("monitoring_add", world, route), body).status_code == 404
    assert as_user(world.worker).get(_url("monitoring_add", world, route)).status_code == 405
    assert not MonitoringAgreement.objects.exists()


# ---- API ----------------------------------------------------------------------------------------------------

def test_monitoring_over_the_api(world, route):
    at_question_five(world, route)
    client = api_client(world.worker)
    base = f"/cases/{world.case.pk}/meldcode/{route.pk}"
    assert post(client, f"{base}/monitoring", {"what": "x", "checker_text": "y",
                                               "due_on": timezone.localdate().isoformat()}).status_code == 422
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    closed = post(client, f"{base}/monitoring", {"what": "Veiligheid thuis (fictief)", "checker_text": "Huisarts",
                                                 "due_on": due})
    assert closed.status_code == 201 and closed.json()["status"] == "closed"
    listed = client.get(f"/api/v1{base}/monitoring").json()
    assert [(a["what"], a["due_on"], a["status"]) for a in listed] == [("Veiligheid thuis (fictief)", due, "soon")]
    checked = post(client, f"{base}/monitoring/checks", {
        "agreement_id": listed[0]["id"], "version": listed[0]["version"],
        "checked_on": timezone.localdate().isoformat(), "outcome": "concerns", "check_note": "Nieuwe ruzie"})
    assert checked.status_code == 200
    assert checked.json()[0]["suggests_returning_violence"] is True
    again = post(client, f"{base}/monitoring/checks", {
        "agreement_id": listed[0]["id"], "version": listed[0]["version"],
        "checked_on": timezone.localdate().isoformat(), "outcome": "safe"})
    assert again.status_code in (409, 422)
    assert api_client(world.outsider).get(f"/api/v1{base}/monitoring").status_code == 404
