"""AVE phase from what is known: the rule table, the prompt on the case and AVE pages, and who holds operational
and administrative responsibility per phase change (page, API, timeline)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.collaboration.conftest import overdue_vt_report
from tests.conftest import login_client
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Case
from wijkveilig.collaboration import selectors, services
from wijkveilig.collaboration.ave import CaseFacts, Fact, Suggestion, needs_setting, suggest
from wijkveilig.collaboration.models import AvePhaseChange
from wijkveilig.collaboration.stagnation import Reason
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import FeedbackMoment, VtDecision, VtFeedback


@pytest.fixture
def consulted(world):
    case_services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                     specialist_id=world.specialist.pk)
    return world.specialist


RESPONSIBLE = {"operational_responsibility": "Teamleider wijkteam Noord (fictief)",
               "administrative_responsibility": "Wethouder sociaal domein (fictief)"}


@pytest.mark.parametrize(("facts", "expected"), [
    (CaseFacts(), Suggestion(1, ())),
    (CaseFacts(has_safety_plan=True), Suggestion(2, (Fact.SAFETY_PLAN,))),
    (CaseFacts(has_open_meldcode_route=True), Suggestion(2, (Fact.OPEN_MELDCODE_ROUTE,))),
    (CaseFacts(has_open_meldcode_route=True, has_safety_plan=True),
     Suggestion(2, (Fact.OPEN_MELDCODE_ROUTE, Fact.SAFETY_PLAN))),
    # a report to Veilig Thuis is at least AVE 3, whatever else is known below it
    (CaseFacts(has_vt_report=True), Suggestion(3, (Fact.REPORTED_TO_VT,))),
    (CaseFacts(has_vt_report=True, has_open_meldcode_route=True, has_safety_plan=True),
     Suggestion(3, (Fact.REPORTED_TO_VT,))),
    (CaseFacts(has_vt_report=True, has_vt_investigation=True), Suggestion(3, (Fact.VT_INVESTIGATION,
                                                                              Fact.REPORTED_TO_VT))),
    (CaseFacts(is_mda_active=True), Suggestion(4, (Fact.MDA_ACTIVE,))),
    (CaseFacts(is_mda_active=True, has_vt_report=True, has_safety_plan=True), Suggestion(4, (Fact.MDA_ACTIVE,))),
])
def test_suggestion_is_the_highest_phase_the_facts_justify(facts, expected):
    assert suggest(facts) == expected


@pytest.mark.parametrize(("recorded", "suggested", "acknowledged", "ask"), [
    (None, 1, None, False),   # nothing known, nothing recorded: AVE 1 is right
    (None, 2, None, True),    # a phase is called for but none was ever set: never silently AVE 1
    (None, 3, None, True),
    (1, 3, 1, True),          # set while AVE 1 was right; now reported to Veilig Thuis
    (2, 3, None, True),       # rows from before suggestions were recorded
    (3, 3, 3, False),
    (4, 3, 3, False),         # higher than suggested: the team knows more
    (2, 3, 3, False),         # deliberately set below the suggestion, with a reason: not asked again ...
    (2, 4, 3, True),          # ... until the facts call for more than then
    (1, 2, 2, False),
])
def test_when_a_person_is_asked_to_set_the_phase(recorded, suggested, acknowledged, ask):
    assert needs_setting(recorded=recorded, suggested=suggested, acknowledged=acknowledged) is ask


def _reported(world):
    """The world's case reported to Veilig Thuis (a VT report exists)."""
    return overdue_vt_report(world, days_ago=0)


def test_a_reported_case_asks_for_ave_3_on_the_case_page_with_the_reason(world):
    assert selectors.ave_prompt(world.case) is None
    _reported(world)
    assert selectors.ave_prompt(world.case) == {"phase": 3, "reasons": (Fact.REPORTED_TO_VT,)}
    page = login_client(world.worker).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "Stel de AVE-fase vast: op grond van wat bekend is past AVE 3." in page
    assert "de casus is gemeld bij Veilig Thuis" in page
    assert reverse("collaboration:ave", args=[world.case.pk]) in page


def test_vt_investigation_is_named_as_the_reason(world):
    report = _reported(world)
    VtFeedback.objects.create(report=report, moment=FeedbackMoment.AFTER_ASSESSMENT,
                              decision=VtDecision.RVDK_REQUEST, summary="Fictief", received_on=date.today(),
                              recorded_by=world.worker)
    assert selectors.ave_prompt(world.case)["reasons"] == (Fact.VT_INVESTIGATION, Fact.REPORTED_TO_VT)


def test_open_meldcode_route_suggests_ave_2(world):
    meldcode_services.route_start(actor=Actor.system(world.worker), access=world.access)
    assert selectors.ave_prompt(world.case) == {"phase": 2, "reasons": (Fact.OPEN_MELDCODE_ROUTE,)}


def test_setting_the_phase_records_both_responsibilities_and_ends_the_prompt(world):
    _reported(world)
    client = login_client(world.coordinator)
    ave_url = reverse("collaboration:ave", args=[world.case.pk])
    form = client.get(ave_url).content.decode()
    assert re.search(r'<input[^>]*name="phase"[^>]*value="3"[^>]*checked', form)  # the suggestion is preselected
    missing = client.post(ave_url, {"phase": "3", "reason": "Fictief: gemeld bij Veilig Thuis",
                                    "case_direction": "Wijkteam", "process_direction": "Coördinator"})
    assert missing.status_code == 400 and "Fictief: gemeld bij Veilig Thuis" in missing.content.decode()
    assert not AvePhaseChange.objects.exists()
    done = client.post(ave_url, {"phase": "3", "reason": "Fictief: gemeld bij Veilig Thuis",
                                 "case_direction": "Wijkteam", "process_direction": "Coördinator", **RESPONSIBLE})
    assert done.status_code == 302
    change = AvePhaseChange.objects.get()
    assert (change.previous_phase, change.phase, change.suggested_phase) == (1, 3, 3)
    assert change.operational_responsibility == RESPONSIBLE["operational_responsibility"]
    assert change.administrative_responsibility == RESPONSIBLE["administrative_responsibility"]
    assert selectors.ave_prompt(world.case) is None
    ave_page = client.get(ave_url).content.decode()
    assert "Wethouder sociaal domein (fictief)" in ave_page and "Teamleider wijkteam Noord (fictief)" in ave_page
    case_page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "Stel de AVE-fase vast" not in case_page
    assert "Opgeschaald (AVE); operationeel / bestuurlijk verantwoordelijk: Teamleider wijkteam Noord" in case_page


def test_a_deliberately_lower_phase_is_not_asked_again(world):
    _reported(world)
    services.ave_phase_change(actor=Actor.system(world.worker), access=world.access, phase=1,
                              reason="Fictief: Veilig Thuis heeft het overgenomen, wij helpen niet meer",
                              case_direction="Veilig Thuis", process_direction="Veilig Thuis", **RESPONSIBLE)
    change = AvePhaseChange.objects.get()
    assert (change.previous_phase, change.phase, change.suggested_phase) == (1, 1, 3)
    assert world.case.timeline.filter(event="collaboration.ave_phase_set").exists()
    assert selectors.ave_prompt(world.case) is None
    services.mda_start(actor=Actor.system(world.worker), access=world.access, case_director_id=world.worker.pk,
                       criteria=["escalation_risk"], reason="Fictief")
    assert selectors.ave_prompt(world.case) == {"phase": 4, "reasons": (Fact.MDA_ACTIVE,)}


def test_who_may_set_the_phase_is_unchanged(world, consulted):
    _reported(world)
    page = login_client(consulted).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "Stel de AVE-fase vast" in page  # a reader sees that the phase is missing ...
    assert reverse("collaboration:ave", args=[world.case.pk]) not in page  # ... but gets no link to set it
    api = login_client(consulted).post(f"/api/v1/cases/{world.case.pk}/ave", {
        "phase": 3, "reason": "x", "case_direction": "x", "process_direction": "x", **RESPONSIBLE},
        content_type="application/json")
    assert api.status_code == 403 and not AvePhaseChange.objects.exists()


def test_api_shows_the_suggestion_and_records_the_responsibilities(world):
    _reported(world)
    client = login_client(world.worker)
    base = f"/api/v1/cases/{world.case.pk}"
    assert client.get(f"{base}/collaboration").json()["ave_suggestion"] == {"phase": 3, "reasons": ["reported_to_vt"]}
    created = client.post(f"{base}/ave", {"phase": 3, "reason": "Fictief", "case_direction": "Wijkteam",
                                          "process_direction": "Gemeente", **RESPONSIBLE},
                          content_type="application/json")
    assert created.status_code == 201
    assert created.json()["operational_responsibility"] == RESPONSIBLE["operational_responsibility"]
    data = client.get(f"{base}/collaboration").json()
    assert data["ave_suggestion"] is None and data["ave_changes"][0]["suggested_phase"] == 3


# ---- overdue case-conference decisions are stagnation ----------------------------------------------------------

def _decision_due(world, due_on):
    # The case has been open a while: a decision due before the case existed is refused.
    Case.objects.filter(pk=world.case.pk).update(opened_at=timezone.now() - timedelta(days=30))
    world.access.case.refresh_from_db()
    # The conference took place two weeks ago: a decision due before its meeting is refused.
    services.conference_record(actor=Actor.system(world.worker), access=world.access,
                               scheduled_at=timezone.now() - timedelta(days=14), participant_ids=[world.worker.pk],
                               question="Fictief", risk_estimate="moderate",
                               decisions=[services.DecisionIn("Fictief: huisbezoek", world.worker.pk, due_on)])


@pytest.mark.parametrize(("days", "done", "stagnates"), [
    (-1, False, True),   # past its due date, not done
    (0, False, False),   # due today: not yet overdue
    (5, False, False),
    (-1, True, False),   # done late is done
])
def test_overdue_decision_proposes_scaling_up(world, days, done, stagnates):
    _decision_due(world, timezone.localdate() + timedelta(days=days))
    if done:
        decision = world.case.conferences.get().decisions.get()
        services.decision_complete(actor=Actor.system(world.worker), access=world.access, decision_id=decision.pk)
    proposal = selectors.proposal_for(world.case)
    assert (proposal is not None and Reason.OVERDUE_DECISIONS in proposal.reasons) is stagnates


def test_coordinator_sees_the_proposal_with_the_overdue_decision_reason(world):
    _decision_due(world, timezone.localdate() - timedelta(days=2))
    assert selectors.proposal_for(world.case).reasons == (Reason.OVERDUE_DECISIONS,)
    page = login_client(world.coordinator).get(reverse("cases:caseload")).content.decode()
    assert "besluit uit de casusbespreking is over datum en niet afgerond" in page
    ave_page = login_client(world.coordinator).get(reverse("collaboration:ave", args=[world.case.pk]))
    assert "een besluit uit de casusbespreking is over datum en niet afgerond" in ave_page.content.decode()
