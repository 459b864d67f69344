"""How urgent a werkvoorraad line is: a table per kind of line, plus its date. Pure, so it is tested as a table."""

from dataclasses import dataclass, replace
from datetime import date
from enum import IntEnum, StrEnum


class Kind(StrEnum):
    ACUTE_DANGER = "acute_danger"  # 112 was called on the route and no report to Veilig Thuis followed yet
    RED_INTAKE = "red_intake"  # a case made from a rood concern that has not been reported to Veilig Thuis
    RETURNING_VIOLENCE = "returning_violence"  # meldnorm 3: report again
    URGENT_REPORT = "urgent_report"  # acute report: Veilig Thuis follows up today
    REPORT_DUE = "report_due"  # the afwegingskader says report and the report was not sent
    FEEDBACK_OVERDUE = "feedback_overdue"
    FEEDBACK_EXPECTED = "feedback_expected"
    EVALUATION_DUE = "evaluation_due"
    VT_MONITORING_DUE = "vt_monitoring_due"
    MONITORING_AGREEMENTS = "monitoring_agreements"  # question 5 "ja": agreements still to record
    MONITORING = "monitoring"
    PLAN_REVIEW = "plan_review"
    AGREEMENT = "agreement"
    KINDCHECK = "kindcheck"
    DECISION = "decision"
    PROPOSAL = "proposal"
    ROUTE = "route"  # a Meldcode route in steps 1-5: its step and next date


class Section(StrEnum):
    ACUTE = "acute"
    MELDCODE = "meldcode"
    SAFETY = "safety"
    KINDCHECK = "kindcheck"
    COLLABORATION = "collaboration"


class Tier(IntEnum):
    """Lower is more urgent. Danger first whatever its date; then whatever is late; then what falls due."""

    DANGER = 0
    OVERDUE = 1
    DUE = 2
    UPCOMING = 3


# kind -> (section, whether it is danger itself, days ahead at which a dated line counts as "due")
KINDS: dict[Kind, tuple[Section, bool, int]] = {
    Kind.ACUTE_DANGER: (Section.ACUTE, True, 0),
    Kind.RED_INTAKE: (Section.ACUTE, True, 0),
    Kind.RETURNING_VIOLENCE: (Section.ACUTE, True, 0),
    Kind.URGENT_REPORT: (Section.ACUTE, True, 0),
    Kind.REPORT_DUE: (Section.MELDCODE, False, 0),
    Kind.FEEDBACK_OVERDUE: (Section.MELDCODE, False, 0),
    Kind.FEEDBACK_EXPECTED: (Section.MELDCODE, False, 2),
    Kind.EVALUATION_DUE: (Section.MELDCODE, False, 0),
    Kind.VT_MONITORING_DUE: (Section.MELDCODE, False, 0),
    Kind.ROUTE: (Section.MELDCODE, False, 7),
    Kind.MONITORING_AGREEMENTS: (Section.SAFETY, False, 0),
    Kind.MONITORING: (Section.SAFETY, False, 7),
    Kind.PLAN_REVIEW: (Section.SAFETY, False, 7),
    Kind.AGREEMENT: (Section.SAFETY, False, 7),
    Kind.KINDCHECK: (Section.KINDCHECK, False, 0),
    Kind.DECISION: (Section.COLLABORATION, False, 7),
    Kind.PROPOSAL: (Section.COLLABORATION, False, 0),
}

# Lines without a date that still ask for an action now (not "some day").
UNDATED_DUE = frozenset({Kind.REPORT_DUE, Kind.MONITORING_AGREEMENTS, Kind.KINDCHECK, Kind.PROPOSAL,
                         Kind.EVALUATION_DUE, Kind.VT_MONITORING_DUE, Kind.FEEDBACK_OVERDUE})


def tier(kind: Kind, due_on: date | None, today: date) -> Tier:
    """The urgency tier of one line."""
    _section, is_danger, due_within = KINDS[kind]
    if is_danger:
        return Tier.DANGER
    if due_on is None:
        return Tier.DUE if kind in UNDATED_DUE else Tier.UPCOMING
    if due_on < today:
        return Tier.OVERDUE
    if kind in UNDATED_DUE or (due_on - today).days <= due_within:
        return Tier.DUE
    return Tier.UPCOMING


def sort_key(kind: Kind, due_on: date | None, today: date, reference: str) -> tuple:
    """Most urgent first; within a tier the earliest date (undated last), then the fixed order of the kinds."""
    return (tier(kind, due_on, today), due_on or date.max, list(KINDS).index(kind), reference)


@dataclass(frozen=True)
class Line:
    """One werkvoorraad line: what, on which case, by when, and where to act. `row` is the record the text needs."""

    kind: Kind
    case_id: int
    reference: str
    due_on: date | None
    url: str
    row: object = None
    tier: Tier = Tier.UPCOMING

    @property
    def section(self) -> Section:
        return KINDS[self.kind][0]

    @property
    def is_overdue(self) -> bool:
        return self.tier == Tier.OVERDUE


def ordered(lines: list[Line], today: date) -> list[Line]:
    """The lines with their tier set, most urgent first."""
    ranked = [replace(line, tier=tier(line.kind, line.due_on, today)) for line in lines]
    return sorted(ranked, key=lambda line: sort_key(line.kind, line.due_on, today, line.reference))


SHOWN_PER_SECTION = 25


def grouped(lines: list[Line], shown: int = SHOWN_PER_SECTION) -> list[tuple[Section, list[Line], int]]:
    """The ordered lines per section, the section with the most urgent line first: (section, its `shown` most
    urgent lines, how many it has). A long list is not read; the rest waits in the table and behind the filters."""
    sections: dict[Section, list[Line]] = {}
    for line in lines:  # dicts keep insertion order: a section comes where its first (most urgent) line is
        sections.setdefault(line.section, []).append(line)
    return [(section, found[:shown], len(found)) for section, found in sections.items()]
