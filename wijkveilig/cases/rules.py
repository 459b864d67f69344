"""Pure rules about a case's own dates (no database): used by the services of every domain."""

from datetime import date, datetime

from django.utils import timezone


def opened_on(opened_at: datetime) -> date:
    """The Dutch calendar day the case was opened."""
    return timezone.localdate(opened_at)


def due_before_case_existed(*, due_on: date, opened_at: datetime) -> bool:
    """A due date (an agreement's, a conference decision's) before the day the case was opened cannot be meant:
    nobody agreed on anything for this case before it existed. The opening day itself is allowed."""
    return due_on < opened_on(opened_at)


def due_before_meeting(*, due_on: date, scheduled_at: datetime) -> bool:
    """A decision of a case conference cannot be due before the conference that took it (Dutch calendar day; the
    day of the meeting itself is allowed)."""
    return due_on < timezone.localdate(scheduled_at)
