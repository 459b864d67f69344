"""The one way a request gets at a case: scoped by `cases.policy`, logged, fails closed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wijkveilig.audit.services import Action, Actor, Outcome, access_log_read_pending, access_log_write
from wijkveilig.cases.models import Case
from wijkveilig.cases.policy import WRITE_GRANTS, CaseAccess, access_for, case_grant  # noqa: F401 (re-exported)
from wijkveilig.core.http import parse_id


def access_case(request, case_id, *, write: bool = False, section: str = "case",
                event: str = "case.viewed") -> CaseAccess:
    """Fetch a case within the user's scope and log the access; 404 outside scope, 403 read-only on write.

    Reads are logged here before any data leaves; writes are logged by the service in its transaction, and a page
    that shows the case opened for writing (a form, or a form again with its errors) by ReadLogMiddleware.
    """
    actor = Actor.from_request(request)
    number = parse_id(case_id)
    case = Case.objects.select_related("team", "household").filter(pk=number).first() if number else None
    grant = case_grant(request.user, case, section) if case else None
    if case is None or grant is None:
        access_log_write(actor=actor, event="case.access_denied", action=Action.READ, outcome=Outcome.DENIED,
                         case_id=number, section=section)
        raise Http404
    access = access_for(case, grant)
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

