"""The 2019 afwegingskader as a table: five questions in order, each answer leads to a question or an outcome.

Source: domain-facts.md §1.4 (NJi, handelingsprotocol Utrecht, Meldcode Haaglanden). Pure: plain data in, plain data
out.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Question(StrEnum):
    SUSPICION = "suspicion"
    UNSAFETY = "unsafety"
    CAN_HELP = "can_help"
    HELP_ACCEPTED = "help_accepted"
    RESULT_ACHIEVED = "result_achieved"


class Outcome(StrEnum):
    CLOSE_AND_RECORD = "close_and_record"
    REPORT = "report"
    ORGANISE_HELP = "organise_help"
    CLOSE_WITH_MONITORING = "close_with_monitoring"
    REPORT_AGAIN = "report_again"


ORDER: tuple[Question, ...] = tuple(Question)

# question -> (what follows "ja", what follows "nee")
TABLE: dict[Question, tuple[Question | Outcome, Question | Outcome]] = {
    Question.SUSPICION: (Question.UNSAFETY, Outcome.CLOSE_AND_RECORD),
    Question.UNSAFETY: (Outcome.REPORT, Question.CAN_HELP),
    Question.CAN_HELP: (Question.HELP_ACCEPTED, Outcome.REPORT),
    Question.HELP_ACCEPTED: (Question.RESULT_ACHIEVED, Outcome.REPORT),
    Question.RESULT_ACHIEVED: (Outcome.CLOSE_WITH_MONITORING, Outcome.REPORT_AGAIN),
}

# The three professional reporting norms (meldnormen) and the record duty, per outcome.
NORMS: dict[Outcome, str] = {
    Outcome.CLOSE_AND_RECORD: "record_closure",
    Outcome.REPORT: "report_norm",
    Outcome.ORGANISE_HELP: "organise_help",
    Outcome.CLOSE_WITH_MONITORING: "monitoring_agreements",
    Outcome.REPORT_AGAIN: "report_norm_3",
}


@dataclass(frozen=True)
class Decision:
    """Where the afwegingskader stands: the outcome so far, and the question still to answer (if any)."""

    outcome: Outcome | None
    next_question: Question | None
    path: tuple[tuple[Question, bool], ...]
    report_norm: int | None = None  # which meldnorm (1, 2, 3) makes reporting the professional norm

    @property
    def is_final(self) -> bool:
        return self.next_question is None


def _report_norm(question: Question) -> int:
    norms = {Question.UNSAFETY: 1, Question.CAN_HELP: 2, Question.HELP_ACCEPTED: 2, Question.RESULT_ACHIEVED: 3}
    return norms[question]


def decide(answers: Mapping[str, bool | None], *, returning_violence: bool = False) -> Decision:
    """Walk the questions in order; answers after the point where an outcome is reached are ignored.

    With "ja" on question 4 and question 5 not yet answered, the outcome is ORGANISE_HELP: help is given until the
    evaluation date, after which question 5 decides between closing with monitoring and reporting (again).
    Meldnorm 3: returning violence recorded while help is given (or after closing with monitoring, or while the
    wijkteam helps under Veilig Thuis's conditions) means report again at once, without waiting for question 5.
    """
    decision = _walk(answers)
    if returning_violence and helps(decision):
        return Decision(outcome=Outcome.REPORT_AGAIN, next_question=None, path=decision.path, report_norm=3)
    return decision


def helps(decision: Decision) -> bool:
    """The wijkteam gives or organised help on this path: the help period, closed with monitoring, or reported
    under meldnorm 1 (questions 3-5 then go together with Veilig Thuis, which may let the wijkteam help)."""
    if decision.outcome in {Outcome.ORGANISE_HELP, Outcome.CLOSE_WITH_MONITORING}:
        return True
    return decision.outcome in {Outcome.REPORT, Outcome.REPORT_AGAIN} and decision.report_norm in {1, 3}


def _walk(answers: Mapping[str, bool | None]) -> Decision:
    path: list[tuple[Question, bool]] = []
    question: Question = Question.SUSPICION
    while True:
        answer = answers.get(question.value)
        if answer is None:
            interim = Outcome.ORGANISE_HELP if question == Question.RESULT_ACHIEVED else None
            return Decision(outcome=interim, next_question=question, path=tuple(path))
        path.append((question, bool(answer)))
        following = TABLE[question][0 if answer else 1]
        if isinstance(following, Outcome):
            norm = _report_norm(question) if following in {Outcome.REPORT, Outcome.REPORT_AGAIN} else None
            return Decision(outcome=following, next_question=None, path=tuple(path), report_norm=norm)
        question = following


def questions_asked(answers: Mapping[str, bool | None]) -> list[Question]:
    """The questions that belong to the current path (answered ones plus the next open one)."""
    decision = decide(answers)
    asked = [question for question, _answer in decision.path]
    if decision.next_question is not None:
        asked.append(decision.next_question)
    return asked


class VtAnswer(StrEnum):
    """Veilig Thuis's answer on questions 3-5 after a meldnorm-1 report."""

    VT_TAKES_OVER = "vt_takes_over"
    HELP_UNDER_CONDITIONS = "help_under_conditions"
    OTHER_ORGANISATION = "other_organisation"


class Phase(StrEnum):
    """Where a route stands, derived from its rows (never stored)."""

    DECIDING = "deciding"  # steps 1-5, no outcome that acts yet
    HELP = "help"  # question 4 "ja": help until the evaluation date
    REPORT_DUE = "report_due"  # the outcome says report (again) and that report has not been sent
    AWAITING_VT_ANSWER = "awaiting_vt_answer"  # meldnorm-1 report sent: questions 3-5 together with Veilig Thuis
    HELP_UNDER_VT_CONDITIONS = "help_under_vt_conditions"  # the wijkteam helps under Veilig Thuis's conditions
    WITH_VT = "with_vt"  # reported; zicht op veiligheid has passed to Veilig Thuis or another organisation
    CLOSED = "closed"


# Feedback after the safety assessment that means Veilig Thuis keeps the case itself (it investigates, or asks the
# Raad voor de Kinderbescherming to): the wijkteam's route need not wait for an answer on questions 3-5.
VT_KEEPS_CASE_DECISIONS = frozenset({"own_investigation", "rvdk_request"})


def phase(decision: Decision, *, is_closed: bool, reported: bool, vt_answer: str | None = None) -> Phase:
    """The route's phase: `reported` = a report was sent after the outcome (or the returning violence) arose."""
    if is_closed:
        return Phase.CLOSED
    if decision.outcome in {Outcome.REPORT, Outcome.REPORT_AGAIN}:
        if not reported:
            return Phase.REPORT_DUE
        if decision.report_norm != 1:
            return Phase.WITH_VT
        if vt_answer is None:
            return Phase.AWAITING_VT_ANSWER
        return Phase.HELP_UNDER_VT_CONDITIONS if vt_answer == VtAnswer.HELP_UNDER_CONDITIONS else Phase.WITH_VT
    return Phase.HELP if decision.outcome == Outcome.ORGANISE_HELP else Phase.DECIDING


def may_record_returning_violence(current: Phase, decision: Decision) -> bool:
    """During the help period, under Veilig Thuis's conditions, before a report-again is sent, and once question 5
    said safety was reached: while the monitoring agreements are still being made, and on the route closed with
    monitoring (which the returning violence reopens)."""
    if decision.outcome == Outcome.CLOSE_WITH_MONITORING:
        return True
    if current == Phase.CLOSED:
        return False
    return current in {Phase.HELP, Phase.HELP_UNDER_VT_CONDITIONS} or (
        current == Phase.REPORT_DUE and decision.report_norm == 3)


def may_record_vt_answer(current: Phase) -> bool:
    """After a meldnorm-1 report; again later while helping under conditions (e.g. a new monitoring date)."""
    return current in {Phase.AWAITING_VT_ANSWER, Phase.HELP_UNDER_VT_CONDITIONS}


def closes_after_report(after: Phase, *, step5_completed: bool, report_norm: int | None) -> bool:
    """A report hands the route over to Veilig Thuis, unless questions 3-5 still have to be answered with it.

    A report from acute danger during steps 1-4 keeps the route open: the steps are still to be done. A report for
    returning violence (meldnorm 3) comes after step 5's decision, so it closes the route even when the worker never
    clicked "complete step 5".
    """
    return after == Phase.WITH_VT and (step5_completed or report_norm == 3)
