"""Read-side of monitoring: routes waiting for agreements, and missed dates for stagnation."""

from collections import Counter
from datetime import date

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from wijkveilig.meldcode import monitoring
from wijkveilig.meldcode.afwegingskader import Question
from wijkveilig.meldcode.models import DecisionAnswer, MeldcodeRoute, MonitoringAgreement, RouteStatus


def awaiting_agreements(cases):
    """Active routes where question 5 was last answered "ja" and no monitoring agreement exists yet."""
    latest = (DecisionAnswer.objects.filter(route=OuterRef("pk"), question=Question.RESULT_ACHIEVED)
              .order_by("-answered_at", "-id").values("answer")[:1])
    agreements = MonitoringAgreement.objects.filter(route=OuterRef("pk"))
    return (MeldcodeRoute.objects.filter(case__in=cases, status=RouteStatus.ACTIVE)
            .annotate(result_achieved=Subquery(latest)).filter(result_achieved=True)
            .exclude(Exists(agreements)).select_related("case").order_by("started_at"))


def missed_monitoring(case_ids: list[int], today: date) -> dict[int, int]:
    """Per case: monitoring dates that passed without a recorded check (feeds the AVE stagnation rule)."""
    rows = MonitoringAgreement.objects.filter(route__case_id__in=case_ids, checked_on__isnull=True,
                                              due_on__lt=today).values_list("route__case_id", "due_on")
    return dict(Counter(case_id for case_id, due_on in rows if monitoring.is_missed(due_on, None, today)))


def route_monitoring(route: MeldcodeRoute, today: date | None = None) -> list[tuple[MonitoringAgreement, str]]:
    """The route's monitoring agreements with their due status, for the route page and the API."""
    today = today or timezone.localdate()
    return [(a, monitoring.due_status(a.due_on, a.checked_on, today))
            for a in route.monitoring_agreements.select_related("checker", "checked_by")]
