"""What every change to a case does besides its own write: refuse a closed case, add the timeline line, write the
access-log row with the grant it was made under. One place, used by the services of every app."""

from django.utils.translation import gettext as _

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.models import CaseStatus, TimelineEvent
from wijkveilig.cases.policy import CaseAccess
from wijkveilig.core.errors import DomainError


def require_open(case_or_access) -> None:
    """Refuse any change to a closed case (given the case or the access to it)."""
    case = getattr(case_or_access, "case", case_or_access)
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("Deze casus is gesloten. Heropen de casus om iets te wijzigen."))


def log_change(*, actor: Actor, access: CaseAccess, event: str, section: str, action: str = Action.UPDATE) -> None:
    access_log_write(actor=actor, event=event, action=action, case=access.case, section=section,
                     is_emergency=access.is_emergency, auth_rule=access.grant)


def timeline(*, actor: Actor, case, event: str, detail: str = "", **refs) -> None:
    TimelineEvent.objects.create(case=case, actor=actor.user, event=event, detail=detail[:120], **refs)


def record(*, actor: Actor, access: CaseAccess, event: str, section: str, action: str = Action.UPDATE,
           detail: str = "", also=()) -> None:
    """The timeline line (also on the cases in `also`, e.g. the other cases of one MDA++) and the log row."""
    TimelineEvent.objects.bulk_create(TimelineEvent(case=case, actor=actor.user, event=event, detail=detail[:120])
                                      for case in [access.case, *also])
    log_change(actor=actor, access=access, event=event, section=section, action=action)
