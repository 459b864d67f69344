"""Every path through the five questions of the afwegingskader (domain-facts.md §1.4)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkveilig.meldcode.afwegingskader import Outcome, Question, decide, questions_asked

Q = [q.value for q in Question]


def answers(*values):
    return dict(zip(Q, values))


@pytest.mark.parametrize("given_answers, outcome, norm, next_question", [
    # 1. no suspicion: close the route and record why
    (answers(False), Outcome.CLOSE_AND_RECORD, None, None),
    # 2. acute or structural unsafety: report (meldnorm 1), questions 3-5 together with Veilig Thuis
    (answers(True, True), Outcome.REPORT, 1, None),
    # 3. cannot offer or organise effective help: report (meldnorm 2)
    (answers(True, False, False), Outcome.REPORT, 2, None),
    # 4. help not accepted: report (meldnorm 2)
    (answers(True, False, True, False), Outcome.REPORT, 2, None),
    # 5. help accepted, evaluation pending: organise help, question 5 after the evaluation date
    (answers(True, False, True, True), Outcome.ORGANISE_HELP, None, Question.RESULT_ACHIEVED),
    # 6. help worked within the period: close with monitoring agreements
    (answers(True, False, True, True, True), Outcome.CLOSE_WITH_MONITORING, None, None),
    # 7. help did not bring safety: report (again) (meldnorm 3)
    (answers(True, False, True, True, False), Outcome.REPORT_AGAIN, 3, None),
])
def test_every_path(given_answers, outcome, norm, next_question):
    decision = decide(given_answers)
    assert decision.outcome == outcome
    assert decision.report_norm == norm
    assert decision.next_question == next_question


@pytest.mark.parametrize("given_answers, next_question", [
    ({}, Question.SUSPICION),
    (answers(True), Question.UNSAFETY),
    (answers(True, False), Question.CAN_HELP),
    (answers(True, False, True), Question.HELP_ACCEPTED),
])
def test_unfinished_route_asks_the_next_question_in_order(given_answers, next_question):
    decision = decide(given_answers)
    assert decision.outcome is None
    assert decision.next_question == next_question


def test_answers_after_the_outcome_do_not_change_it():
    assert decide(answers(False, True, True, True, True)).outcome == Outcome.CLOSE_AND_RECORD
    assert decide(answers(True, True, False, False, False)).outcome == Outcome.REPORT


def test_questions_cannot_be_skipped():
    # an answer to question 3 without question 2 is not used
    decision = decide({"suspicion": True, "can_help": True})
    assert decision.next_question == Question.UNSAFETY
    assert questions_asked({"suspicion": True, "can_help": True}) == [Question.SUSPICION, Question.UNSAFETY]


@given(st.fixed_dictionaries({}, optional={q: st.one_of(st.none(), st.booleans()) for q in Q}))
def test_every_sequence_ends_in_exactly_one_defined_state(given_answers):
    decision = decide(given_answers)
    if decision.is_final:
        assert decision.outcome in set(Outcome)
        assert decision.outcome != Outcome.ORGANISE_HELP
    else:
        assert decision.next_question in set(Question)
    # the path follows the fixed order without gaps
    asked = [q for q, _ in decision.path]
    assert asked == list(Question)[: len(asked)]


@given(st.lists(st.booleans(), min_size=5, max_size=5))
def test_all_five_answered_always_final(values):
    decision = decide(answers(*values))
    assert decision.is_final
    assert decision.outcome in {Outcome.CLOSE_AND_RECORD, Outcome.REPORT, Outcome.CLOSE_WITH_MONITORING,
                                Outcome.REPORT_AGAIN}
