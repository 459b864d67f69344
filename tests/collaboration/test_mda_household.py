"""MDA++ is per household: "1 gezin, 1 plan, 1 regisseur". A second open case of the household joins the open
MDA++ (same case director, fixed contact person, partners and shared plan); a partner sees that case's shared part
and still nothing else of it; the fixed contact person for the family is shown where the director is."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_client
from tests.factories import UserFactory
from tests.safety.conftest import entry
from wijkveilig.accounts.models import Role
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.cases.access import case_grant
from wijkveilig.collaboration import services
from wijkveilig.collaboration.models import MdaEnrolment, MdaPartner
from wijkveilig.core.errors import DomainError
from wijkveilig.safety import services as safety_services

FIRST_AGREEMENT = "Fictief: moeder belt de wijkagent bij spanning"
SECOND_AGREEMENT = "Fictief: de oudste zoon gaat twee middagen naar de sportclub"
SECOND_NOTE = "Fictief: notitie in de tweede casus"


@pytest.fixture
def household(world, police):
    """The world's case is MDA++ (director: worker, contact person: duo partner, police as partner); a second open
    case of the same household, assigned to the duo partner, with its own agreement and a note."""
    actor = Actor.system(world.worker)
    safety_services.safety_agreement_add(actor=actor, access=world.access, entry=entry(what=FIRST_AGREEMENT))
    services.mda_start(actor=actor, access=world.access, case_director_id=world.worker.pk,
                       contact_person_id=world.duo_partner.pk, criteria=["structural_unsafety"],
                       reason="Fictief: herhaald geweld")
    services.mda_partner_add(actor=actor, access=world.access, user_id=police.pk, sector="police", basis="covenant",
                             basis_note="Fictief: convenant")
    second = case_services.case_open_for_household(actor=Actor.system(world.duo_partner),
                                                   household=world.case.household, summary="Fictief: tweede casus")
    safety_services.safety_agreement_add(actor=Actor.system(world.duo_partner), access=second,
                                         entry=entry(what=SECOND_AGREEMENT))
    case_services.note_add(actor=Actor.system(world.duo_partner), access=second, kind="signal",
                           statement_kind="observation", occurred_at=second.case.opened_at, body=SECOND_NOTE)
    world.second = second
    return world


def _join(world):
    return services.mda_join(actor=Actor.system(world.duo_partner), access=world.second)


def test_a_second_case_joins_the_households_mda_with_the_same_director(household):
    with pytest.raises(DomainError) as second_start:  # never a second MDA++ for one family
        services.mda_start(actor=Actor.system(household.duo_partner), access=household.second,
                           case_director_id=household.duo_partner.pk, criteria=["long_history"], reason="Fictief")
    assert "sluit deze casus daarbij aan" in second_start.value.message.lower()
    enrolment = _join(household)
    assert MdaEnrolment.objects.count() == 1
    assert services.mda_current(household.second.case) == services.mda_current(household.case) == enrolment
    assert (enrolment.case_director, enrolment.contact_person) == (household.worker, household.duo_partner)
    assert set(enrolment.cases.all()) == {household.case, household.second.case}
    with pytest.raises(DomainError):
        _join(household)  # once only
    for case in (household.case, household.second.case):
        assert case.timeline.filter(event="collaboration.mda_joined", detail=household.second.case.reference).exists()


def test_joining_needs_case_direction_and_a_refusal_is_logged(household):
    access = case_services.emergency_access_grant(actor=Actor.system(household.colleague),
                                                  case_id=household.second.case.pk, reason="Fictieve noodsituatie.")
    with pytest.raises(PermissionDenied):
        services.mda_join(actor=Actor.system(household.colleague), access=access)
    assert AccessLogEntry.objects.filter(event="collaboration.mda_join_denied", outcome="denied").exists()
    assert services.mda_current(household.second.case) is None


def test_partner_sees_the_second_cases_shared_plan_and_still_404_everywhere_else(household, police):
    client = login_client(police)
    second = household.second.case
    assert client.get(reverse("collaboration:shared", args=[second.pk])).status_code == 404  # not joined yet
    _join(household)
    shared = client.get(reverse("collaboration:shared", args=[second.pk]))
    assert shared.status_code == 200
    body = shared.content.decode()
    assert SECOND_AGREEMENT in body and FIRST_AGREEMENT in body and SECOND_NOTE not in body
    for name in ("cases:detail", "safety:plan", "collaboration:overview", "collaboration:mda", "cases:note_add"):
        response = client.get(reverse(name, args=[second.pk]))
        assert response.status_code == 404, name
        assert SECOND_NOTE not in response.content.decode()
    for path in (f"/api/v1/cases/{second.pk}", f"/api/v1/cases/{second.pk}/notes",
                 f"/api/v1/cases/{second.pk}/safety-plan"):
        assert client.get(path).status_code == 404, path
    api = client.get(f"/api/v1/cases/{second.pk}/mda/shared-plan").json()
    assert [row["what"] for row in api["agreements"]] == [SECOND_AGREEMENT]
    assert [part["case_reference"] for part in api["other_cases"]] == [household.case.reference]
    assert api["contact_person"] == household.duo_partner.get_full_name() or household.duo_partner.username
    assert case_grant(police, second, "mda") == "mda_partner" and case_grant(police, second, "case") is None
    viewed = AccessLogEntry.objects.filter(username=police.username, event="mda.shared_plan_viewed",
                                           auth_rule="mda_partner")
    assert {household.case.pk, second.pk} <= set(viewed.values_list("case_id", flat=True))


def test_one_shared_plan_page_shows_the_agreements_of_all_open_cases(household, police):
    _join(household)
    page = login_client(police).get(reverse("collaboration:shared", args=[household.case.pk])).content.decode()
    assert FIRST_AGREEMENT in page and SECOND_AGREEMENT in page
    assert household.case.reference in page and household.second.case.reference in page
    case_services.case_close(actor=Actor.system(household.duo_partner), access=household.second,
                             reason="safety_reached", expected_version=household.second.case.version)
    page = login_client(police).get(reverse("collaboration:shared", args=[household.case.pk])).content.decode()
    assert FIRST_AGREEMENT in page and SECOND_AGREEMENT not in page  # only open cases


def test_a_team_member_without_access_to_the_other_case_does_not_see_its_part(household):
    _join(household)
    page = login_client(household.worker).get(reverse("collaboration:shared", args=[household.case.pk]))
    body = page.content.decode()
    assert FIRST_AGREEMENT in body and SECOND_AGREEMENT not in body
    assert "1 casus van dit huishouden wordt niet getoond" in body
    coordinator = login_client(household.coordinator).get(reverse("collaboration:shared", args=[household.case.pk]))
    assert SECOND_AGREEMENT in coordinator.content.decode()


def test_one_partner_list_and_ending_ends_it_for_every_case(household, police):
    _join(household)
    ggz = UserFactory(username="t_ggz2", role=Role.PARTNER, organisation="GGZ Proefland")
    services.mda_partner_add(actor=Actor.system(household.duo_partner), access=household.second, user_id=ggz.pk,
                             sector="mental_health", basis="consent", basis_note="Fictief")
    assert case_grant(ggz, household.case, "mda") == "mda_partner"  # added from the second case, sees both
    assert household.case.timeline.filter(event="collaboration.mda_partner_added").count() == 2
    services.mda_end(actor=Actor.system(household.coordinator), access=household.second, reason="Fictief: klaar")
    for user in (police, ggz):
        for case in (household.case, household.second.case):
            assert case_grant(user, case, "mda") is None
    assert not MdaPartner.objects.filter(removed_at__isnull=True).exists()
    assert household.case.timeline.filter(event="collaboration.mda_ended").exists()


def test_the_mda_page_of_the_second_case_offers_to_join_and_shows_the_director(household):
    client = login_client(household.duo_partner)
    url = reverse("collaboration:mda", args=[household.second.case.pk])
    page = client.get(url).content.decode()
    assert "Dit huishouden heeft al een MDA++" in page and "MDA++ starten" not in page
    response = client.post(reverse("collaboration:mda_join", args=[household.second.case.pk]))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert household.case.reference in page and household.second.case.reference in page
    assert "Vast contactpersoon voor het gezin" in page
    again = client.post(reverse("collaboration:mda_join", args=[household.second.case.pk]))
    assert again.status_code == 400 and "hoort al bij de MDA++" in again.content.decode()


def test_api_join(household):
    client = login_client(household.duo_partner)
    response = client.post(f"/api/v1/cases/{household.second.case.pk}/mda/join")
    assert response.status_code == 200
    assert response.json()["case_ids"] == [household.case.pk, household.second.case.pk]
    assert client.post(f"/api/v1/cases/{household.second.case.pk}/mda/join").status_code == 422


# ---- the fixed contact person for the family ----------------------------------------------------------------

def test_contact_person_defaults_to_the_director_and_can_be_changed(world):
    actor = Actor.system(world.worker)
    enrolment = services.mda_start(actor=actor, access=world.access, case_director_id=world.worker.pk,
                                   criteria=["long_history"], reason="Fictief")
    assert enrolment.contact_person == world.worker
    services.mda_director_change(actor=actor, access=world.access, expected_version=enrolment.version,
                                 case_director_id=world.worker.pk, contact_person_id=world.duo_partner.pk)
    enrolment.refresh_from_db()
    assert (enrolment.case_director, enrolment.contact_person) == (world.worker, world.duo_partner)
    assert world.case.timeline.filter(event="collaboration.mda_contact_changed").exists()
    assert not world.case.timeline.filter(event="collaboration.mda_director_changed").exists()
    with pytest.raises(DomainError) as outsider:
        services.mda_director_change(actor=actor, access=world.access, expected_version=enrolment.version,
                                     case_director_id=world.worker.pk, contact_person_id=world.outsider.pk)
    assert outsider.value.field == "contact_person"


def test_contact_person_is_on_the_mda_page_and_the_shared_plan_header(household, police):
    for user, name in ((household.worker, "mda"), (household.worker, "shared"), (police, "shared")):
        page = login_client(user).get(reverse(f"collaboration:{name}", args=[household.case.pk])).content.decode()
        assert "Vast contactpersoon voor het gezin" in page, (user, name)
        assert (household.duo_partner.get_full_name() or household.duo_partner.username) in page


def test_start_form_with_contact_person(world):
    client = login_client(world.worker)
    response = client.post(reverse("collaboration:mda", args=[world.case.pk]), {
        "case_director": world.worker.pk, "contact_person": world.outsider.pk, "criteria": ["long_history"],
        "reason": "Fictief"})
    assert response.status_code == 400 and not MdaEnrolment.objects.exists()
    response = client.post(reverse("collaboration:mda", args=[world.case.pk]), {
        "case_director": world.worker.pk, "contact_person": world.coordinator.pk, "criteria": ["long_history"],
        "reason": "Fictief"})
    assert response.status_code == 302
    assert MdaEnrolment.objects.get().contact_person == world.coordinator


# ---- the data migration -----------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_migration_merges_two_open_enrolments_of_one_household(flushable_access_log):
    """Rows from before: one open enrolment per case. Two on one household become one MDA++ with both cases,
    the oldest director, each partner once; the newer enrolment is ended with a reason."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # `after` is the latest migration, so the models below match the table.
    before, after = [("collaboration", "0002_mda")], [("collaboration", "0006_mda_enrolment_version")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "collaboration"]
    old = executor.loader.project_state(before + others).apps
    user_model = old.get_model("accounts", "User")
    municipality = old.get_model("areas", "Municipality").objects.create(code="GM9998", name="Gemeente Migratie")
    team = old.get_model("accounts", "Team").objects.create(name="Migratieteam", municipality=municipality)
    worker, coordinator, police, ggz = (user_model.objects.create(username=name, role=role) for name, role in (
        ("m_worker", "worker"), ("m_coord", "coordinator"), ("m_police", "partner"), ("m_ggz", "partner")))
    household = old.get_model("households", "Household").objects.create(name="Huishouden Migratie")
    case_model = old.get_model("cases", "Case")
    first, second = (case_model.objects.create(reference=ref, household=household, team=team, created_by=worker)
                     for ref in ("WV-M-1", "WV-M-2"))
    enrolment_model = old.get_model("collaboration", "MdaEnrolment")
    partner_model = old.get_model("collaboration", "MdaPartner")
    older = enrolment_model.objects.create(case=first, case_director=worker, reason="x", started_by=worker,
                                           started_at=timezone.now() - timedelta(days=3))
    newer = enrolment_model.objects.create(case=second, case_director=coordinator, reason="x", started_by=worker)
    for enrolment, user in ((older, police), (newer, police), (newer, ggz)):
        partner_model.objects.create(enrolment=enrolment, user=user, sector="other", basis="consent",
                                     basis_note="x", added_by=worker)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    kept, merged = MdaEnrolment.objects.get(pk=older.pk), MdaEnrolment.objects.get(pk=newer.pk)
    assert kept.ended_at is None and kept.case_director_id == worker.pk and kept.contact_person_id == worker.pk
    assert kept.household_id == household.pk
    assert set(kept.cases.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert merged.ended_at is not None and "Samengevoegd" in merged.end_reason
    active = MdaPartner.objects.filter(removed_at__isnull=True)
    assert sorted(active.values_list("enrolment_id", "user_id")) == sorted([(kept.pk, police.pk), (kept.pk, ggz.pk)])
