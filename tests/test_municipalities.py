"""Several municipalities in one installation: no coordinator, policy officer or log officer of one sees the other's
rows — through the access policy, and on PostgreSQL also through row-level security when the policy's filter is
removed."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_client
from tests.db_roles import application_role, require_postgresql
from tests.factories import (
    BuurtFactory,
    DistrictFactory,
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)
from wijkveilig.accounts.models import Role
from wijkveilig.accounts.policy import municipality_ids
from wijkveilig.audit import partitions
from wijkveilig.audit import policy as audit_policy
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Case, CaseQuerySet
from wijkveilig.core.errors import DomainError
from wijkveilig.intake import services as intake_services
from wijkveilig.intake.access import ConcernAccess
from wijkveilig.intake.models import Concern, ConcernQuerySet, PostcodeRange


def _register(user, household: str, postcode: str):
    return intake_services.concern_register(
        actor=Actor.system(user), source="team", received_at=timezone.now(), household_name=household,
        postcode=postcode, house_number="1", observation="Fictieve zorg.")


@pytest.fixture
def two(world):
    """The world's municipality (A) and a second one (B), each with a team, a coordinator, a case and a concern in
    its municipal queue (an address the postcode table does not know)."""
    w = world
    w.a = w.team.municipality
    w.b = MunicipalityFactory(code="GM9998", name="Gemeente Proefdorp")
    buurt_b = BuurtFactory(code="BU99980101", name="Proefbuurt", district=DistrictFactory(code="WK999801",
                                                                                          municipality=w.b))
    w.team_b = TeamFactory(name="Proefteam", municipality=w.b)
    w.team_b.buurten.add(buurt_b)
    w.coordinator_b = UserFactory(username="t_coord_b", role=Role.COORDINATOR)
    MembershipFactory(user=w.coordinator_b, team=w.team_b)
    w.case_b = case_services.case_open(actor=Actor.system(w.coordinator_b), household_name="Huishouden Proefdorp",
                                       buurt=buurt_b).case
    PostcodeRange.objects.create(postcode_from="9800AA", postcode_to="9800ZZ", number_from=1, number_to=999,
                                 buurt=buurt_b)
    w.policy_officer.municipality = w.a
    w.policy_officer.save(update_fields=["municipality"])
    w.concern_a = _register(w.coordinator, "Huishouden Onbekend-A", "9999ZZ")
    w.concern_b = _register(w.coordinator_b, "Huishouden Onbekend-B", "9999ZY")
    return w


def test_each_user_belongs_to_the_municipalities_of_their_teams_or_account(two):
    assert municipality_ids(two.coordinator) == [two.a.pk]
    assert municipality_ids(two.coordinator_b) == [two.b.pk]
    assert municipality_ids(two.policy_officer) == [two.a.pk]
    assert municipality_ids(two.log_officer) == []  # no team, no municipality on the account: nothing
    two.team_b.vt_contact = two.vt_liaison  # a regional Veilig Thuis is the contact of teams in both
    two.team_b.save(update_fields=["vt_contact"])
    two.team.vt_contact = two.vt_liaison
    two.team.save(update_fields=["vt_contact"])
    assert municipality_ids(two.vt_liaison) == sorted([two.a.pk, two.b.pk])


def test_an_unrouted_concern_belongs_to_the_submitters_municipality(two):
    assert (two.concern_a.municipality_id, two.concern_b.municipality_id) == (two.a.pk, two.b.pk)
    routed = _register(two.coordinator, "Huishouden Bekend", "9800AB")  # a B address, registered by A's coordinator
    assert routed.municipality_id == two.b.pk and routed.team == two.team_b


def test_the_municipal_queue_shows_only_the_coordinators_municipality(two):
    page = login_client(two.coordinator).get(reverse("intake:queue")).content.decode()
    assert "Huishouden Onbekend-A" in page and "Huishouden Onbekend-B" not in page
    listed = login_client(two.coordinator).get("/api/v1/intake/concerns").json()
    assert [c["id"] for c in listed if c["team"] is None] == [two.concern_a.pk]
    assert login_client(two.coordinator).get(reverse("intake:detail", args=[two.concern_b.pk])).status_code == 404
    assert login_client(two.coordinator_b).get(reverse("intake:detail", args=[two.concern_a.pk])).status_code == 404


def test_a_concern_is_claimed_only_into_a_team_of_its_municipality(two):
    MembershipFactory(user=two.coordinator, team=two.team_b)  # a coordinator of teams in both municipalities
    access = ConcernAccess(concern=two.concern_a, grant="municipal", can_write=True)
    with pytest.raises(DomainError, match="gemeente van deze zorg"):
        intake_services.concern_claim(actor=Actor.system(two.coordinator), access=access, team_id=two.team_b.pk)
    claimed = intake_services.concern_claim(actor=Actor.system(two.coordinator), access=access, team_id=two.team.pk)
    assert claimed.team == two.team


def test_a_regional_submitter_must_give_an_address_the_table_knows(two):
    for team in (two.team, two.team_b):
        team.vt_contact = two.vt_liaison
        team.save(update_fields=["vt_contact"])
    with pytest.raises(DomainError, match="meer dan één gemeente") as refused:
        intake_services.concern_register(
            actor=Actor.system(two.vt_liaison), source="veilig_thuis", received_at=timezone.now(),
            household_name="Huishouden Regio", postcode="9999ZZ", house_number="1", observation="Fictief.")
    assert refused.value.field == "postcode"
    assert not Concern.objects.filter(household_name="Huishouden Regio").exists()


# ---- PostgreSQL row-level security: the second line -------------------------------------------------------------

@pytest.fixture
def as_application_role(two):
    """Run the rest of the test as a role that owns nothing and has no BYPASSRLS, as production's application does."""
    require_postgresql()
    clients = SimpleNamespace(coordinator=login_client(two.coordinator),
                              policy_officer=login_client(two.policy_officer))
    with application_role("rls_probe"):
        yield clients


def test_without_the_application_filter_the_database_still_keeps_municipalities_apart(two, as_application_role,
                                                                                      monkeypatch):
    monkeypatch.setattr(CaseQuerySet, "visible_to", lambda self, user, **options: self.all())
    monkeypatch.setattr(ConcernQuerySet, "visible_to", lambda self, user: self.all())
    cases = as_application_role.coordinator.post(reverse("cases:list"), {"q": "Huishouden"}).content.decode()
    assert "Huishouden Testerink" in cases and "Huishouden Proefdorp" not in cases
    queue = as_application_role.coordinator.get(reverse("intake:queue")).content.decode()
    assert "Huishouden Onbekend-A" in queue and "Huishouden Onbekend-B" not in queue
    # the same connection, the filter gone at the ORM too: the rows of B do not exist for A's request
    assert set(Case.objects.values_list("pk", flat=True)) == {two.case.pk}
    assert set(Concern.objects.values_list("pk", flat=True)) == {two.concern_a.pk}


def test_the_database_refuses_to_write_a_row_into_another_municipality(two, as_application_role):
    from django.db import DatabaseError, transaction

    as_application_role.coordinator.get(reverse("intake:queue"))  # the request set A's municipalities
    with pytest.raises(DatabaseError), transaction.atomic():
        Case.objects.filter(pk=two.case.pk).update(team=two.team_b)


def test_an_unset_scope_sees_nothing(two, as_application_role):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('wijkveilig.municipalities', '', false)")
    assert not Case.objects.exists() and not Concern.objects.exists()


def test_without_the_application_filter_the_log_officer_still_reads_only_their_municipality(two, monkeypatch):
    """The access log's second line: its row-level-security policy hides another municipality's rows from the log
    officer's request even when `audit.policy.log_scope` lets everything through, and a month read straight from
    its partition shows nothing to the application's role."""
    require_postgresql()
    two.log_officer.municipality = two.a
    two.log_officer.save(update_fields=["municipality"])
    login_client(two.coordinator).get(reverse("cases:detail", args=[two.case.pk]))
    login_client(two.coordinator_b).get(reverse("cases:detail", args=[two.case_b.pk]))
    assert AccessLogEntry.objects.filter(case_id=two.case_b.pk).exists()  # as the owner: B's rows are there
    log_officer = login_client(two.log_officer)
    monkeypatch.setattr(audit_policy, "log_scope", lambda user, rows: rows)
    with application_role("log_probe"):
        page = log_officer.get(reverse("audit:log")).content.decode()
        assert two.case.reference in page and two.case_b.reference not in page
        assert not AccessLogEntry.objects.filter(case_id=two.case_b.pk).exists()
        with connection.cursor() as cursor:
            this_month = partitions.partition_name(partitions.month_start(datetime.now(UTC).date()))
            cursor.execute(f"SELECT count(*) FROM {this_month}")
            assert cursor.fetchone()[0] == 0


def test_the_log_officer_reads_the_rows_of_their_own_municipality_only(two):
    two.log_officer.municipality = two.a
    two.log_officer.save(update_fields=["municipality"])
    login_client(two.coordinator).get(reverse("cases:detail", args=[two.case.pk]))
    login_client(two.coordinator_b).get(reverse("cases:detail", args=[two.case_b.pk]))
    page = login_client(two.log_officer).get(reverse("audit:log")).content.decode()
    assert two.case.reference in page and two.case_b.reference not in page
    filtered = login_client(two.log_officer).get(reverse("audit:log"), {"case_reference": two.case_b.reference})
    assert filtered.content.decode().count(two.case_b.reference) == 1  # only in the filter field, no row
    log_officer_b = UserFactory(username="t_log_b", role=Role.LOG_OFFICER, municipality=two.b)
    page_b = login_client(log_officer_b).get(reverse("audit:log")).content.decode()
    assert two.case_b.reference in page_b and two.case.reference not in page_b


def test_the_policy_officer_reads_the_overview_of_their_own_municipality_only(two):
    assert two.policy_officer.municipality == two.a
    page = login_client(two.policy_officer).get(reverse("insight:concerns_overview")).content.decode()
    assert "Testbuurt Noord" in page and "Proefbuurt" not in page


def test_a_concern_referred_to_another_municipality_is_written_and_stays_visible_to_its_submitter(two,
                                                                                                 as_application_role):
    """A's coordinator registers a concern whose address lies in B: the application routes it to B's team. Under
    row-level security the insert must still succeed (a referral is a legitimate write into the other municipality)
    and the submitter keeps seeing their own concern's status, while B's other rows stay out of A's sight."""
    as_application_role.coordinator.get(reverse("intake:queue"))  # the request set A's municipalities
    routed = _register(two.coordinator, "Huishouden Bekend", "9800AB")
    assert routed.municipality_id == two.b.pk and routed.team == two.team_b
    assert set(Concern.objects.values_list("pk", flat=True)) == {two.concern_a.pk, routed.pk}
