"""The one menu context processor: it asks each domain's policy which menu entries this user gets.

Each app that adds menu entries has `navigation(user) -> dict[str, bool]` in its `policy.py` (the only place that
knows roles); this module merges them, so no template compares a role and settings name one processor. The policies
of apps above accounts (teams, analysis) are named by dotted path and imported on first use: accounts does not
import them at module level, which keeps the imports in one direction.
"""

from functools import cache

from django.utils.module_loading import import_string

NAVIGATION_POLICIES = (
    "wijkveilig.accounts.policy.navigation",
    "wijkveilig.teams.policy.navigation",
    "wijkveilig.analysis.policy.navigation",
)


@cache
def _policies() -> tuple:
    return tuple(import_string(path) for path in NAVIGATION_POLICIES)


def navigation(request) -> dict[str, bool]:
    """The `nav_*` flags of every domain policy for this user; none for an anonymous visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    flags = {}
    for policy_navigation in _policies():
        flags.update(policy_navigation(user))
    return flags
