"""What each role may do, as pure predicates over a user (no queries beyond the user's own rows)."""

from wijkveilig.accounts.models import TEAM_ROLES, Role


def can_work_on_cases(user) -> bool:
    return user.is_authenticated and user.role in TEAM_ROLES


def can_assign(user) -> bool:
    return user.is_authenticated and user.role == Role.COORDINATOR


def can_read_access_log(user) -> bool:
    return user.is_authenticated and user.role == Role.LOG_OFFICER


def can_administer(user) -> bool:
    return user.is_authenticated and user.role == Role.ADMINISTRATOR


def can_review_emergencies(user) -> bool:
    return user.is_authenticated and user.role == Role.COORDINATOR
