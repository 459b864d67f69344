"""Who may see and work which intake concern, and who may register or share one.

Concerns are not cases: a coordinator works the intake queue of their own teams and the municipal queue (addresses
the postcode table does not know); the team's Veilig Thuis contact reads the team's concerns; whoever submitted a
concern may see it back (a partner only its status). One rule table (`accounts.grants`) gives both the list scope
and the grant for one concern.
"""

from django.db.models import QuerySet

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.grants import Grant, grant_for, scope_ids
from wijkveilig.accounts.models import TEAM_ROLES, Role
from wijkveilig.intake.models import Source


def _concerns():
    from wijkveilig.intake.models import Concern

    return Concern.objects


def _team(user):
    from wijkveilig.accounts.models import Membership

    return _concerns().filter(team_id__in=Membership.objects.filter(user=user).values("team_id"))


def _municipal(user):
    """The municipal queue (addresses the postcode table does not know) of the coordinator's municipalities."""
    municipalities = roles.municipality_lookup(user)  # a subquery: no query of its own
    if municipalities is None:
        return _concerns().none()
    return _concerns().filter(team__isnull=True, municipality_id__in=municipalities)


def _veilig_thuis(user):
    return _concerns().filter(team__vt_contact=user)


def _submitted(user):
    return _concerns().filter(submitted_by=user)


COORDINATOR = frozenset({Role.COORDINATOR})
GRANTS = (
    Grant("team", COORDINATOR, True, None, _team, "pk"),
    Grant("municipal", COORDINATOR, True, None, _municipal, "pk"),
    Grant("veilig_thuis", frozenset({Role.VT_LIAISON}), False, None, _veilig_thuis, "pk"),
    Grant("submitter", TEAM_ROLES | {Role.VT_LIAISON}, False, None, _submitted, "pk"),
    # A partner who shared a concern sees its status, never its triage or the case it became.
    Grant("submitter_partner", frozenset({Role.PARTNER}), False, frozenset({"status"}), _submitted, "pk"),
)
WRITE_GRANTS = frozenset(grant.name for grant in GRANTS if grant.writes)
STATUS_ONLY_GRANTS = frozenset(grant.name for grant in GRANTS if grant.sections == frozenset({"status"}))

# Which sources a role may register a concern under (a Veilig Thuis contact registers what Veilig Thuis passes on).
SOURCES_BY_ROLE = {
    Role.VT_LIAISON: {Source.VEILIG_THUIS},
    Role.COORDINATOR: {Source.POLICE, Source.PARTNER, Source.VOLUNTEER, Source.TEAM, Source.VEILIG_THUIS},
    Role.WORKER: {Source.POLICE, Source.PARTNER, Source.VOLUNTEER, Source.TEAM},
    Role.SPECIALIST: {Source.POLICE, Source.PARTNER, Source.VOLUNTEER, Source.TEAM},
}


def concern_ids(user) -> QuerySet | None:
    return scope_ids(GRANTS, user)


def concern_grant(user, concern, *, status_only: bool = False) -> str | None:
    """Why this user may see this concern, strongest reason first; None if they may not. A status-only grant
    counts only for the pages that show just the status (`status_only`)."""
    return grant_for(GRANTS, user, concern.pk, "status" if status_only else "full")


def sources_for(user) -> set[str]:
    return SOURCES_BY_ROLE.get(roles.role_of(user), set())


def default_source(user) -> str | None:
    return Source.VEILIG_THUIS if roles.is_veilig_thuis(user) else None


def works_the_queue(user) -> bool:
    return roles.coordinates(user)


def may_share(user) -> bool:
    """'Zorg delen' is for partner and volunteer organisations outside the teams."""
    return roles.is_partner(user)


def may_decide(access, user) -> bool:
    """Overruling the colour, claiming from the municipal queue and making a case: a coordinator, on a coordinator's
    grant (both checked, so an access handed to a service by mistake cannot lend a worker the coordinator's rights)."""
    return access.grant in WRITE_GRANTS and roles.coordinates(user)


def may_claim(access) -> bool:
    return access.grant == "municipal"
