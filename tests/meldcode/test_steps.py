"""Step order and completion rules of the Meldcode route."""

import pytest

from wijkveilig.meldcode.steps import Blocker, RouteFacts, Step, completion_blockers, current_step, reopen

ALL = frozenset({1, 2, 3, 4, 5})


@pytest.mark.parametrize("completed, expected", [
    (frozenset(), Step.SIGNALS), (frozenset({1}), Step.CONSULTATION), (frozenset({1, 2}), Step.CONVERSATION),
    (frozenset({1, 2, 3}), Step.WEIGHING), (frozenset({1, 2, 3, 4}), Step.DECISION), (ALL, None),
])
def test_current_step_is_the_first_open_one(completed, expected):
    assert current_step(completed) == expected


@pytest.mark.parametrize("step, facts, blockers", [
    (Step.SIGNALS, RouteFacts(), [Blocker.NO_SIGNALS]),
    (Step.SIGNALS, RouteFacts(signal_count=2), []),
    (Step.SIGNALS, RouteFacts(signal_count=1, kindcheck_required=True), [Blocker.KINDCHECK_OPEN]),
    (Step.SIGNALS, RouteFacts(signal_count=1, kindcheck_required=True, kindcheck_answered=True), []),
    # Issue 9.5: registered minors need a kindcheck (or its recorded "niet van toepassing"); "no minors" is no answer
    (Step.SIGNALS, RouteFacts(signal_count=1, has_minors=True), [Blocker.KINDCHECK_MISSING]),
    (Step.SIGNALS, RouteFacts(has_minors=True), [Blocker.NO_SIGNALS, Blocker.KINDCHECK_MISSING]),
    (Step.SIGNALS, RouteFacts(signal_count=1, has_minors=True, kindcheck_required=True), [Blocker.KINDCHECK_MISSING]),
    (Step.SIGNALS, RouteFacts(signal_count=1, has_minors=True, kindcheck_answered=True), []),
    (Step.SIGNALS, RouteFacts(signal_count=1, has_minors=True, kindcheck_answered=True, kindcheck_denies_minors=True),
     [Blocker.KINDCHECK_MISSING]),
    (Step.SIGNALS, RouteFacts(signal_count=1, kindcheck_answered=True, kindcheck_denies_minors=True), []),
    (Step.CONSULTATION, RouteFacts(completed=frozenset({1})), [Blocker.NO_CONSULTATION]),
    (Step.CONSULTATION, RouteFacts(completed=frozenset({1}), consultation_count=1), []),
    (Step.CONVERSATION, RouteFacts(completed=frozenset({1, 2})), [Blocker.NO_CONVERSATION]),
    (Step.CONVERSATION, RouteFacts(completed=frozenset({1, 2}), conversation_recorded=True), []),
    (Step.WEIGHING, RouteFacts(completed=frozenset({1, 2, 3})), [Blocker.NO_WEIGHING]),
    (Step.WEIGHING, RouteFacts(completed=frozenset({1, 2, 3}), weighing_recorded=True), []),
    (Step.WEIGHING, RouteFacts(completed=frozenset({1, 2, 3}), weighing_recorded=True, weighing_in_doubt=True),
     [Blocker.DOUBT_WITHOUT_VT]),
    (Step.WEIGHING, RouteFacts(completed=frozenset({1, 2, 3}), weighing_recorded=True, weighing_in_doubt=True,
                               vt_consulted=True), []),
    (Step.DECISION, RouteFacts(completed=frozenset({1, 2, 3, 4})), [Blocker.DECISION_OPEN]),
    (Step.DECISION, RouteFacts(completed=frozenset({1, 2, 3, 4}), decision_final=True), []),
    # skipping forward is refused whatever has been recorded
    (Step.WEIGHING, RouteFacts(completed=frozenset({1}), weighing_recorded=True), [Blocker.EARLIER_STEP_OPEN]),
    (Step.DECISION, RouteFacts(decision_final=True), [Blocker.EARLIER_STEP_OPEN]),
    (Step.SIGNALS, RouteFacts(completed=frozenset({1}), signal_count=1), [Blocker.ALREADY_COMPLETED]),
])
def test_completion_blockers(step, facts, blockers):
    assert completion_blockers(step, facts) == blockers


@pytest.mark.parametrize("step, completed, expected", [
    (Step.CONSULTATION, frozenset({1, 2, 3}), frozenset({1})),
    (Step.SIGNALS, ALL, frozenset()),
    (Step.DECISION, ALL, frozenset({1, 2, 3, 4})),
    (Step.WEIGHING, frozenset({1, 2}), None),  # cannot go "back" to a step not yet completed
])
def test_going_back_reopens_that_step_and_later_ones(step, completed, expected):
    assert reopen(step, completed) == expected
