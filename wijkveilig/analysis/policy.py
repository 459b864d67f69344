"""Who may use the wijkanalyse: the only place in this app that knows roles.

The municipality's policy officer and the team coordinators read it (aggregates and public statistics only); the
reading of risk per buurt is the team's, so only a coordinator of a team that works in that buurt records it.
Both read only their own municipalities' buurten, wijken, CBS rows and aggregates (decision 0055)."""

from wijkveilig.accounts import policy as accounts_policy
from wijkveilig.accounts.models import Role

READERS = frozenset({Role.POLICY_OFFICER, Role.COORDINATOR})


def can_view_analysis(user) -> bool:
    return user.is_authenticated and user.role in READERS


def navigation(user) -> dict[str, bool]:
    """The menu entry of this app, as a flag for the templates (merged by `accounts.context_processors`)."""
    return {"nav_analysis": can_view_analysis(user)}


def analysis_municipality_ids(user) -> list[int]:
    """The municipalities whose wijkanalyse this user may read: their own (`accounts.policy.municipality_ids`), none
    for anyone who may not read it. No one reads every municipality's analysis by role: an installation-wide
    administrator keeps agreements, not figures (decision 0055)."""
    return accounts_policy.municipality_ids(user) if can_view_analysis(user) else []


def can_record_risk_reading(user, *, buurt_code: str, team_buurt_codes: set[str]) -> bool:
    """A coordinator of a team responsible for the buurt; `team_buurt_codes`: the buurten of the user's teams."""
    return user.is_authenticated and user.role == Role.COORDINATOR and buurt_code in team_buurt_codes
