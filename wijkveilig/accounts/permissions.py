"""Kept for imports that predate the policy modules: every predicate lives in `wijkveilig.accounts.policy`."""

from wijkveilig.accounts.policy import (  # noqa: F401
    can_administer,
    can_assign,
    can_read_access_log,
    can_review_emergencies,
    can_work_on_cases,
)
