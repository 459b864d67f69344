"""The one way a request gets at a case: scoped by role and assignment, logged, fails closed."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_read_pending, access_log_write
from wijkveilig.cases.models import Case, CaseStatus


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    grant: str  # assigned | team | emergency | consulted | veilig_thuis | mda_partner
    can_write: bool

    @property
    def is_emergency(self) -> bool:
        return self.grant == "emergency"


WRITE_GRANTS = frozenset({"assigned", "team", "emergency", "veilig_thuis"})
# Grants limited to some parts of a case; every other grant opens the whole case.
GRANT_SECTIONS = {"veilig_thuis": frozenset({"vt_report"}), "mda_partner": frozenset({"mda"})}
# External accounts a team may add to an MDA++ case (police, GGZ, … have partner accounts; Veilig Thuis its liaison).
MDA_PARTNER_ROLES = frozenset({Role.PARTNER, Role.VT_LIAISON})


def _grants(user, case: Case):
    """Every reason this user may see this case, strongest first; lazily, so the first fitting one costs least."""
    if case.assignments.filter(user=user, ended_at__isnull=True).exists():
        yield "assigned"
    if user.role == Role.COORDINATOR and case.team.memberships.filter(user=user).exists():
        yield "team"
    if case.emergency_accesses.filter(user=user, expires_at__gt=timezone.now()).exists():
        yield "emergency"
    if user.role == Role.SPECIALIST and case.consultations.filter(specialist=user).exists():
        yield "consulted"
    if user.role == Role.VT_LIAISON and case.team.vt_contact_id == user.pk and case.vt_reports.exists():
        yield "veilig_thuis"
    if user.role in MDA_PARTNER_ROLES and is_mda_partner(user, case):
        yield "mda_partner"


def is_mda_partner(user, case: Case) -> bool:
    """An external partner on the open MDA++ this open case is part of (one per household; access ends when the
    partner, MDA++ or case does)."""
    return case.status == CaseStatus.OPEN and user.mda_partnerships.filter(
        enrolment__cases=case, enrolment__ended_at__isnull=True, removed_at__isnull=True).exists()


def case_grant(user, case: Case, section: str | None = None) -> str | None:
    """Why this user may see this case (in this section), strongest reason first; None if they may not."""
    return next((grant for grant in _grants(user, case)
                 if section is None or grant not in GRANT_SECTIONS or section in GRANT_SECTIONS[grant]), None)


def _case_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def access_case(request, case_id, *, write: bool = False, section: str = "case", event: str = "case.viewed") -> CaseAccess:
    """Fetch a case within the user's scope and log the access; 404 outside scope, 403 read-only on write.

    Reads are logged here before any data leaves; writes are logged by the service in its transaction, and a page
    that shows the case opened for writing (a form, or a form again with its errors) by ReadLogMiddleware.
    """
    actor = Actor.from_request(request)
    number = _case_id(case_id)
    case = Case.objects.visible_to(request.user).select_related("team", "household").filter(pk=number).first() if number else None
    grant = case_grant(request.user, case, section) if case else None
    if case is None or grant is None:
        access_log_write(actor=actor, event="case.access_denied", action=Action.READ, outcome=Outcome.DENIED,
                         case_id=number, section=section)
        raise Http404
    access = CaseAccess(case=case, grant=grant, can_write=grant in WRITE_GRANTS)
    if write and not access.can_write:
        access_log_write(actor=actor, event="case.write_denied", action=Action.UPDATE, outcome=Outcome.DENIED,
                         case=case, section=section, auth_rule=grant)
        raise PermissionDenied
    row = {"actor": actor, "event": event, "case": case, "section": section, "is_emergency": access.is_emergency,
           "auth_rule": grant}
    if write:  # the service logs the write; a page showing the form (again) gets its read row from the middleware
        access_log_read_pending(request, **row)
    else:
        access_log_write(action=Action.READ, **row)
    return access

