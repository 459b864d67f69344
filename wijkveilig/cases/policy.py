"""Who may see and change which case: one rule table gives the list scope, the per-case grant and the `can_*` flags.

Each grant (`accounts.grants.Grant`) names the roles it is for, what it opens (the whole case or some sections),
whether it writes, and the cases it opens as ONE indexed lookup on the table that holds the reason (assignments,
memberships, emergency access, consultations, Veilig Thuis reports, MDA++ partners). The list scope is the UNION of
those lookups; the grant for one case is the same lookup filtered to that case.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.grants import Grant, grant_for, scope_ids
from wijkveilig.accounts.models import Role


def _team(user):
    from wijkveilig.accounts.models import Membership
    from wijkveilig.cases.models import Case

    return Case.objects.filter(team_id__in=Membership.objects.filter(user=user).values("team_id"))


def _assigned(user):
    from wijkveilig.cases.models import Assignment

    return Assignment.objects.filter(user=user, ended_at__isnull=True)


def _emergency(user):
    from wijkveilig.cases.models import EmergencyAccess

    return EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now())


def _consulted(user):
    from wijkveilig.cases.models import Consultation

    return Consultation.objects.filter(specialist=user)


def _veilig_thuis(user):
    """Only cases reported to Veilig Thuis, of teams whose fixed contact person this user is."""
    from wijkveilig.meldcode.models import VtReport

    return VtReport.objects.filter(case__team__vt_contact=user)


def _mda_partner(user):
    """An external partner on the open MDA++ an open case is part of (one per household; access ends when the
    partner, the MDA++ or the case does)."""
    from wijkveilig.cases.models import CaseStatus
    from wijkveilig.collaboration.models import MdaCase

    return MdaCase.objects.filter(case__status=CaseStatus.OPEN, enrolment__ended_at__isnull=True,
                                  enrolment__partners__user=user, enrolment__partners__removed_at__isnull=True)


TEAM = frozenset({Role.COORDINATOR, Role.WORKER, Role.SPECIALIST})
# Strongest first: a coordinator's own-team grant before an assignment, so their flags are the coordinator's.
GRANTS = (
    Grant("team", frozenset({Role.COORDINATOR}), True, None, _team, "pk"),
    Grant("assigned", TEAM, True, None, _assigned, "case_id"),
    Grant("emergency", roles.EMERGENCY_ROLES, True, None, _emergency, "case_id"),
    Grant("consulted", frozenset({Role.SPECIALIST}), False, None, _consulted, "case_id"),
    Grant("veilig_thuis", frozenset({Role.VT_LIAISON}), True, frozenset({"vt_report"}), _veilig_thuis, "case_id"),
    Grant("mda_partner", roles.MDA_PARTNER_ROLES, False, frozenset({"mda"}), _mda_partner, "case_id"),
)
GRANTS_BY_NAME = {grant.name: grant for grant in GRANTS}
WRITE_GRANTS = frozenset(grant.name for grant in GRANTS if grant.writes)


def case_ids(user) -> QuerySet | None:
    """The ids of every case this user may open (in some section); None when no grant applies to their role."""
    return scope_ids(GRANTS, user)


def case_scope(user) -> QuerySet:
    """Every case this user may open (in some section)."""
    from wijkveilig.cases.models import Case

    return Case.objects.visible_to(user)


def case_grant(user, case, section: str | None = None) -> str | None:
    """Why this user may see this case (in this section), strongest reason first; None if they may not.
    The same lookups as `case_ids`, filtered to this one case."""
    return grant_for(GRANTS, user, case.pk, section)


def write_grant_holders(case, users) -> list:
    """Of these users, those with a grant on this case that writes (e.g. who may own a conference decision)."""
    return [user for user in users if case_grant(user, case) in WRITE_GRANTS]


def emergency_candidates(user) -> QuerySet:
    """Team cases the user could open with the noodknop (existence only, no content): none unless their role may."""
    from wijkveilig.cases.models import Case

    if not roles.can_press_emergency(user):
        return Case.objects.none()
    return Case.objects.in_teams_of(user).exclude(pk__in=case_scope(user).values("pk"))


@dataclass(frozen=True)
class CaseAccess:
    """A case as one user may use it, and what they may do with it (the `can_*` flags pages and the API show)."""

    case: object
    grant: str  # assigned | team | emergency | consulted | veilig_thuis | mda_partner
    can_write: bool

    @property
    def is_emergency(self) -> bool:
        return self.grant == "emergency"

    @property
    def is_veilig_thuis(self) -> bool:
        return self.grant == "veilig_thuis"

    @property
    def is_mda_partner(self) -> bool:
        return self.grant == "mda_partner"

    @property
    def can_assign(self) -> bool:
        """The coordinator of the case's team sets its workers."""
        return self.grant == "team"



def access_for(case, grant: str) -> CaseAccess:
    """The access a grant gives (for services that create the grant themselves, e.g. opening a case)."""
    return CaseAccess(case=case, grant=grant, can_write=grant in WRITE_GRANTS)
