"""Who may use the wijkanalyse: the only place in this app that knows roles.

The municipality's policy officer and the team coordinators read it (aggregates and public statistics only); the
reading of risk per buurt is the team's, so only a coordinator of a team that works in that buurt records it."""

from wijkveilig.accounts.models import Role

READERS = frozenset({Role.POLICY_OFFICER, Role.COORDINATOR})


def can_view_analysis(user) -> bool:
    return user.is_authenticated and user.role in READERS


def can_record_risk_reading(user, *, buurt_code: str, team_buurt_codes: set[str]) -> bool:
    """A coordinator of a team responsible for the buurt; `team_buurt_codes`: the buurten of the user's teams."""
    return user.is_authenticated and user.role == Role.COORDINATOR and buurt_code in team_buurt_codes
