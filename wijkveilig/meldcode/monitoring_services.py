"""Closing with monitoring: agreements after question 5 = yes (the first one closes the route) and their checks.
Each service checks the rule, writes, adds the timeline line and the log row in one transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.accounts.models import User
from wijkveilig.audit.services import Action, Actor
from wijkveilig.cases import changes
from wijkveilig.cases.access import CaseAccess
from wijkveilig.core.errors import DomainError
from wijkveilig.core.errors import require as _require
from wijkveilig.core.models import save_versioned
from wijkveilig.meldcode import monitoring
from wijkveilig.meldcode.models import MeldcodeRoute, MonitoringAgreement, RouteStatus
from wijkveilig.meldcode.services import close_route
from wijkveilig.meldcode.state import route_state

SECTION = "meldcode"


def checker_choices(case) -> list[User]:
    """Who can be named as the team member who checks: the active members of the case's team."""
    return list(User.objects.filter(is_active=True, memberships__team=case.team_id).distinct()
                .order_by("first_name", "last_name", "username"))


def _route_for_monitoring(access: CaseAccess, route_id: int) -> MeldcodeRoute:
    route = MeldcodeRoute.objects.select_for_update().filter(pk=route_id, case=access.case).first()
    if route is None:
        raise DomainError(_("Deze Meldcode-route hoort niet bij deze casus."))
    return route


@transaction.atomic
def monitoring_agreement_record(*, actor: Actor, access: CaseAccess, route_id: int, what: str, due_on: date,
                                checker_id: int | None = None, checker_text: str = "") -> MonitoringAgreement:
    """Question 5 = yes: record what is monitored, who checks and when; the first agreement closes the route."""
    route = _route_for_monitoring(access, route_id)
    decision = route_state(route).decision
    outcome = decision.outcome.value if decision.outcome else None
    blockers = monitoring.close_blockers(outcome, route.monitoring_agreements.count() + 1)
    _require(monitoring.CloseBlocker.NOT_CLOSE_WITH_MONITORING not in blockers,
             _("Monitoringsafspraken horen bij vraag 5 = ja: afsluiten met afspraken over het volgen van de "
               "(on)veiligheid."), "what")
    _require(bool(what.strip()), _("Vul in wat er wordt gevolgd."), "what")
    checker = next((u for u in checker_choices(access.case) if u.pk == checker_id), None) if checker_id else None
    _require(checker_id is None or checker is not None, _("Kies een lid van het team van deze casus."), "checker")
    _require(checker is not None or bool(checker_text.strip()),
             _("Vul in wie controleert: kies een teamlid of schrijf een naam of organisatie."), "checker_text")
    _require(due_on > timezone.localdate(), _("Kies een datum in de toekomst."), "due_on")
    agreement = MonitoringAgreement.objects.create(route=route, what=what, due_on=due_on, checker=checker,
                                                   checker_text="" if checker else checker_text,
                                                   agreed_by=actor.user)
    changes.record(actor=actor, access=access, event="meldcode.monitoring_agreed", section=SECTION,
                   detail=due_on.isoformat(), action=Action.CREATE)
    may_close = not monitoring.close_blockers(outcome, route.monitoring_agreements.count())
    if route.status == RouteStatus.ACTIVE and may_close:
        close_route(route)
        changes.timeline(actor=actor, case=access.case, event="meldcode.closed_with_monitoring")
        changes.log_change(actor=actor, access=access, event="meldcode.route_closed", section=SECTION)
    return agreement


@transaction.atomic
def monitoring_check_record(*, actor: Actor, access: CaseAccess, route_id: int, agreement_id: int,
                            expected_version: int, checked_on: date, outcome: str,
                            check_note: str = "") -> MonitoringAgreement:
    """Record that a monitoring agreement was checked (safe, or concerns); once per agreement, version-checked."""
    agreement = MonitoringAgreement.objects.filter(pk=agreement_id, route_id=route_id,
                                                   route__case=access.case).first()
    _require(agreement is not None, _("Deze monitoringsafspraak hoort niet bij deze route."))
    _require(agreement.checked_on is None, _("Deze controle is al vastgelegd."))
    _require(outcome in monitoring.CheckOutcome._value2member_map_, _("Kies de uitkomst van de controle."), "outcome")
    _require(checked_on <= timezone.localdate(), _("De datum ligt in de toekomst."), "checked_on")
    _require(checked_on >= timezone.localdate(agreement.agreed_at),
             _("De controle kan niet vóór de afspraak liggen."), "checked_on")
    _require(not monitoring.suggests_returning_violence(outcome) or bool(check_note.strip()),
             _("Beschrijf uw zorgen: wat heeft u gezien of gehoord?"), "check_note")
    agreement.checked_on, agreement.outcome, agreement.check_note = checked_on, outcome, check_note
    agreement.checked_at, agreement.checked_by = timezone.now(), actor.user
    save_versioned(agreement, expected_version=expected_version,
                   fields=["checked_on", "outcome", "check_note", "checked_at", "checked_by"])
    changes.record(actor=actor, access=access, event="meldcode.monitoring_checked", section=SECTION, detail=outcome)
    return agreement
