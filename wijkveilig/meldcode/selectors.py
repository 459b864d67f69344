"""What needs attention: overdue or urgent Veilig Thuis feedback, returning violence to report, passed dates."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wijkveilig.meldcode.afwegingskader import Question
from wijkveilig.meldcode.models import (
    DecisionAnswer,
    FeedbackMoment,
    MeldcodeRoute,
    ReturningViolence,
    RouteStatus,
    VtAnswerKind,
    VtFeedback,
    VtReport,
    VtRouteAnswer,
)


def _feedback(moment: str):
    return Exists(VtFeedback.objects.filter(report=OuterRef("pk"), moment=moment))


def overdue_vt_reports(cases):
    """Reports whose feedback is overdue, within the given cases: after the safety assessment (5 working days, the
    same day when acute) or after Veilig Thuis's own investigation (10 weeks). Each report at most once."""
    today = timezone.localdate()
    return (VtReport.objects.filter(case__in=cases)
            .annotate(has_assessment_feedback=_feedback(FeedbackMoment.AFTER_ASSESSMENT),
                      has_investigation_feedback=_feedback(FeedbackMoment.AFTER_INVESTIGATION))
            .filter(Q(assessment_due_on__lt=today, has_assessment_feedback=False)
                    | Q(investigation_due_on__lt=today, has_investigation_feedback=False))
            .select_related("case").order_by("assessment_due_on"))


def urgent_vt_reports(cases):
    """Acute reports awaiting Veilig Thuis's assessment that are not overdue yet: urgent from the moment they are
    sent."""
    return (VtReport.objects.filter(case__in=cases, is_acute=True, assessment_due_on__gte=timezone.localdate())
            .exclude(_feedback(FeedbackMoment.AFTER_ASSESSMENT)).select_related("case").order_by("sent_at"))


def returning_violence_to_report(cases):
    """Active routes with returning violence recorded and no report to Veilig Thuis sent since (meldnorm 3)."""
    later_report = VtReport.objects.filter(route=OuterRef("route_id"), sent_at__gte=OuterRef("recorded_at"))
    pending = ReturningViolence.objects.filter(route=OuterRef("pk")).exclude(Exists(later_report))
    return (MeldcodeRoute.objects.filter(case__in=cases, status=RouteStatus.ACTIVE).filter(Exists(pending))
            .select_related("case").order_by("started_at"))


def evaluations_due(cases):
    """Active routes whose evaluation date has come and question 5 is still open; routes where the wijkteam helps
    under Veilig Thuis's conditions come up on their monitoring date instead (`vt_monitoring_due`), and routes with
    returning violence wait for the report, not for question 5 (`returning_violence_to_report`)."""
    answered = DecisionAnswer.objects.filter(route=OuterRef("pk"), question=Question.RESULT_ACHIEVED)
    with_vt = VtRouteAnswer.objects.filter(route=OuterRef("pk"))
    returned = ReturningViolence.objects.filter(route=OuterRef("pk"))
    return (MeldcodeRoute.objects.filter(case__in=cases, status=RouteStatus.ACTIVE,
                                         evaluation_on__lte=timezone.localdate())
            .exclude(Exists(answered)).exclude(Exists(with_vt)).exclude(Exists(returned))
            .select_related("case").order_by("evaluation_on"))


def vt_monitoring_due(cases):
    """Active routes helping under Veilig Thuis's conditions whose monitoring date has come."""
    under_conditions = VtRouteAnswer.objects.filter(route=OuterRef("pk"), answer=VtAnswerKind.HELP_UNDER_CONDITIONS)
    return (MeldcodeRoute.objects.filter(case__in=cases, status=RouteStatus.ACTIVE,
                                         evaluation_on__lte=timezone.localdate())
            .filter(Exists(under_conditions)).select_related("case").order_by("evaluation_on"))


def vt_reports_for_liaison(*, actor):
    """Reports sent to Veilig Thuis for the teams this liaison is the fixed contact for (one log row per listing)."""
    from wijkveilig.audit.services import Action, access_log_write

    access_log_write(actor=actor, event="vt_report.listed", action=Action.READ, section="vt_report")
    return (VtReport.objects.filter(case__team__vt_contact=actor.user)
            .select_related("case", "case__team").prefetch_related("feedback").order_by("-sent_at")[:200])
