"""When Veilig Thuis's feedback on a report is due. Pure: plain dates in, a date (or None) out.

Landelijk Handelingsprotocol Veilig Thuis 2019 (domain-facts.md §2.2): acute reports are handled at once, others
get their safety assessment within 5 working days; Veilig Thuis agreed to finish 80% of its investigations within
10 weeks, and the reporter gets feedback after the assessment and again after the investigation.
"""

from datetime import date, timedelta

from wijkveilig.meldcode.workdays import add_working_days

ASSESSMENT_WORKING_DAYS = 5
INVESTIGATION_WEEKS = 10
AFTER_ASSESSMENT = "after_assessment"
AFTER_INVESTIGATION = "after_investigation"
# Only Veilig Thuis's own investigation runs on its 10-week norm; an investigation by the Raad voor de
# Kinderbescherming has its own terms, which Veilig Thuis does not set (decision record 0011).
INVESTIGATING_DECISIONS = frozenset({"own_investigation"})


def feedback_due_on(moment: str, *, sent_on: date, is_acute: bool, first_decision: str | None = None,
                    first_received_on: date | None = None) -> date | None:
    """The date by which feedback of `moment` is expected; None when that feedback is not expected (yet)."""
    if moment == AFTER_ASSESSMENT:
        return sent_on if is_acute else add_working_days(sent_on, ASSESSMENT_WORKING_DAYS)
    if moment == AFTER_INVESTIGATION and first_decision in INVESTIGATING_DECISIONS and first_received_on:
        return first_received_on + timedelta(weeks=INVESTIGATION_WEEKS)
    return None
