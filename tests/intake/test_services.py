"""Intake services: registration, routing, triage, overrule, sharing limits and turning a concern into a case."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.intake.conftest import REASONS, answers, register
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Case
from wijkveilig.core.errors import DomainError
from wijkveilig.households.models import Household, Person
from wijkveilig.intake import services
from wijkveilig.intake.access import ConcernAccess
from wijkveilig.intake.models import Concern, ConcernStatus, PostcodeRange
from wijkveilig.intake.services import PersonKnown

VALID_BSN = "999990019"  # BRP test range, passes the 11-proef


def team_access(concern):
    return ConcernAccess(concern=concern, grant="team", can_write=True)


def test_vt_transfer_is_routed_to_the_team_by_postcode_and_triaged(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers(c=True))
    assert (concern.team, concern.buurt) == (iworld.team, iworld.buurt)
    assert (concern.computed_colour, concern.final_colour) == ("geel", "geel")
    assert concern.destination == "team_intake" and concern.needs_specialist_support
    assert concern.status == ConcernStatus.TRIAGED
    assert Concern.objects.get(pk=concern.pk).observation == "Fictief: buren hoorden geschreeuw."
    events = list(AccessLogEntry.objects.filter(section="intake").values_list("event", flat=True))
    assert "concern.registered" in events and "concern.triaged" in events


def test_observation_is_encrypted_at_rest(iworld):
    from django.db import connection
    concern = register(iworld.vt_liaison)
    with connection.cursor() as cursor:
        cursor.execute("SELECT observation FROM intake_concern WHERE id = %s", [concern.pk])
        assert "geschreeuw" not in cursor.fetchone()[0]


def test_unknown_address_goes_to_the_municipal_queue(iworld):
    concern = register(iworld.vt_liaison, postcode="9999 ZZ", colour_answers=answers())
    assert concern.team is None and concern.buurt is None
    assert concern.destination == "municipal"


@pytest.mark.parametrize(("given", "colour", "destination"), [
    (answers(a=True), "rood", "specialist"), (answers(b=True), "oranje", "specialist"),
    (answers(c=True), "geel", "team_intake"), (answers(), "groen", "team_intake")])
def test_colour_decides_the_route(iworld, given, colour, destination):
    concern = register(iworld.coordinator, colour_answers=given)
    assert (concern.final_colour, concern.destination) == (colour, destination)


def test_every_triage_answer_needs_a_justification(iworld):
    concern = register(iworld.coordinator)
    with pytest.raises(DomainError) as error:
        services.concern_triage(expected_version=concern.version,
                                actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                answers=answers(a=True), reasons={**REASONS, "direct_danger": "  "})
    assert error.value.field == "direct_danger_reason"
    assert Concern.objects.get(pk=concern.pk).final_colour == ""


def test_overrule_keeps_both_colours_and_needs_a_reason(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers(c=True))
    actor = Actor.system(iworld.coordinator)
    with pytest.raises(DomainError):
        services.concern_overrule(expected_version=concern.version,
                                  actor=actor, access=team_access(concern), colour="oranje", reason=" ")
    services.concern_overrule(expected_version=concern.version,
                              actor=actor, access=team_access(concern), colour="oranje",
                              reason="Fictief: wapen in huis")
    concern.refresh_from_db()
    assert (concern.computed_colour, concern.final_colour, concern.overruled_by) == ("geel", "oranje",
                                                                                     iworld.coordinator)
    assert concern.destination == "specialist" and concern.is_overruled
    assert AccessLogEntry.objects.filter(event="concern.colour_overruled", user_id=iworld.coordinator.pk).exists()


def test_only_a_coordinator_overrules(iworld):
    """Even handed the coordinator's access by mistake, a worker's overrule is refused, and the refusal logged."""
    concern = register(iworld.vt_liaison, colour_answers=answers())
    with pytest.raises(PermissionDenied):
        services.concern_overrule(expected_version=concern.version,
                                  actor=Actor.system(iworld.worker), access=team_access(concern), colour="rood",
                                  reason="Fictief")


def test_roles_register_only_their_own_sources(iworld):
    with pytest.raises(DomainError):
        register(iworld.vt_liaison, source="police")
    for user in (iworld.policy_officer, iworld.partner, iworld.admin):
        with pytest.raises(PermissionDenied):  # a role that registers nothing is refused, and that is logged
            register(user, source="team")
    assert not Concern.objects.exists()


def test_bsn_must_pass_the_11_proef(iworld):
    with pytest.raises(DomainError) as error:
        register(iworld.vt_liaison, persons=[PersonKnown("Anna", "Proef", bsn="123456789")])
    assert "elfproef" in error.value.message
    assert not Concern.objects.exists()
    concern = register(iworld.vt_liaison, persons=[PersonKnown("Anna", "Proef", bsn=VALID_BSN)])
    assert concern.persons.get().bsn == VALID_BSN


def test_partner_share_is_rate_limited_in_the_service(iworld):
    actor = Actor.system(iworld.partner)
    for _ in range(services.MAX_SHARES_PER_HOUR):
        services.concern_share(actor=actor, household_name="Huishouden Deelproef", observation="Fictief",
                               postcode="9900AB", house_number="3")
    with pytest.raises(DomainError) as error:
        services.concern_share(actor=actor, household_name="Huishouden Deelproef", observation="Fictief")
    assert "afgelopen uur" in error.value.message
    assert Concern.objects.filter(submitted_by=iworld.partner).count() == services.MAX_SHARES_PER_HOUR
    Concern.objects.update(received_at=timezone.now() - timedelta(hours=2))
    services.concern_share(actor=actor, household_name="Huishouden Deelproef", observation="Fictief")


def test_shared_concern_waits_for_triage_in_the_team_queue(iworld):
    concern = services.concern_share(actor=Actor.system(iworld.partner), household_name="Huishouden Deelproef",
                                     observation="Fictief", postcode="9900AB", house_number="3")
    assert (concern.source, concern.team, concern.final_colour, concern.destination) == (
        "partner", iworld.team, "", "awaiting_triage")


def _known_household(iworld, *, bsn="", birth_date=None):
    access = CaseAccess(iworld.case, "assigned", True)
    return hh.person_add(actor=Actor.system(iworld.worker), access=access, first_name="Anna", last_name="Testerink",
                         roles=["victim"], bsn=bsn, birth_date=birth_date)


@pytest.mark.parametrize("match_by", ["bsn", "name_and_birth_date"])
def test_matching_household_is_offered_never_merged_silently(iworld, match_by):
    known = _known_household(iworld, bsn=VALID_BSN if match_by == "bsn" else "", birth_date=date(1985, 3, 1))
    person = PersonKnown("Anna", "Testerink", birth_date=date(1985, 3, 1)) if match_by != "bsn" else \
        PersonKnown("A.", "Anders-Gespeld", bsn=VALID_BSN)
    concern = register(iworld.vt_liaison, colour_answers=answers(), persons=[person])
    matches = services.household_matches(concern)
    assert [m.household for m in matches] == [known.household]
    # Without the user's choice a new household is made: nothing merged.
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                      worker_ids=[iworld.worker.pk])
    assert case.household != known.household
    assert Household.objects.filter(pk=known.household_id).get().persons.count() == 1


def test_confirmed_match_opens_the_case_on_the_known_household(iworld):
    known = _known_household(iworld, bsn=VALID_BSN)
    concern = register(iworld.vt_liaison, colour_answers=answers(b=True),
                       persons=[PersonKnown("Anna", "Testerink", bsn=VALID_BSN), PersonKnown("Noa", "Testerink")])
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                      worker_ids=[iworld.duo_partner.pk], household_id=known.household_id)
    assert case.household_id == known.household_id and case.team == iworld.team
    assert Person.objects.filter(household=known.household, bsn_hash=known.bsn_hash).count() == 1  # not duplicated
    assert Person.objects.filter(household=known.household, first_name="Noa").count() == 1
    current_workers = case.assignments.filter(ended_at__isnull=True).values_list("user", flat=True)
    assert list(current_workers) == [iworld.duo_partner.pk]
    concern.refresh_from_db()
    assert (concern.case, concern.status) == (case, ConcernStatus.CASE_OPENED)


def test_name_without_birth_date_is_no_match(iworld):
    _known_household(iworld, birth_date=date(1985, 3, 1))
    concern = register(iworld.vt_liaison, colour_answers=answers(), persons=[PersonKnown("Anna", "Testerink")])
    assert services.household_matches(concern) == []


def test_households_of_other_teams_are_not_offered(iworld):
    other = CaseAccess(Case.objects.get(pk=services.case_services.case_open(
        actor=Actor.system(iworld.outsider), household_name="Huishouden Elders").case.pk), "assigned", True)
    hh.person_add(actor=Actor.system(iworld.outsider), access=other, first_name="Anna", last_name="Elders",
                  roles=["victim"], bsn=VALID_BSN)
    concern = register(iworld.vt_liaison, colour_answers=answers(),
                       persons=[PersonKnown("Anna", "Elders", bsn=VALID_BSN)])
    assert services.household_matches(concern) == []


def test_a_household_that_does_not_match_cannot_be_chosen(iworld):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    with pytest.raises(DomainError):
        services.concern_case_open(actor=Actor.system(iworld.coordinator), access=team_access(concern),
                                   worker_ids=[iworld.worker.pk], household_id=iworld.case.household_id)


def test_case_needs_triage_and_only_once(iworld):
    concern = register(iworld.vt_liaison)
    actor = Actor.system(iworld.coordinator)
    with pytest.raises(DomainError):
        services.concern_case_open(actor=actor, access=team_access(concern), worker_ids=[iworld.worker.pk])
    services.concern_triage(expected_version=concern.version,
                            actor=actor, access=team_access(concern), answers=answers(), reasons=REASONS)
    services.concern_case_open(actor=actor, access=team_access(concern), worker_ids=[iworld.worker.pk])
    with pytest.raises(DomainError):
        services.concern_case_open(actor=actor, access=team_access(concern), worker_ids=[iworld.worker.pk])
    assert Case.objects.filter(intake_concerns=concern).count() == 1


def test_claim_from_municipal_queue_into_own_team_only(iworld):
    concern = register(iworld.vt_liaison, postcode="9999ZZ", colour_answers=answers(c=True))
    access = ConcernAccess(concern=concern, grant="municipal", can_write=True)
    with pytest.raises(DomainError):
        services.concern_claim(actor=Actor.system(iworld.coordinator), access=access, team_id=iworld.other_team.pk)
    services.concern_claim(actor=Actor.system(iworld.coordinator), access=access, team_id=iworld.team.pk)
    concern.refresh_from_db()
    assert (concern.team, concern.destination) == (iworld.team, "team_intake")


def test_import_command_loads_the_demo_table_and_refuses_bad_rows(iworld, tmp_path):
    from tests.factories import BuurtFactory
    for code in ("BU99990102", "BU99990201", "BU99990202", "BU99990103", "BU99990301", "BU99990302", "BU99990303"):
        BuurtFactory(code=code)
    call_command("intake_import_postcodes")
    assert PostcodeRange.objects.filter(buurt__code="BU99990303").exists()
    before = PostcodeRange.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("postcode_from,postcode_to,number_from,number_to,buurt_code\n9800AA,9800ZZ,1,9,BU99990101\n"
                   "9801AA,9801ZZ,9,1,BU99990101\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Regel 3"):
        call_command("intake_import_postcodes", str(bad))
    assert PostcodeRange.objects.count() == before  # all or nothing
