"""Who may do what with team profiles, the self-scan, the Veilig Thuis agreements and the drempels reflection.
The only module of this app that knows roles."""

from wijkveilig.accounts import policy as accounts_policy
from wijkveilig.accounts.models import TEAM_ROLES, Role

# Roles whose members take cases at intake (the assignment suggestion and the 'rood' gap count only them).
CASE_TAKING_ROLES = frozenset({Role.WORKER})


def _has_role(user, *roles) -> bool:
    return getattr(user, "is_authenticated", False) and user.role in roles


def takes_cases(role: str) -> bool:
    return role in CASE_TAKING_ROLES


def is_attention_officer(role: str) -> bool:
    return role == Role.SPECIALIST


def can_manage_team(user) -> bool:
    """The team coordinator keeps the team profile, records training and runs the reflection rounds."""
    return _has_role(user, Role.COORDINATOR)


def can_answer_reflection(user) -> bool:
    return _has_role(user, *TEAM_ROLES)


def can_view_team_counts(user) -> bool:
    """The municipality sees per team only rounded counts."""
    return _has_role(user, Role.POLICY_OFFICER)


def can_fill_self_scan(user) -> bool:
    return _has_role(user, Role.POLICY_OFFICER)


def can_view_vt_agreements(user) -> bool:
    return _has_role(user, Role.POLICY_OFFICER, Role.ADMINISTRATOR)


def can_edit_vt_agreement(user) -> bool:
    return _has_role(user, Role.POLICY_OFFICER, Role.ADMINISTRATOR)


def can_open_municipality_pages(user) -> bool:
    return can_view_team_counts(user) or can_view_vt_agreements(user)


def administers_every_municipality(user) -> bool:
    """The installation's functioneel beheerder (an administrator whose account names no municipality) keeps the
    Veilig Thuis agreements of every municipality it serves; an administrator whose account names one keeps only
    that one's (decision 0055). Neither gains team counts or self-scans: those stay the policy officer's."""
    return accounts_policy.can_administer(user) and user.municipality_id is None


def municipality_scope(user):
    """The municipalities whose pages (`gemeenten/<id>/…`) this user may open at all; the grants above decide which
    pages. Their own (`accounts.policy.municipality_ids`: the account's municipality, their teams', or the
    installation's only one), every one for `administers_every_municipality`, none for an inactive account."""
    from wijkveilig.areas.models import Municipality

    if administers_every_municipality(user):
        return Municipality.objects.all()
    own = accounts_policy.municipality_lookup(user)  # the same UNION, as a subquery: no extra query
    return Municipality.objects.none() if own is None else Municipality.objects.filter(pk__in=own)


def may_open_municipality(user, municipality_id: int) -> bool:
    """One query: is this municipality within the user's scope (the services check it again before a write)."""
    return municipality_scope(user).filter(pk=municipality_id).exists()


def navigation(user) -> dict:
    """The menu entries of this app, as flags for the templates (merged by `accounts.context_processors`)."""
    return {"nav_team": can_manage_team(user), "nav_reflection": can_answer_reflection(user),
            "nav_municipality": can_open_municipality_pages(user)}
