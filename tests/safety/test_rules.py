"""Safety plan rules, table-driven."""

from datetime import date

import pytest

from wijkveilig.safety import rules

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(("due_on", "latest", "expected"), [
    (date(2026, 3, 9), None, True),           # date passed, never reviewed
    (date(2026, 3, 9), "not_kept", True),
    (date(2026, 3, 9), "partly", True),
    (date(2026, 3, 9), "kept", False),        # kept: done, not overdue
    (date(2026, 3, 10), None, False),         # due today is not yet overdue
    (date(2026, 3, 11), "not_kept", False),
])
def test_is_overdue(due_on, latest, expected):
    assert rules.is_overdue(due_on=due_on, today=TODAY, latest_status=latest) is expected


@pytest.mark.parametrize(("review_on", "last_reviewed_on", "expected"), [
    (None, None, False),                         # no review date set
    (date(2026, 3, 11), None, False),            # still ahead
    (date(2026, 3, 10), None, False),            # today: not missed yet
    (date(2026, 3, 1), None, True),              # passed, never reviewed
    (date(2026, 3, 1), date(2026, 2, 20), True), # only an older review
    (date(2026, 3, 1), date(2026, 3, 1), False), # reviewed on the day
    (date(2026, 3, 1), date(2026, 3, 5), False),
])
def test_is_review_missed(review_on, last_reviewed_on, expected):
    assert rules.is_review_missed(review_on=review_on, today=TODAY, last_reviewed_on=last_reviewed_on) is expected


@pytest.mark.parametrize(("count", "victims", "answers", "expected"), [
    (0, [], {}, ["agreements"]),
    (1, [], {}, []),
    (1, [5], {}, ["safe_places"]),
    (1, [5], {5: "   "}, ["safe_places"]),
    (1, [5, 6], {5: "bij zus"}, ["safe_places"]),
    (2, [5, 6], {5: "bij zus", 6: "opvang"}, []),
    (0, [5], {}, ["agreements", "safe_places"]),
])
def test_plan_missing(count, victims, answers, expected):
    assert rules.plan_missing(agreement_count=count, victim_ids=victims, answers=answers) == expected
