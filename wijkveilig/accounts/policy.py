"""What each role may do, as pure predicates over a user (no queries): the one place that reads a user's role.

Every other module asks a named question here, or in its domain's `policy.py` (cases, intake, meldcode, safety,
collaboration, audit, insight), which build on these; `tests/test_policy_placement.py` fails for a role comparison
anywhere else, templates included.
"""

from wijkveilig.accounts.models import TEAM_ROLES, Role

# External accounts a team may add to an MDA++ case (police, GGZ, … have partner accounts; Veilig Thuis its liaison).
MDA_PARTNER_ROLES = frozenset({Role.PARTNER, Role.VT_LIAISON})
# Who may press the noodknop on a team case they are not assigned to.
EMERGENCY_ROLES = frozenset({Role.WORKER, Role.SPECIALIST})


def role_of(user) -> str | None:
    """The role that counts for a decision: none for an anonymous or deactivated account (fails closed)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return user.role


def has_role(user, *roles: str) -> bool:
    return role_of(user) in roles


def can_work_on_cases(user) -> bool:
    return role_of(user) in TEAM_ROLES


def can_assign(user) -> bool:
    """Coordinators assign workers, review emergency access and work the intake queue of their teams."""
    return role_of(user) == Role.COORDINATOR


can_review_emergencies = can_assign
coordinates = can_assign


def can_press_emergency(user) -> bool:
    return role_of(user) in EMERGENCY_ROLES


def can_read_access_log(user) -> bool:
    return role_of(user) == Role.LOG_OFFICER


def can_administer(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def is_veilig_thuis(user) -> bool:
    return role_of(user) == Role.VT_LIAISON


def is_partner(user) -> bool:
    """A chain partner or volunteer organisation outside the teams (police, GGZ, school, …)."""
    return role_of(user) == Role.PARTNER


def is_specialist(user) -> bool:
    return role_of(user) == Role.SPECIALIST


def is_policy_officer(user) -> bool:
    return role_of(user) == Role.POLICY_OFFICER


def may_be_mda_partner(user) -> bool:
    return role_of(user) in MDA_PARTNER_ROLES


def municipality_ids(user) -> list[int]:
    """The municipalities whose rows this user's requests may touch at all (the boundary between municipalities of
    one installation; the grants decide within it): those of their teams, of the teams whose Veilig Thuis contact
    they are, of the cases whose MDA++ they are a partner on, and the one their account names; in an installation
    with one municipality, that one."""
    found = municipality_lookup(user)
    return sorted(found) if found is not None else []


def municipality_lookup(user):
    """`municipality_ids` as one query (a UNION over the tables that link a user to a municipality); None for an
    anonymous or deactivated account. The database's row-level security is given the same set per request."""
    from django.db.models import Exists, OuterRef

    from wijkveilig.accounts.models import Team, User
    from wijkveilig.areas.models import Municipality

    if role_of(user) is None:
        return None
    linked = [Team.objects.filter(memberships__user=user), Team.objects.filter(vt_contact=user),
              Team.objects.filter(cases__mda_links__enrolment__partners__user=user,
                                  cases__mda_links__enrolment__partners__removed_at__isnull=True),
              User.objects.filter(pk=user.pk, municipality__isnull=False)]
    ids = [query.order_by().values_list("municipality_id", flat=True) for query in linked]
    only = Municipality.objects.exclude(Exists(Municipality.objects.exclude(pk=OuterRef("pk"))))
    return ids[0].union(*ids[1:], only.order_by().values_list("pk", flat=True))


def navigation(user) -> dict[str, bool]:
    """Which entries the menu shows this user; every page behind them checks again (the menu is no access rule)."""
    return {
        "nav_cases": can_work_on_cases(user),
        "nav_log": can_read_access_log(user),
        "nav_admin": can_administer(user),
        "nav_emergencies": can_review_emergencies(user),
        "nav_vt": is_veilig_thuis(user),
        "nav_intake": coordinates(user),
        "nav_intake_new": is_veilig_thuis(user),
        "nav_share": is_partner(user),
        "nav_mda": may_be_mda_partner(user),
        "nav_intake_overview": is_policy_officer(user),
    }
