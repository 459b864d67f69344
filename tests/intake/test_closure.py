"""The closure rule: which outcome ends which colour, and when a concern leaves the coordinator's queue."""

import pytest

from tests.intake.conftest import answers, register
from wijkveilig.audit.services import Actor
from wijkveilig.intake import closure, selectors
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.models import ConcernHandling

R, K, C, T = Outcome.REPORTED, Outcome.VT_ALREADY_KNOWS, Outcome.CASE_WITH_ROUTE, Outcome.CASE

# colour → may it end with: report, VT already knows, case with route, plain case
ENDINGS = [
    ("rood",   True,  True,  True,  False),
    ("oranje", True,  True,  True,  False),
    ("geel",   False, False, False, True),
    ("groen",  False, False, False, True),
    ("",       False, False, False, False),   # not yet triaged: nothing ends it
    ("paars",  False, False, False, False),   # not a colour
]


@pytest.mark.parametrize(("colour", "report", "known", "route", "case"), ENDINGS)
def test_which_outcome_ends_which_colour(colour, report, known, route, case):
    assert [closure.may_end_with(colour, o) for o in (R, K, C, T)] == [report, known, route, case]


@pytest.mark.parametrize(("colour", "expected"), [
    ("rood", Outcome.CASE_WITH_ROUTE), ("oranje", Outcome.CASE_WITH_ROUTE), ("geel", Outcome.CASE),
    ("groen", Outcome.CASE), ("", None)])
def test_opening_a_case_from_oranje_or_rood_means_a_meldcode_route(colour, expected):
    assert closure.case_outcome(colour) == expected


# (colour, recorded outcome, case made from it) → still open for handling (in the queue)?
OPEN_FOR_HANDLING = [
    ("rood", "", False, True),                 # "Veilig Thuis heeft de regie" alone is no end state
    ("oranje", "", False, True),
    ("rood", R, False, False),
    ("rood", K, False, False),
    ("oranje", C, True, False),
    ("oranje", T, False, True),                # a plain case outcome does not fit oranje
    ("geel", R, False, True),                  # a report does not end geel (it cannot be recorded either)
    ("geel", "", False, True),
    ("geel", T, True, False),
    ("groen", "", True, False),                # a case made from it always ends it
    ("", "", False, True),                     # not yet triaged
]


@pytest.mark.parametrize(("colour", "outcome", "has_case", "is_open"), OPEN_FOR_HANDLING)
def test_open_for_handling(colour, outcome, has_case, is_open):
    assert closure.is_open_for_handling(colour=colour, outcome=outcome, has_case=has_case) is is_open


@pytest.mark.parametrize("outcome", [R, K])
@pytest.mark.parametrize("triage", [answers(a=True), answers(b=True)])
def test_the_queue_query_follows_the_rule(iworld, triage, outcome):
    """The queue's queryset (`Concern.objects.open()`) and the pure rule agree on every handled and unhandled row."""
    concern = register(iworld.vt_liaison, colour_answers=triage)
    assert concern in selectors.team_queue(iworld.coordinator)
    assert closure.is_open_for_handling(colour=concern.final_colour)
    ConcernHandling.objects.create(concern=concern, outcome=outcome, idempotency_key="k" * 8, vt_known_on="2024-05-01",
                                   reported_to=iworld.vt_liaison, recorded_by=Actor.system(iworld.coordinator).user)
    assert concern not in selectors.team_queue(iworld.coordinator)
    assert not closure.is_open_for_handling(colour=concern.final_colour, outcome=outcome)
