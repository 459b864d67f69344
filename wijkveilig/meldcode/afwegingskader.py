"""The 2019 afwegingskader as a table: five questions in order, each answer leads to a question or an outcome.

Source: domain-facts.md §1.4 (NJi, handelingsprotocol Utrecht, Meldcode Haaglanden). Pure: plain data in, plain data out.
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
    return {Question.UNSAFETY: 1, Question.CAN_HELP: 2, Question.HELP_ACCEPTED: 2, Question.RESULT_ACHIEVED: 3}[question]


def decide(answers: Mapping[str, bool | None]) -> Decision:
    """Walk the questions in order; answers after the point where an outcome is reached are ignored.

    With "ja" on question 4 and question 5 not yet answered, the outcome is ORGANISE_HELP: help is given until the
    evaluation date, after which question 5 decides between closing with monitoring and reporting (again).
    """
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
