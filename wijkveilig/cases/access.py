"""The one way a request gets at a case: scoped by role and assignment, logged, fails closed."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_write
from wijkveilig.cases.models import Case


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    grant: str  # assigned | team | consulted | emergency
    can_write: bool

    @property
    def is_emergency(self) -> bool:
        return self.grant == "emergency"


WRITE_GRANTS = frozenset({"assigned", "team", "emergency", "veilig_thuis"})
# Grants limited to some parts of a case; every other grant opens the whole case.
GRANT_SECTIONS = {"veilig_thuis": frozenset({"vt_report"})}


def case_grant(user, case: Case) -> str | None:
    """Why this user may see this case, strongest reason first; None if they may not."""
    if case.assignments.filter(user=user, ended_at__isnull=True).exists():
        return "assigned"
    if user.role == Role.COORDINATOR and case.team.memberships.filter(user=user).exists():
        return "team"
    if case.emergency_accesses.filter(user=user, expires_at__gt=timezone.now()).exists():
        return "emergency"
    if user.role == Role.SPECIALIST and case.consultations.filter(specialist=user).exists():
        return "consulted"
    if user.role == Role.VT_LIAISON and case.team.vt_contact_id == user.pk and case.vt_reports.exists():
        return "veilig_thuis"
    return None


def _case_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def access_case(request, case_id, *, write: bool = False, section: str = "case", event: str = "case.viewed") -> CaseAccess:
    """Fetch a case within the user's scope and log the access; 404 outside scope, 403 read-only on write.

    Reads are logged here before any data leaves; writes are logged by the service in its transaction.
    """
    actor = Actor.from_request(request)
    number = _case_id(case_id)
    case = Case.objects.visible_to(request.user).select_related("team", "household").filter(pk=number).first() if number else None
    grant = case_grant(request.user, case) if case else None
    if grant in GRANT_SECTIONS and section not in GRANT_SECTIONS[grant]:
        grant = None
    if case is None or grant is None:
        access_log_write(actor=actor, event="case.access_denied", action=Action.READ, outcome=Outcome.DENIED,
                         case_id=number, section=section)
        raise Http404
    access = CaseAccess(case=case, grant=grant, can_write=grant in WRITE_GRANTS)
    if write and not access.can_write:
        access_log_write(actor=actor, event="case.write_denied", action=Action.UPDATE, outcome=Outcome.DENIED,
                         case=case, section=section, auth_rule=grant)
        raise PermissionDenied
    if not write:
        access_log_write(actor=actor, event=event, action=Action.READ, case=case, section=section,
                         is_emergency=access.is_emergency, auth_rule=grant)
    return access

