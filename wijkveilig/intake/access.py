"""The one way a request gets at an intake concern: scoped by role and team, logged, fails closed.

Who may see which concern is `intake.policy`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wijkveilig.audit.services import Action, Actor, Outcome, access_log_read_pending, access_log_write
from wijkveilig.core.http import parse_id
from wijkveilig.intake.models import Concern
from wijkveilig.intake.policy import STATUS_ONLY_GRANTS, WRITE_GRANTS, concern_grant

SECTION = "intake"


@dataclass(frozen=True)
class ConcernAccess:
    concern: Concern
    grant: str  # team | municipal | veilig_thuis | submitter | submitter_partner
    can_write: bool

    @property
    def is_status_only(self) -> bool:
        return self.grant in STATUS_ONLY_GRANTS


def log_rule(grant: str, concern_id) -> str:
    """The log's `auth_rule` for a concern: the grant and which concern (the log has no concern column)."""
    number = f"{concern_id:05d}" if isinstance(concern_id, int) else str(concern_id)
    return f"{grant} Z-{number}"[:30]


def access_concern(request, concern_id, *, write: bool = False, status_only: bool = False,
                   event: str = "concern.viewed") -> ConcernAccess:
    """Fetch a concern within the user's scope and log the access; 404 outside scope, 403 read-only on write.

    `status_only` pages may be opened by a partner submitter; every other page needs a full grant.
    """
    actor = Actor.from_request(request)
    number = parse_id(concern_id)
    concern = (Concern.objects.select_related("team", "buurt", "team__vt_contact").filter(pk=number).first()
               if number else None)
    grant = concern_grant(request.user, concern, status_only=status_only) if concern else None
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
