"""Pure rules of issue 9: returning violence (meldnorm 3), report-and-help phases, feedback deadlines. Tables."""

from datetime import date

import pytest

from wijkveilig.meldcode.afwegingskader import (
    Outcome,
    Phase,
    VtAnswer,
    closes_after_report,
    decide,
    may_record_returning_violence,
    may_record_vt_answer,
    phase,
)
from wijkveilig.meldcode.deadlines import feedback_due_on

HELP = {"suspicion": True, "unsafety": False, "can_help": True, "help_accepted": True}
MONITORED = {**HELP, "result_achieved": True}
NORM_1 = {"suspicion": True, "unsafety": True}
NORM_2 = {"suspicion": True, "unsafety": False, "can_help": False}
NO_SUSPICION = {"suspicion": False}

# answers, returning violence recorded -> (outcome, report norm)
DECIDE = [
    (HELP, False, Outcome.ORGANISE_HELP, None),
    (HELP, True, Outcome.REPORT_AGAIN, 3),  # during the help period, before the evaluation date
    (MONITORED, False, Outcome.CLOSE_WITH_MONITORING, None),
    (MONITORED, True, Outcome.REPORT_AGAIN, 3),  # after closing with monitoring
    (NORM_1, False, Outcome.REPORT, 1),
    (NORM_1, True, Outcome.REPORT_AGAIN, 3),  # while helping under Veilig Thuis's conditions
    (NORM_2, True, Outcome.REPORT, 2),  # the wijkteam does not help: nothing returns "during help"
    (NO_SUSPICION, True, Outcome.CLOSE_AND_RECORD, None),
    ({"suspicion": True}, True, None, None),  # still deciding
]


@pytest.mark.parametrize("answers, returning, outcome, norm", DECIDE)
def test_returning_violence_reports_again_with_meldnorm_3(answers, returning, outcome, norm):
    decision = decide(answers, returning_violence=returning)
    assert (decision.outcome, decision.report_norm) == (outcome, norm)


# answers, returning, closed, reported, vt answer -> phase
PHASES = [
    ({"suspicion": True}, False, False, False, None, Phase.DECIDING),
    (HELP, False, False, False, None, Phase.HELP),
    (HELP, True, False, False, None, Phase.REPORT_DUE),
    (HELP, True, False, True, None, Phase.WITH_VT),
    (NORM_1, False, False, False, None, Phase.REPORT_DUE),
    (NORM_1, False, False, True, None, Phase.AWAITING_VT_ANSWER),
    (NORM_1, False, False, True, VtAnswer.HELP_UNDER_CONDITIONS, Phase.HELP_UNDER_VT_CONDITIONS),
    (NORM_1, False, False, True, VtAnswer.VT_TAKES_OVER, Phase.WITH_VT),
    (NORM_1, False, False, True, VtAnswer.OTHER_ORGANISATION, Phase.WITH_VT),
    (NORM_1, True, False, False, VtAnswer.HELP_UNDER_CONDITIONS, Phase.REPORT_DUE),  # returning under conditions
    (NORM_2, False, False, True, None, Phase.WITH_VT),
    (MONITORED, False, True, False, None, Phase.CLOSED),
]


@pytest.mark.parametrize("answers, returning, closed, reported, vt_answer, expected", PHASES)
def test_phase_is_derived(answers, returning, closed, reported, vt_answer, expected):
    decision = decide(answers, returning_violence=returning)
    assert phase(decision, is_closed=closed, reported=reported, vt_answer=vt_answer) == expected


# phase, answers (for the closed case) -> may record returning violence, may record VT's answer
MAY = [
    (Phase.DECIDING, {"suspicion": True}, False, False),
    (Phase.HELP, HELP, True, False),
    (Phase.HELP_UNDER_VT_CONDITIONS, NORM_1, True, True),
    (Phase.AWAITING_VT_ANSWER, NORM_1, False, True),
    (Phase.REPORT_DUE, NORM_1, False, False),  # meldnorm 1 not yet reported: just report
    (Phase.WITH_VT, NORM_2, False, False),
    (Phase.CLOSED, MONITORED, True, False),  # closed with monitoring: reopens
    (Phase.DECIDING, MONITORED, True, False),  # question 5 "ja", monitoring agreements not yet made
    (Phase.CLOSED, NO_SUSPICION, False, False),
]


@pytest.mark.parametrize("current, answers, returning, vt_answer", MAY)
def test_what_may_be_recorded_in_each_phase(current, answers, returning, vt_answer):
    assert may_record_returning_violence(current, decide(answers)) is returning
    assert may_record_vt_answer(current) is vt_answer


@pytest.mark.parametrize("after, step5, norm, closes", [
    (Phase.WITH_VT, True, 2, True),
    (Phase.WITH_VT, False, 2, False),  # acute report during steps 1-4: the steps go on
    (Phase.WITH_VT, False, 3, True),  # returning violence: decided already
    (Phase.AWAITING_VT_ANSWER, True, 1, False),  # meldnorm 1: questions 3-5 with Veilig Thuis first
    (Phase.HELP, True, None, False),
])
def test_which_report_closes_the_route(after, step5, norm, closes):
    assert closes_after_report(after, step5_completed=step5, report_norm=norm) is closes


# Friday 27 Nov 2026; Thursday 24 Dec 2026 (Christmas, Boxing Day and New Year are holidays)
DEADLINES = [
    ("after_assessment", date(2026, 11, 27), False, None, None, date(2026, 12, 4)),
    ("after_assessment", date(2026, 11, 27), True, None, None, date(2026, 11, 27)),  # acute: the same day
    ("after_assessment", date(2026, 12, 24), False, None, None, date(2027, 1, 4)),  # also New Year
    ("after_assessment", date(2026, 12, 24), True, None, None, date(2026, 12, 24)),
    ("after_investigation", date(2026, 11, 27), False, "own_investigation", date(2026, 12, 2), date(2027, 2, 10)),
    ("after_investigation", date(2026, 11, 27), True, "own_investigation", date(2026, 11, 27), date(2027, 2, 5)),
    ("after_investigation", date(2026, 11, 27), False, "rvdk_request", date(2026, 12, 2), None),
    ("after_investigation", date(2026, 11, 27), False, "transfer", date(2026, 12, 2), None),
    ("after_investigation", date(2026, 11, 27), False, None, None, None),  # no first feedback yet
]


@pytest.mark.parametrize("moment, sent_on, acute, first, first_on, due", DEADLINES)
def test_feedback_deadlines(moment, sent_on, acute, first, first_on, due):
    assert feedback_due_on(moment, sent_on=sent_on, is_acute=acute, first_decision=first,
                           first_received_on=first_on) == due
