"""Safety plan services and selectors: what is stored, what is refused, audit rows, encryption."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.safety.conftest import SAFE_PLACE, entry
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Case
from wijkveilig.core.errors import DomainError
from wijkveilig.safety import selectors, services
from wijkveilig.safety.models import Agreement, PlanStatus, SafePlace


def test_agreements_are_listed_immediate_safety_first_and_encrypted(world, actor):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry("lasting", days=1, what="Cursus"))
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry("immediate", days=30))
    plan = selectors.plan_of(world.case)
    assert [a.kind for a in selectors.agreements(plan)] == ["immediate", "lasting"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT what, network FROM safety_agreement")
        assert all("Cursus" not in what and "Kees" not in network for what, network in cursor.fetchall())
    assert AccessLogEntry.objects.filter(event="safety.agreement_added", case_id=world.case.pk, section="safety",
                                         username=world.worker.username).count() == 2


@pytest.mark.parametrize("overrides", [{"who": " "}, {"what": ""}, {"kind": "forever"}])
def test_agreement_add_refuses_incomplete_and_stores_nothing(world, actor, overrides):
    with pytest.raises(DomainError):
        services.safety_agreement_add(actor=actor, access=world.access, entry=entry(**overrides))
    assert not Agreement.objects.exists()
    assert not AccessLogEntry.objects.filter(event="safety.agreement_added").exists()


def test_plan_cannot_be_agreed_until_every_victim_has_a_safe_place(world, actor, victim, perpetrator):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    with pytest.raises(DomainError, match="Vul voor elk slachtoffer in waar"):
        services.safety_plan_agree(actor=actor, access=world.access)
    assert selectors.plan_of(world.case).status == PlanStatus.DRAFT
    services.safe_place_set(expected_version=0, actor=actor, access=world.access,
                            person_id=victim.pk, answer=SAFE_PLACE)
    plan = services.safety_plan_agree(actor=actor, access=world.access)
    assert plan.status == PlanStatus.AGREED and plan.agreed_by == world.worker
    assert AccessLogEntry.objects.filter(event="safety.plan_agreed", case_id=world.case.pk).count() == 1


def test_plan_without_agreements_cannot_be_agreed(world, actor):
    with pytest.raises(DomainError, match="ten minste één afspraak"):
        services.safety_plan_agree(actor=actor, access=world.access)


def test_safe_place_only_for_a_victim_and_not_empty(world, actor, victim, perpetrator):
    with pytest.raises(DomainError):
        services.safe_place_set(expected_version=0, actor=actor, access=world.access,
                                person_id=perpetrator.pk, answer=SAFE_PLACE)
    with pytest.raises(DomainError):
        services.safe_place_set(expected_version=0, actor=actor, access=world.access, person_id=victim.pk, answer="  ")
    assert not SafePlace.objects.exists()
    services.safe_place_set(expected_version=0, actor=actor, access=world.access, person_id=victim.pk, answer="eerst")
    services.safe_place_set(expected_version=1, actor=actor, access=world.access,
                            person_id=victim.pk, answer=SAFE_PLACE)
    assert list(SafePlace.objects.values_list("answer", flat=True)) == [SAFE_PLACE]
    with connection.cursor() as cursor:
        cursor.execute("SELECT answer FROM safety_safeplace")
        assert "Proefstad" not in cursor.fetchone()[0]


def test_adding_an_agreement_sends_an_agreed_plan_back_to_draft(world, actor):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    services.safety_plan_agree(actor=actor, access=world.access)
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry("lasting"))
    assert selectors.plan_of(world.case).status == PlanStatus.DRAFT


def test_reviews_are_rows_and_kept_ends_overdue(world, actor):
    Case.objects.filter(pk=world.case.pk).update(opened_at=timezone.now() - timedelta(days=30))
    world.access.case.refresh_from_db()
    agreement = services.safety_agreement_add(actor=actor, access=world.access, entry=entry(days=-3))
    today = timezone.localdate()
    assert selectors.overdue_agreements([world.case.pk], today) == {world.case.pk: 1}
    services.safety_agreement_review(actor=actor, access=world.access, agreement_id=agreement.pk,
                                     status="not_kept", reviewed_on=today, note="Fictief: niet gelukt")
    assert selectors.overdue_agreements([world.case.pk], today) == {world.case.pk: 1}
    services.safety_agreement_review(actor=actor, access=world.access, agreement_id=agreement.pk,
                                     status="kept", reviewed_on=today)
    assert agreement.reviews.count() == 2
    assert selectors.overdue_agreements([world.case.pk], today) == {}
    assert AccessLogEntry.objects.filter(event="safety.agreement_reviewed", case_id=world.case.pk).count() == 2


@pytest.mark.parametrize(("status", "days"), [("forgotten", 0), ("kept", -1)])
def test_review_refuses_bad_status_or_future_date(world, actor, status, days):
    agreement = services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    with pytest.raises(DomainError):
        services.safety_agreement_review(actor=actor, access=world.access, agreement_id=agreement.pk, status=status,
                                         reviewed_on=timezone.localdate() - timedelta(days=days))
    assert not agreement.reviews.exists()


def test_missed_reviews_counts_plans_past_their_review_date(world, actor):
    agreement = services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    services.plan_update(expected_version=1, actor=actor, access=world.access, review_on=timezone.localdate())
    later = timezone.localdate() + timedelta(days=2)
    assert selectors.missed_reviews([world.case.pk], later) == {world.case.pk: 1}
    services.safety_agreement_review(actor=actor, access=world.access, agreement_id=agreement.pk, status="partly",
                                     reviewed_on=timezone.localdate())
    assert selectors.missed_reviews([world.case.pk], later) == {}
    assert selectors.missed_reviews([], later) == {}


def test_review_date_in_the_past_is_refused(world, actor):
    with pytest.raises(DomainError):
        services.plan_update(expected_version=1, actor=actor, access=world.access,
                             review_on=timezone.localdate() - timedelta(days=1))


def test_closed_case_refuses_changes(world, actor):
    case_services.case_close(actor=actor, access=world.access, reason="safety_reached",
                             expected_version=world.case.version)
    world.access.case.refresh_from_db()
    with pytest.raises(DomainError, match="gesloten"):
        services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
