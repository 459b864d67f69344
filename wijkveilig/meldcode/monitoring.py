"""Closing with monitoring (afwegingskader question 5 = yes): when a route may close, how far each monitoring date
is, and what a check's outcome asks for next. Pure: plain values in, plain values out.

Source: domain-facts §1.4 question 5 "close the help, with agreements with the family and partners on monitoring
future (un)safety", meldnorm 3 "report when ... the unsafety recurs"; decision record 0012.
"""

from datetime import date
from enum import StrEnum

# A monitoring date this close counts as "binnenkort" on the werkvoorraad (a product choice, decision 0012).
SOON_DAYS = 7


class DueStatus(StrEnum):
    PLANNED = "planned"
    SOON = "soon"
    TODAY = "today"
    OVERDUE = "overdue"
    DONE = "done"


class CheckOutcome(StrEnum):
    SAFE = "safe"
    CONCERNS = "concerns"


class CloseBlocker(StrEnum):
    NOT_CLOSE_WITH_MONITORING = "not_close_with_monitoring"
    NO_AGREEMENT = "no_agreement"


def close_blockers(outcome: str | None, agreement_count: int) -> list[CloseBlocker]:
    """Why the route cannot close with monitoring yet; an empty list means it can."""
    if outcome != "close_with_monitoring":
        return [CloseBlocker.NOT_CLOSE_WITH_MONITORING]
    return [CloseBlocker.NO_AGREEMENT] if agreement_count < 1 else []


def due_status(due_on: date, checked_on: date | None, today: date) -> DueStatus:
    """Where a monitoring agreement stands today."""
    if checked_on is not None:
        return DueStatus.DONE
    if due_on < today:
        return DueStatus.OVERDUE
    if due_on == today:
        return DueStatus.TODAY
    return DueStatus.SOON if (due_on - today).days <= SOON_DAYS else DueStatus.PLANNED


def is_missed(due_on: date, checked_on: date | None, today: date) -> bool:
    """A missed monitoring date: past and not checked (counts as stagnation)."""
    return due_status(due_on, checked_on, today) == DueStatus.OVERDUE


def suggests_returning_violence(outcome: str) -> bool:
    """Concerns at a check point to meldnorm 3: the unsafety may be returning."""
    return outcome == CheckOutcome.CONCERNS
