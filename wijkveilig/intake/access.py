"""The one way a request gets at an intake concern: scoped by role and team, logged, fails closed.

Concerns are not cases: a coordinator works the intake queue of their own teams and the municipal queue
(addresses the postcode table does not know); the team's Veilig Thuis contact reads the team's concerns;
whoever submitted a concern may see it back (a partner only its status).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_read_pending, access_log_write
from wijkveilig.intake.models import Concern

SECTION = "intake"
WRITE_GRANTS = frozenset({"team", "municipal"})
# A partner who shared a concern sees its status, never its triage or the case it became.
STATUS_ONLY_GRANTS = frozenset({"submitter_partner"})


@dataclass(frozen=True)
class ConcernAccess:
    concern: Concern
    grant: str  # team | municipal | veilig_thuis | submitter | submitter_partner
    can_write: bool

    @property
    def is_status_only(self) -> bool:
        return self.grant in STATUS_ONLY_GRANTS


def concern_grant(user, concern: Concern) -> str | None:
    """Why this user may see this concern, strongest reason first; None if they may not."""
    if user.role == Role.COORDINATOR:
        if concern.team_id is None:
            return "municipal"
        if concern.team.memberships.filter(user=user).exists():
            return "team"
    if user.role == Role.VT_LIAISON and concern.team_id and concern.team.vt_contact_id == user.pk:
        return "veilig_thuis"
    if concern.submitted_by_id == user.pk:
        return "submitter_partner" if user.role == Role.PARTNER else "submitter"
    return None


def log_rule(grant: str, concern_id) -> str:
    """The log's `auth_rule` for a concern: the grant and which concern (the log has no concern column)."""
    number = f"{concern_id:05d}" if isinstance(concern_id, int) else str(concern_id)
    return f"{grant} Z-{number}"[:30]


def _concern_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def access_concern(request, concern_id, *, write: bool = False, status_only: bool = False,
                   event: str = "concern.viewed") -> ConcernAccess:
    """Fetch a concern within the user's scope and log the access; 404 outside scope, 403 read-only on write.

    `status_only` pages may be opened by a partner submitter; every other page needs a full grant.
    """
    actor = Actor.from_request(request)
    number = _concern_id(concern_id)
    concern = (Concern.objects.visible_to(request.user).select_related("team", "buurt", "team__vt_contact")
               .filter(pk=number).first() if number else None)
    grant = concern_grant(request.user, concern) if concern else None
    if grant in STATUS_ONLY_GRANTS and not status_only:
        grant = None
    if grant is None:
        access_log_write(actor=actor, event="concern.access_denied", action=Action.READ, outcome=Outcome.DENIED,
                         section=SECTION, auth_rule=log_rule("denied", number or "?"))
        raise Http404
    access = ConcernAccess(concern=concern, grant=grant, can_write=grant in WRITE_GRANTS)
    if write and not access.can_write:
        access_log_write(actor=actor, event="concern.write_denied", action=Action.UPDATE, outcome=Outcome.DENIED,
                         section=SECTION, auth_rule=log_rule(grant, concern.pk), case=concern.case)
        raise PermissionDenied
    row = {"actor": actor, "event": event, "section": SECTION, "auth_rule": log_rule(grant, concern.pk),
           "case": concern.case if not access.is_status_only else None}
    if write:  # the service logs the write; a page showing the form (again) gets its read row from the middleware
        access_log_read_pending(request, **row)
    else:
        access_log_write(action=Action.READ, **row)
    return access
