"""Assessment services: what is stored, what is refused, the audit rows, encryption of free text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.assessment.conftest import all_scores
from wijkveilig.assessment import selectors, services
from wijkveilig.assessment.models import BalanceFactor, ZrmScore
from wijkveilig.assessment.services import DangerEntry, ScaleEntry
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Note
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus

DANGER = DangerEntry(who_worried="De medewerker", behaviour="Vader duwde moeder tegen de muur (fictief)",
                     consequence="Moeder raakt ernstig gewond", safety_goal="Zes maanden geen geweld")


def test_balance_assess_stores_ticked_factors_with_encrypted_notes(world, actor):
    assessment = services.balance_assess(actor=actor, access=world.access, factors={
        "r_micro_addiction": "Fictief: alcohol in het weekend", "p_meso_social_support": ""})
    assert {f.code: f.note for f in assessment.factors.all()} == {
        "r_micro_addiction": "Fictief: alcohol in het weekend", "p_meso_social_support": ""}
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM assessment_balancefactor WHERE code = 'r_micro_addiction'")
        assert "alcohol" not in cursor.fetchone()[0]
    assert AccessLogEntry.objects.filter(event="assessment.balance_recorded", case_id=world.case.pk,
                                         section="assessment", username=world.worker.username).count() == 1


@pytest.mark.parametrize("factors", [{}, {"made_up": ""}])
def test_balance_assess_refuses_empty_or_unknown(world, actor, factors):
    with pytest.raises(DomainError):
        services.balance_assess(actor=actor, access=world.access, factors=factors)
    assert not BalanceFactor.objects.exists()
    assert not AccessLogEntry.objects.filter(event="assessment.balance_recorded").exists()


def test_balance_history_shows_change_since_last(world, actor):
    services.balance_assess(actor=actor, access=world.access, factors={"r_micro_addiction": ""})
    services.balance_assess(actor=actor, access=world.access, factors={"p_meso_social_support": ""})
    (_latest, now), (_first, before) = selectors.balance_history(world.case)
    assert (now.risk, now.protective, before.risk, before.protective) == (0, 1, 1, 0)


def test_zrm_twice_gives_a_trend_and_marks_stale_information(world, actor, mother):
    old_day = timezone.localdate() - timedelta(days=45)
    services.zrm_assess(actor=actor, access=world.access, person_id=mother.pk, information_on=old_day,
                        scores=all_scores(2))
    services.zrm_assess(actor=actor, access=world.access, person_id=mother.pk, information_on=timezone.localdate(),
                        scores=all_scores(3, domestic_relations=1))
    first, second = selectors.zrm_trend(world.case, mother.pk)
    assert (first.is_stale, second.is_stale) == (True, False)
    assert (first.scores["finances"], second.scores["finances"]) == (2, 3)
    assert selectors.zrm_chart_data([first, second])["series"][4] == {
        "code": "domestic_relations", "label": "Huiselijke relaties", "scores": [2, 1]}
    assert AccessLogEntry.objects.filter(event="assessment.zrm_recorded", case_id=world.case.pk).count() == 2


@pytest.mark.parametrize(("person", "day_offset", "scores"), [
    ("other", 0, all_scores()),        # a person outside this household
    ("mother", 1, all_scores()),       # information from the future
    ("mother", 0, {"finances": services.ZrmEntry(score=3)}),  # not all 13 domains
    ("mother", 0, all_scores(6)),      # out of range
])
def test_zrm_refuses_bad_input(world, actor, mother, person, day_offset, scores):
    person_id = mother.pk if person == "mother" else 2**40
    with pytest.raises(DomainError):
        services.zrm_assess(actor=actor, access=world.access, person_id=person_id,
                            information_on=timezone.localdate() + timedelta(days=day_offset), scores=scores)
    assert not ZrmScore.objects.exists()


def test_safety_mapping_and_scale_trend(world, actor, mother, child):
    services.safety_mapping_record(actor=actor, access=world.access, harm="Fictieve schade", dangers=[DANGER],
                                   scales=[ScaleEntry(party="worker", score=5),
                                           ScaleEntry(party="parent", person_id=mother.pk, score=6)])
    services.safety_mapping_record(actor=actor, access=world.access, dangers=[],
                                   scales=[ScaleEntry(party="worker", score=3),
                                           ScaleEntry(party="child", person_id=child.pk, score=2)])
    trend = selectors.safety_scale_trend(world.case)
    assert [(r["party"], r["person_id"], r["score"]) for r in trend] == [
        ("parent", mother.pk, 6), ("worker", None, 5), ("child", child.pk, 2), ("worker", None, 3)]
    mapping = selectors.latest_mapping(world.case)
    assert mapping.danger_statements.count() == 0
    assert world.case.safety_mappings.last().danger_statements.get().safety_goal == "Zes maanden geen geweld"


@pytest.mark.parametrize(("dangers", "scales"), [
    ([DANGER] * 4, []),  # more than three danger statements
    ([DangerEntry(who_worried="Medewerker", behaviour="Duwen", consequence="Letsel", safety_goal=" ")], []),
    ([], [ScaleEntry(party="worker", score=11)]),
    ([], [ScaleEntry(party="worker", score=4), ScaleEntry(party="worker", score=5)]),
    ([], [ScaleEntry(party="parent", person_id=2**40, score=4)]),
    ([], []),  # nothing at all
])
def test_safety_mapping_refuses_bad_input(world, actor, dangers, scales):
    with pytest.raises(DomainError):
        services.safety_mapping_record(actor=actor, access=world.access, dangers=dangers, scales=scales)
    assert not world.case.safety_mappings.exists()


def test_conversation_answer_becomes_a_note(world, actor):
    note = services.conversation_answer_record(actor=actor, access=world.access, question="basic_children",
                                               answer="Bo slaapt slecht (fictief)")
    assert Note.objects.get(pk=note.pk).body == "Wat is het effect op de kinderen?\nBo slaapt slecht (fictief)"
    with pytest.raises(DomainError):
        services.conversation_answer_record(actor=actor, access=world.access, question="nope", answer="x")


def test_closed_case_refuses_assessments(world, actor):
    case_services.case_close(actor=actor, access=world.access, expected_version=world.case.version,
                             reason="safety_reached")
    with pytest.raises(DomainError):
        services.balance_assess(actor=actor, access=world.access, factors={"r_micro_addiction": ""})


def test_partner_violence_prompt_follows_the_case(world, actor):
    case_services.violence_forms_set(actor=actor, access=world.access, forms={"partner_violence": ["physical"]})
    assert selectors.partner_violence_prompt(world.case) is False
    services.safety_mapping_record(actor=actor, access=world.access, dangers=[],
                                   scales=[ScaleEntry(party="worker", score=2)])
    assert selectors.partner_violence_prompt(world.case) is True
    meldcode_services.route_start(actor=actor, access=world.access)
    assert selectors.partner_violence_prompt(world.case) is False


def test_no_meldcode_prompt_after_the_case_was_reported_even_when_the_route_closed(world, actor):
    case_services.violence_forms_set(actor=actor, access=world.access, forms={"partner_violence": ["physical"]})
    services.safety_mapping_record(actor=actor, access=world.access, dangers=[],
                                   scales=[ScaleEntry(party="worker", score=2)])
    route = meldcode_services.route_start(actor=actor, access=world.access)
    meldcode_services.acute_danger_record(actor=actor, access=world.access, route_id=route.pk,
                                          police_called_at=timezone.now(), called_by="Medewerker (fictief)")
    meldcode_services.vt_report_send(actor=actor, access=world.access, route_id=route.pk,
                                     idempotency_key="prompt-after-report", not_informed_reason="Acuut (fictief)")
    route.refresh_from_db()
    MeldcodeRoute.objects.filter(pk=route.pk).update(status=RouteStatus.CLOSED)  # as after a report that ends it
    assert selectors.partner_violence_prompt(world.case) is False
