"""How an oranje/rood concern ends: a report to Veilig Thuis made from it, a confirmation that Veilig Thuis already has
it, or a case with a Meldcode route. Every refusal is a clear message and a denied row in the access log."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.intake.conftest import answers, register
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases.models import TimelineEvent
from wijkveilig.core.errors import DomainError
from wijkveilig.intake import selectors, services
from wijkveilig.intake.access import ConcernAccess
from wijkveilig.intake.models import ConcernHandling
from wijkveilig.intake.services import PersonKnown
from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus

RED, ORANGE, YELLOW, GREEN = answers(a=True), answers(b=True), answers(c=True), answers()


def team_access(concern, grant="team"):
    return ConcernAccess(concern=concern, grant=grant, can_write=grant in {"team", "municipal"})


def report(coordinator, concern, *, key="form-key-0001", grant="team", **fields):
    data = {"observation": "Fictief: buren hoorden geschreeuw en een klap.", "informed_whom": "",
            "informed_reaction": "", "not_informed_reason": "Fictief: moeder zou in gevaar komen.", **fields}
    return services.concern_vt_report_send(actor=Actor.system(coordinator), access=team_access(concern, grant),
                                           idempotency_key=key, **data)


def confirm(coordinator, concern, *, key="form-key-0002", grant="team", reference="VT-2024-0815", on=None):
    return services.concern_vt_known_confirm(actor=Actor.system(coordinator), access=team_access(concern, grant),
                                             idempotency_key=key, vt_reference=reference,
                                             vt_known_on=on or timezone.localdate())


def denied(event):
    return AccessLogEntry.objects.filter(event=event, outcome="denied").count()


# ---- (a) a report to Veilig Thuis made from the concern ---------------------------------------------------------

def test_report_from_a_red_concern_carries_what_the_intake_knows_and_reaches_the_vt_contact(iworld):
    concern = register(iworld.coordinator, colour_answers=RED, source="police",
                       persons=[PersonKnown("Anna", "Intakeproef", date(1990, 1, 2), role="victim")])
    handling = report(iworld.coordinator, concern, informed_whom="Fictief: moeder", informed_reaction="Opgelucht",
                      not_informed_reason="")
    content = json.loads(handling.content)
    assert (handling.outcome, handling.reported_to, handling.is_acute) == ("reported", iworld.vt_liaison, True)
    assert content["colour"] == "rood" and content["source"] == "zorgmelding politie"
    assert content["household_name"] == "Huishouden Intakeproef" and content["address"]["postcode"] == "9900AB"
    assert content["observation"] == "Fictief: buren hoorden geschreeuw en een klap."
    assert [t["answer"] for t in content["triage"]] == [True, False, False]
    assert content["triage"][0]["reason"] == "Fictief: geen acuut gevaar gemeld."
    assert content["persons"] == [{"name": "Anna Intakeproef", "birth_date": "1990-01-02", "bsn": "", "role": "victim"}]
    assert content["informed"] == {"whom": "Fictief: moeder", "reaction": "Opgelucht", "not_informed_reason": ""}
    assert AccessLogEntry.objects.filter(event="concern.vt_reported", outcome="success").exists()
    assert list(selectors.vt_reports_for_liaison(actor=Actor.system(iworld.vt_liaison))) == [handling]
    assert concern not in selectors.team_queue(iworld.coordinator)


def test_report_is_encrypted_at_rest(iworld):
    report(iworld.coordinator, register(iworld.coordinator, colour_answers=ORANGE))
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, not_informed_reason FROM intake_concernhandling")
        stored = " ".join(cursor.fetchone())
    assert "geschreeuw" not in stored and "gevaar" not in stored


def test_double_submit_returns_the_same_report(iworld):
    concern = register(iworld.coordinator, colour_answers=ORANGE)
    first = report(iworld.coordinator, concern)
    again = report(iworld.coordinator, concern, observation="Iets anders")
    assert again.pk == first.pk and ConcernHandling.objects.count() == 1
    assert json.loads(again.content)["observation"].startswith("Fictief: buren")


def test_a_concern_ends_in_exactly_one_outcome(iworld):
    concern = register(iworld.coordinator, colour_answers=ORANGE)
    report(iworld.coordinator, concern)
    with pytest.raises(DomainError, match="al afgehandeld"):
        report(iworld.coordinator, concern, key="another-form-key")
    with pytest.raises(DomainError, match="al afgehandeld"):
        confirm(iworld.coordinator, concern)
    assert ConcernHandling.objects.count() == 1 and denied("concern.vt_known_denied") == 1


@pytest.mark.parametrize("colour", [YELLOW, GREEN])
def test_groen_and_geel_are_not_reported_from_the_intake(iworld, colour):
    """They go to the wijkteam; a report follows from the afwegingskader on the case (decision record 0014)."""
    concern = register(iworld.coordinator, colour_answers=colour)
    with pytest.raises(DomainError, match="Alleen een oranje of rode zorg"):
        report(iworld.coordinator, concern)
    with pytest.raises(DomainError, match="Alleen een oranje of rode zorg"):
        confirm(iworld.coordinator, concern)
    assert not ConcernHandling.objects.exists()
    assert (denied("concern.vt_report_denied"), denied("concern.vt_known_denied")) == (1, 1)


def test_untriaged_concern_cannot_be_handled(iworld):
    with pytest.raises(DomainError, match="Alleen een oranje of rode zorg"):
        report(iworld.coordinator, register(iworld.coordinator))


@pytest.mark.parametrize(("fields", "field"), [
    ({"observation": "  "}, "observation"),
    ({"not_informed_reason": ""}, "informed_whom"),
    ({"informed_whom": "Fictief: vader", "not_informed_reason": ""}, "informed_reaction"),
])
def test_report_refuses_what_the_meldcode_report_needs(iworld, fields, field):
    concern = register(iworld.coordinator, colour_answers=RED)
    with pytest.raises(DomainError) as refused:
        report(iworld.coordinator, concern, **fields)
    assert refused.value.field == field and not ConcernHandling.objects.exists()


def test_report_needs_a_team_with_a_vt_contact(iworld):
    unrouted = register(iworld.coordinator, postcode="9999 ZZ", colour_answers=RED)
    with pytest.raises(DomainError, match="Neem de zorg eerst over in een team"):
        report(iworld.coordinator, unrouted, grant="municipal")
    iworld.team.vt_contact = None
    iworld.team.save(update_fields=["vt_contact"])
    concern = register(iworld.coordinator, colour_answers=RED)
    with pytest.raises(DomainError, match="geen vaste contactpersoon"):
        report(iworld.coordinator, concern)
    assert denied("concern.vt_report_denied") == 2


def test_read_only_grant_cannot_record_an_outcome(iworld):
    concern = register(iworld.vt_liaison, colour_answers=RED)
    with pytest.raises(DomainError, match="Alleen de coördinator"):
        report(iworld.vt_liaison, concern, grant="veilig_thuis")


def test_short_form_key_is_refused(iworld):
    with pytest.raises(DomainError, match="formuliersleutel"):
        report(iworld.coordinator, register(iworld.coordinator, colour_answers=RED), key="short")


# ---- (b) Veilig Thuis already has it -------------------------------------------------------------------------

def test_vt_transfer_is_confirmed_with_vts_reference_and_leaves_the_queue(iworld):
    concern = register(iworld.vt_liaison, colour_answers=ORANGE)
    handling = confirm(iworld.coordinator, concern, on=date(2024, 5, 1))
    assert (handling.outcome, handling.vt_reference, handling.vt_known_on) == (
        "vt_already_knows", "VT-2024-0815", date(2024, 5, 1))
    assert confirm(iworld.coordinator, concern).pk == handling.pk  # double submit
    assert concern not in selectors.team_queue(iworld.coordinator)
    assert AccessLogEntry.objects.filter(event="concern.vt_known_confirmed").count() == 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"reference": "   "}, "vt_reference"),
    ({"on": timezone.localdate() + timedelta(days=1)}, "vt_known_on"),
])
def test_confirmation_needs_vts_reference_and_a_real_date(iworld, kwargs, field):
    concern = register(iworld.vt_liaison, colour_answers=RED)
    with pytest.raises(DomainError) as refused:
        confirm(iworld.coordinator, concern, **kwargs)
    assert refused.value.field == field and not ConcernHandling.objects.exists()
    assert denied("concern.vt_known_denied") == 1


def test_unrouted_concern_can_be_confirmed_from_the_municipal_queue(iworld):
    concern = register(iworld.vt_liaison, postcode="9999 ZZ", colour_answers=RED)
    assert concern in selectors.municipal_queue(iworld.coordinator)
    confirm(iworld.coordinator, concern, grant="municipal")
    assert concern not in selectors.municipal_queue(iworld.coordinator)


def test_colour_and_triage_are_fixed_once_handled(iworld):
    concern = register(iworld.vt_liaison, colour_answers=RED)
    confirm(iworld.coordinator, concern)
    with pytest.raises(DomainError, match="al afgehandeld"):
        services.concern_overrule(expected_version=concern.version,
                                  actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                  colour="groen", reason="Fictief")


# ---- (c) a case with a Meldcode route ---------------------------------------------------------------------

@pytest.mark.parametrize(("colour", "outcome", "has_route"), [
    (RED, "case_with_route", True), (ORANGE, "case_with_route", True), (YELLOW, "case", False),
    (GREEN, "case", False)])
def test_case_from_concern_starts_a_meldcode_route_for_oranje_and_rood(iworld, colour, outcome, has_route):
    concern = register(iworld.vt_liaison, colour_answers=colour)
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                      worker_ids=[iworld.worker.pk])
    handling = ConcernHandling.objects.get(concern=concern)
    routes = MeldcodeRoute.objects.filter(case=case, status=RouteStatus.ACTIVE)
    assert handling.outcome == outcome and routes.exists() is has_route
    assert handling.route == routes.first()
    assert TimelineEvent.objects.filter(case=case, event="meldcode.started").exists() is has_route


def test_case_after_a_report_keeps_the_report_as_the_outcome(iworld):
    concern = register(iworld.vt_liaison, colour_answers=RED)
    first = report(iworld.coordinator, concern)
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                      worker_ids=[iworld.worker.pk])
    assert list(ConcernHandling.objects.filter(concern=concern)) == [first]
    assert not MeldcodeRoute.objects.filter(case=case).exists()
