"""Who may do what with team profiles, the self-scan, the Veilig Thuis agreements and the drempels reflection.
The only module of this app that knows roles."""

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


def navigation(user) -> dict:
    """The menu entries of this app, as flags for the templates."""
    return {"nav_team": can_manage_team(user), "nav_reflection": can_answer_reflection(user),
            "nav_municipality": can_open_municipality_pages(user)}
