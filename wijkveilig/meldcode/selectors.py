"""What needs attention: overdue Veilig Thuis feedback and evaluation dates that have passed."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from wijkveilig.cases.models import Case
from wijkveilig.meldcode.afwegingskader import Question
from wijkveilig.meldcode.models import DecisionAnswer, FeedbackMoment, MeldcodeRoute, RouteStatus, VtFeedback, VtReport


def overdue_vt_reports(cases):
    """Reports whose 5-working-day safety assessment passed without feedback, within the given cases."""
    feedback = VtFeedback.objects.filter(report=OuterRef("pk"), moment=FeedbackMoment.AFTER_ASSESSMENT)
    return (VtReport.objects.filter(case__in=cases, assessment_due_on__lt=timezone.localdate())
            .exclude(Exists(feedback)).select_related("case").order_by("assessment_due_on"))


def evaluations_due(cases):
    """Active routes whose evaluation date has come and question 5 is still open."""
    answered = DecisionAnswer.objects.filter(route=OuterRef("pk"), question=Question.RESULT_ACHIEVED)
    return (MeldcodeRoute.objects.filter(case__in=cases, status=RouteStatus.ACTIVE,
                                         evaluation_on__lte=timezone.localdate())
            .exclude(Exists(answered)).select_related("case").order_by("evaluation_on"))


def attention_for(user):
    """For the werkvoorraad: the worker's own cases; for the coordinator: the whole team."""
    if user.role == "coordinator":
        cases = Case.objects.in_teams_of(user)
    else:
        cases = Case.objects.filter(assignments__user=user, assignments__ended_at__isnull=True)
    return {"overdue_reports": list(overdue_vt_reports(cases)[:100]),
            "evaluations_due": list(evaluations_due(cases)[:100])}


def vt_reports_for_liaison(*, actor):
    """Reports sent to Veilig Thuis for the teams this liaison is the fixed contact for (one log row per listing)."""
    from wijkveilig.audit.services import Action, access_log_write

    access_log_write(actor=actor, event="vt_report.listed", action=Action.READ, section="vt_report")
    return (VtReport.objects.filter(case__team__vt_contact=actor.user)
            .select_related("case", "case__team").prefetch_related("feedback").order_by("-sent_at")[:200])
