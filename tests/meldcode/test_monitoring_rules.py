"""Closing with monitoring, table-driven: when the route may close, each date's status, missed dates, follow-up."""

from datetime import date

import pytest

from wijkveilig.meldcode.monitoring import (
    SOON_DAYS,
    CloseBlocker,
    DueStatus,
    close_blockers,
    due_status,
    is_missed,
    suggests_returning_violence,
)

TODAY = date(2026, 6, 10)


@pytest.mark.parametrize(("outcome", "count", "expected"), [
    ("close_with_monitoring", 0, [CloseBlocker.NO_AGREEMENT]),
    ("close_with_monitoring", 1, []),
    ("close_with_monitoring", 3, []),
    ("organise_help", 1, [CloseBlocker.NOT_CLOSE_WITH_MONITORING]),
    ("report_again", 2, [CloseBlocker.NOT_CLOSE_WITH_MONITORING]),
    ("close_and_record", 1, [CloseBlocker.NOT_CLOSE_WITH_MONITORING]),
    (None, 1, [CloseBlocker.NOT_CLOSE_WITH_MONITORING]),
])
def test_close_blockers(outcome, count, expected):
    assert close_blockers(outcome, count) == expected


@pytest.mark.parametrize(("due_on", "checked_on", "expected", "missed"), [
    (date(2026, 6, 9), None, DueStatus.OVERDUE, True),
    (date(2026, 1, 1), None, DueStatus.OVERDUE, True),
    (TODAY, None, DueStatus.TODAY, False),
    (date(2026, 6, 11), None, DueStatus.SOON, False),
    (date(2026, 6, 10 + SOON_DAYS), None, DueStatus.SOON, False),
    (date(2026, 6, 11 + SOON_DAYS), None, DueStatus.PLANNED, False),
    (date(2026, 6, 9), date(2026, 6, 9), DueStatus.DONE, False),   # checked: never missed, even when late
    (date(2026, 6, 1), date(2026, 6, 8), DueStatus.DONE, False),
])
def test_due_status_and_missed(due_on, checked_on, expected, missed):
    assert due_status(due_on, checked_on, TODAY) == expected
    assert is_missed(due_on, checked_on, TODAY) is missed


@pytest.mark.parametrize(("outcome", "expected"), [("safe", False), ("concerns", True), ("", False)])
def test_concerns_suggest_returning_violence(outcome, expected):
    assert suggests_returning_violence(outcome) is expected
