"""The werkvoorraad lists: one function per start page, each a fixed number of queries whatever the team size.

Each list is read in bulk per kind of line (one or two queries each, over the case ids in scope), turned into
`urgency.Line`s and ordered by `urgency.ordered`. Each listing writes one access-log row.

The table of open cases is a page of `PAGE_SIZE` rows (issue 12): every open case in scope is read with only the
columns its order needs (reference, colour, last activity; step, tier and next date come from the lines), and only the
rows of the shown page get their household and assignees' names. A 3,000-case team renders 50 rows, not 3,000.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from wijkveilig.assessment.selectors import kindcheck_prompts
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.models import Assignment, Case
from wijkveilig.cases.selectors import for_table
from wijkveilig.collaboration.models import ConferenceDecision
from wijkveilig.collaboration.selectors import proposals_for
from wijkveilig.core.policy import Scope
from wijkveilig.intake.models import Concern
from wijkveilig.intake.selectors import team_queue
from wijkveilig.intake.triage import COLOUR_RANK, Colour
from wijkveilig.meldcode import afwegingskader
from wijkveilig.meldcode.models import (
    AcuteDanger,
    DecisionAnswer,
    FeedbackMoment,
    MeldcodeRoute,
    MonitoringAgreement,
    ReturningViolence,
    RouteStatus,
    StepEvent,
    VtFeedback,
    VtReport,
    VtRouteAnswer,
)
from wijkveilig.meldcode.monitoring import due_status
from wijkveilig.meldcode.monitoring_selectors import awaiting_agreements
from wijkveilig.meldcode.selectors import (
    evaluations_due,
    overdue_vt_reports,
    returning_violence_to_report,
    urgent_vt_reports,
    vt_monitoring_due,
)
from wijkveilig.meldcode.state import completed_steps
from wijkveilig.meldcode.steps import current_step
from wijkveilig.safety import rules as safety_rules
from wijkveilig.safety.models import Agreement, AgreementReview, SafetyPlan
from wijkveilig.worklist.urgency import Kind, Line, Section, Tier, grouped, ordered

MAX_LINES = 300
PAGE_SIZE = 50
SORTS = ("urgency", "reference", "colour", "step", "next", "activity")


@dataclass
class CaseRow:
    """One open case in the table under the lines; `shown` (household, assignees) is read only for the page's rows."""

    case: Case
    colour: str = ""
    step: str = ""  # "1".."5", or a phase code once the steps are done
    next_on: date | None = None
    tier: Tier | None = None
    line_count: int = 0
    shown: Case | None = None

    @property
    def colour_label(self) -> str:
        return str(Colour(self.colour).label) if self.colour in Colour.values else ""


@dataclass
class Worklist:
    scope: Scope
    lines: list[Line]
    counts: dict[str, int]
    rows: list[CaseRow]  # the shown page's rows
    page: Page
    page_numbers: list[int | None]  # the page links to show, None for a gap
    sort: str
    today: date
    sections: list = field(default_factory=list)
    unassigned_by_colour: list[tuple[str, int]] = field(default_factory=list)
    workload: list[tuple[str, int]] = field(default_factory=list)


def _scoped_cases(user, scope: Scope):
    mine = Case.objects.filter(assignments__user=user, assignments__ended_at__isnull=True)
    if scope == Scope.TEAM:
        return Case.objects.in_teams_of(user).open()
    if scope == Scope.DUO:
        shared = Assignment.objects.filter(case=OuterRef("pk"), ended_at__isnull=True).exclude(user=user)
        return mine.open().filter(Exists(shared))
    return mine.open()


def _cases(user, scope: Scope) -> list[Case]:
    """Every open case in scope with only the columns the table's order needs (1 query): no household, assignees,
    routes or encrypted texts, which a 3,000-case team would otherwise read (and decrypt) for rows it never shows."""
    colour = (Concern.objects.filter(case=OuterRef("pk")).exclude(final_colour="")
              .order_by("-received_at", "-pk").values("final_colour")[:1])
    return list(Case.objects.filter(pk__in=_scoped_cases(user, scope).values("pk")).only("pk", "reference", "status")
                .annotate(last_activity=Max("timeline__at"), colour=Subquery(colour)).order_by("reference"))


@dataclass(frozen=True)
class _Link:
    """Where to act, reversed only when a shown line is rendered (a full team has thousands of lines)."""

    name: str
    args: tuple
    anchor: str = ""

    def __str__(self) -> str:
        return reverse(self.name, args=self.args) + (f"#{self.anchor}" if self.anchor else "")


def _url(name: str, *args, anchor: str = "") -> _Link:
    return _Link(name, args, anchor)


# Encrypted free text the lines never show: not read, so not decrypted.
REPORT_TEXT = ("content", "informed_whom", "informed_reaction", "not_informed_reason")


def _meldcode_lines(user, ids: list[int], today: date) -> list[Line]:
    cases = Case.objects.filter(pk__in=ids)
    lines = []
    reported_after = VtReport.objects.filter(route=OuterRef("route_id"), sent_at__gte=OuterRef("recorded_at"))
    for danger in (AcuteDanger.objects.filter(route__case_id__in=ids, route__status=RouteStatus.ACTIVE)
                   .exclude(Exists(reported_after)).select_related("route__case")[:MAX_LINES]):
        lines.append(Line(Kind.ACUTE_DANGER, danger.route.case_id, danger.route.case.reference, None,
                          _url("meldcode:report", danger.route.case_id, danger.route_id), danger))
    for route in returning_violence_to_report(cases)[:MAX_LINES]:
        lines.append(Line(Kind.RETURNING_VIOLENCE, route.case_id, route.case.reference, None,
                          _url("meldcode:report", route.case_id, route.pk), route))
    for report in urgent_vt_reports(cases).defer(*REPORT_TEXT)[:MAX_LINES]:
        lines.append(Line(Kind.URGENT_REPORT, report.case_id, report.case.reference, report.assessment_due_on,
                          _url("meldcode:route", report.case_id, report.route_id), report))
    overdue = list(overdue_vt_reports(cases).defer(*REPORT_TEXT)[:MAX_LINES])
    for report in overdue:
        due = report.investigation_due_on if report.has_assessment_feedback else report.assessment_due_on
        lines.append(Line(Kind.FEEDBACK_OVERDUE, report.case_id, report.case.reference, due,
                          _url("meldcode:route", report.case_id, report.route_id), report))
    lines += _feedback_expected(ids, today, exclude={report.pk for report in overdue})
    for route in evaluations_due(cases)[:MAX_LINES]:
        lines.append(Line(Kind.EVALUATION_DUE, route.case_id, route.case.reference, route.evaluation_on,
                          _url("meldcode:route", route.case_id, route.pk), route))
    for route in vt_monitoring_due(cases)[:MAX_LINES]:
        lines.append(Line(Kind.VT_MONITORING_DUE, route.case_id, route.case.reference, route.evaluation_on,
                          _url("meldcode:route", route.case_id, route.pk), route))
    for route in awaiting_agreements(cases)[:MAX_LINES]:
        lines.append(Line(Kind.MONITORING_AGREEMENTS, route.case_id, route.case.reference, None,
                          _url("meldcode:route", route.case_id, route.pk, anchor="monitoring"), route))
    # the agreed checker sees the date too, on any open case they may open (not only cases in the filter)
    checker = Q(checker=user, route__case__in=Case.objects.visible_to(user).open())
    for agreement in (MonitoringAgreement.objects.filter(Q(route__case_id__in=ids) | checker, checked_on__isnull=True)
                      .select_related("route__case", "checker").order_by("due_on", "id")[:MAX_LINES]):
        agreement.due_status = due_status(agreement.due_on, None, today)
        lines.append(Line(Kind.MONITORING, agreement.route.case_id, agreement.route.case.reference,
                          agreement.due_on, _url("meldcode:route", agreement.route.case_id, agreement.route_id,
                                                 anchor="monitoring"), agreement))
    return lines


def _feedback(moment: str):
    return Exists(VtFeedback.objects.filter(report=OuterRef("pk"), moment=moment))


def _feedback_expected(ids: list[int], today: date, *, exclude: set[int]) -> list[Line]:
    """Reports waiting for Veilig Thuis's feedback that is not late yet (both moments); acute ones are listed as
    urgent reports instead."""
    reports = (VtReport.objects.filter(case_id__in=ids)
               .annotate(has_assessment_feedback=_feedback(FeedbackMoment.AFTER_ASSESSMENT),
                         has_investigation_feedback=_feedback(FeedbackMoment.AFTER_INVESTIGATION))
               .filter(Q(has_assessment_feedback=False, assessment_due_on__gte=today, is_acute=False)
                       | Q(has_assessment_feedback=True, investigation_due_on__gte=today,
                           has_investigation_feedback=False))
               .exclude(pk__in=exclude).select_related("case").defer(*REPORT_TEXT)
               .order_by("assessment_due_on")[:MAX_LINES])
    return [Line(Kind.FEEDBACK_EXPECTED, r.case_id, r.case.reference,
                 r.investigation_due_on if r.has_assessment_feedback else r.assessment_due_on,
                 _url("meldcode:route", r.case_id, r.route_id), r) for r in reports]


def _route_lines(cases: list[Case]) -> tuple[list[Line], dict[int, str]]:
    """Routes in steps 1-5 with their current step, and routes whose outcome says report that have not reported;
    with each case's step for the table ("1".."5"). The active routes, their steps, answers, returning violence and
    reports in 6 queries (at most one active route per case)."""
    by_id = {case.pk: case for case in cases}
    routes = MeldcodeRoute.objects.filter(case_id__in=list(by_id), status=RouteStatus.ACTIVE).prefetch_related(
        Prefetch("step_events", queryset=StepEvent.objects.only("route_id", "step", "action", "at"),
                 to_attr="step_rows"),
        Prefetch("answers", queryset=DecisionAnswer.objects.defer("justification"), to_attr="answer_rows"),
        Prefetch("returning_violence", queryset=ReturningViolence.objects.defer("description"),
                 to_attr="returning_rows"),
        Prefetch("reports", queryset=VtReport.objects.only("route_id", "sent_at"), to_attr="report_rows"),
        Prefetch("vt_answers", queryset=VtRouteAnswer.objects.only("route_id", "answer", "recorded_at"),
                 to_attr="vt_answer_rows"))
    lines, steps = [], {}
    for route in routes:
        case = by_id[route.case_id]
        route.step = current_step(completed_steps(route.step_rows))
        steps[case.pk] = str(route.step.value) if route.step else "5"
        phase = _phase(route)
        if phase == afwegingskader.Phase.REPORT_DUE:
            lines.append(Line(Kind.REPORT_DUE, case.pk, case.reference, None,
                              _url("meldcode:report", case.pk, route.pk), route))
        elif phase == afwegingskader.Phase.DECIDING:
            lines.append(Line(Kind.ROUTE, case.pk, case.reference, route.evaluation_on,
                              _url("meldcode:route", case.pk, route.pk), route))
    return lines, steps


def _phase(route: MeldcodeRoute) -> afwegingskader.Phase:
    """The route's phase from prefetched rows (the same rule as `meldcode.state.route_state`)."""
    latest = {}
    for answer in route.answer_rows:
        latest[answer.question] = answer
    returning = route.returning_rows
    decision = afwegingskader.decide({q: a.answer for q, a in latest.items()}, returning_violence=bool(returning))
    trigger = max([a.answered_at for a in latest.values()] + [r.recorded_at for r in returning], default=None)
    reported = trigger is not None and any(report.sent_at >= trigger for report in route.report_rows)
    vt_answers = route.vt_answer_rows
    return afwegingskader.phase(decision, is_closed=False, reported=reported,
                                vt_answer=vt_answers[-1].answer if vt_answers else None)


def _safety_lines(ids: list[int], cases: list[Case], today: date) -> list[Line]:
    soon = today + timedelta(days=7)
    by_id = {case.pk: case for case in cases}
    lines = []
    plans = (SafetyPlan.objects.filter(case_id__in=ids, review_on__lte=soon)
             .annotate(last_reviewed_on=Max("agreements__reviews__reviewed_on")))
    for plan in plans:
        if plan.review_on >= today or safety_rules.is_review_missed(
                review_on=plan.review_on, today=today, last_reviewed_on=plan.last_reviewed_on):
            lines.append(Line(Kind.PLAN_REVIEW, plan.case_id, by_id[plan.case_id].reference, plan.review_on,
                              _url("safety:plan", plan.case_id), plan))
    reviews = Prefetch("reviews", queryset=AgreementReview.objects.only("agreement_id", "status", "reviewed_on"),
                       to_attr="review_rows")
    agreements = (Agreement.objects.filter(plan__case_id__in=ids, due_on__lte=soon).select_related("plan")
                  .only("plan__case_id", "due_on").prefetch_related(reviews).order_by("due_on", "id")[:MAX_LINES])
    for agreement in agreements:
        reviews = agreement.review_rows  # newest first (AgreementReview's ordering)
        latest = reviews[0].status if reviews else None
        if latest != safety_rules.KEPT:
            lines.append(Line(Kind.AGREEMENT, agreement.plan.case_id, by_id[agreement.plan.case_id].reference,
                              agreement.due_on, _url("safety:plan", agreement.plan.case_id), agreement))
    for case_id, prompt in kindcheck_prompts(ids).items():
        lines.append(Line(Kind.KINDCHECK, case_id, by_id[case_id].reference, None,
                          _url("assessment:kindcheck", case_id), prompt))
    return lines


def _collaboration_lines(user, scope: Scope, ids: list[int], cases: list[Case]) -> list[Line]:
    # a coordinator's team view shows every open decision of the team; otherwise only the user's own decisions
    owner = Q(conference__case_id__in=ids) if scope == Scope.TEAM else Q(owner=user, conference__case_id__in=ids)
    decisions = (ConferenceDecision.objects.filter(owner, done_at__isnull=True).defer("description")
                 .select_related("conference__case", "owner").order_by("due_on", "id")[:MAX_LINES])
    lines = [Line(Kind.DECISION, d.conference.case_id, d.conference.case.reference, d.due_on,
                  _url("collaboration:overview", d.conference.case_id), d) for d in decisions]
    by_id = {case.pk: case for case in cases}
    for case_id, proposal in proposals_for(cases).items():
        lines.append(Line(Kind.PROPOSAL, case_id, by_id[case_id].reference, None,
                          _url("collaboration:ave", case_id), proposal))
    return lines


def _red_intake_lines(ids: list[int]) -> list[Line]:
    unreported = Concern.objects.filter(case_id__in=ids, final_colour=Colour.RED).exclude(
        Exists(VtReport.objects.filter(case_id=OuterRef("case_id"))))
    return [Line(Kind.RED_INTAKE, concern.case_id, concern.case.reference, None,
                 _url("cases:detail", concern.case_id), concern)
                    for concern in unreported.select_related("case").only("case__reference", "received_at")
            .order_by("received_at")[:MAX_LINES]]


def _rows(cases: list[Case], lines: list[Line], steps: dict[int, str], sort: str) -> list[CaseRow]:
    rows = {case.pk: CaseRow(case=case, colour=case.colour or "", step=steps.get(case.pk, "")) for case in cases}
    for line in lines:
        row = rows.get(line.case_id)
        if row is None:
            continue
        row.line_count += 1
        row.tier = line.tier if row.tier is None else min(row.tier, line.tier)
        if line.due_on and (row.next_on is None or line.due_on < row.next_on):
            row.next_on = line.due_on
    return sorted(rows.values(), key=SORT_KEYS[sort])


SORT_KEYS = {
    "urgency": lambda r: (r.tier if r.tier is not None else len(Tier), r.next_on or date.max, r.case.reference),
    "reference": lambda r: r.case.reference,
    "colour": lambda r: (COLOUR_RANK.get(r.colour, len(COLOUR_RANK)), r.case.reference),
    "step": lambda r: (r.step or "9", r.case.reference),
    "next": lambda r: (r.next_on or date.max, r.case.reference),
    "activity": lambda r: (-(r.case.last_activity.timestamp() if r.case.last_activity else 0), r.case.reference),
}


def _page(rows: list[CaseRow], number: str) -> Page:
    """The asked page of the sorted rows, their household and assignees' names read for these rows only (2 queries
    whichever page). A malformed number shows the first page, one past the end the last: never an error."""
    page = Paginator(rows, PAGE_SIZE).get_page(int(number) if re.fullmatch(r"[1-9][0-9]{0,8}", number) else 1)
    shown = {case.pk: case for case in for_table(Case.objects.filter(pk__in=[row.case.pk for row in page]))}
    for row in page:
        row.shown = shown.get(row.case.pk)
    return page


def _page_numbers(page: Page) -> list[int | None]:
    """The first and last page, and two either side of the current one; None where pages are left out."""
    ellipsis = page.paginator.ELLIPSIS
    return [None if number == ellipsis else number
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)]


def _counts(lines: list[Line], rows: list[CaseRow]) -> dict[str, int]:
    counts = Counter(str(line.section) for line in lines)
    return {**{str(section): counts.get(str(section), 0) for section in Section}, "cases": len(rows)}


def team_worklist(*, actor: Actor, scope: Scope, sort: str = "urgency", page: str = "",
                  with_team: bool = False) -> Worklist:
    """What needs this team member (or, with scope team, the coordinator's team), most urgent first, and one page of
    the open cases in scope in the chosen order; `with_team` adds the coordinator's unassigned intake per colour and
    workload per worker. A fixed number of queries whatever the number of cases or the page; one access-log row."""
    user, today = actor.user, timezone.localdate()
    sort = sort if sort in SORTS else "urgency"
    cases = _cases(user, scope)
    ids = [case.pk for case in cases]
    route_lines, steps = _route_lines(cases)
    lines = ordered(_red_intake_lines(ids) + _meldcode_lines(user, ids, today) + route_lines
                    + _safety_lines(ids, cases, today) + _collaboration_lines(user, scope, ids, cases), today)
    rows = _rows(cases, lines, steps, sort)
    shown = _page(rows, page)
    result = Worklist(scope=scope, lines=lines, counts=_counts(lines, rows), rows=list(shown), page=shown,
                      page_numbers=_page_numbers(shown), sort=sort, today=today, sections=grouped(lines))
    if with_team:
        result.unassigned_by_colour = _unassigned_by_colour(user)
        result.workload = _workload(user)
    access_log_write(actor=actor, event="case.listed", action=Action.READ, section="caseload")
    return result


def _unassigned_by_colour(user) -> list[tuple[str, int]]:
    """Open intake of the coordinator's teams not yet taken up in a case, counted per colour (untriaged last)."""
    counts = Counter(team_queue(user).values_list("final_colour", flat=True))
    return [(colour, counts.get(colour, 0)) for colour in [*Colour.values, ""]]


def _workload(user) -> list[tuple[str, int]]:
    """Open cases per team member of the coordinator's teams (members without cases show 0)."""
    from wijkveilig.accounts.models import User

    members = (User.objects.filter(memberships__team__memberships__user=user, is_active=True).distinct()
               .annotate(open_cases=Count("assignments", filter=Q(
                   assignments__ended_at__isnull=True, assignments__case__status="open",
                   assignments__case__team__memberships__user=user), distinct=True))
               .order_by("-open_cases", "last_name", "username"))
    return [(member.get_full_name() or member.get_username(), member.open_cases) for member in members]


@dataclass
class VtWorklist:
    owed: list[tuple[VtReport, str, date, bool]]  # report, moment owed, due date, overdue
    received: list[VtReport]
    today: date


def vt_worklist(*, actor: Actor) -> VtWorklist:
    """Veilig Thuis's start page: the feedback it still owes (overdue first, then by due date) and the reports it
    received, for the teams it is the fixed contact of. Three queries; one access-log row."""
    today = timezone.localdate()
    reports = list(VtReport.objects.filter(case__team__vt_contact=actor.user)
                   .annotate(has_assessment_feedback=_feedback(FeedbackMoment.AFTER_ASSESSMENT),
                             has_investigation_feedback=_feedback(FeedbackMoment.AFTER_INVESTIGATION))
                   .select_related("case", "case__team").prefetch_related("feedback").defer(*REPORT_TEXT)
                   .order_by("-sent_at", "-id")[:MAX_LINES])
    owed = []
    for report in reports:
        if not report.has_assessment_feedback:
            owed.append((report, FeedbackMoment.AFTER_ASSESSMENT, report.assessment_due_on))
        elif report.investigation_due_on and not report.has_investigation_feedback:
            owed.append((report, FeedbackMoment.AFTER_INVESTIGATION, report.investigation_due_on))
    owed.sort(key=lambda row: (row[2], not row[0].is_acute, row[0].sent_at))  # late first, then acute
    access_log_write(actor=actor, event="vt_report.listed", action=Action.READ, section="vt_report")
    return VtWorklist(owed=[(r, moment, due, due < today) for r, moment, due in owed], received=reports,
                      today=today)
