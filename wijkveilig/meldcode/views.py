"""Meldcode pages: parse input, call the access helper and one service, render the route page."""

import json
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.accounts.models import Role, User
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.cases.models import Note, NoteKind
from wijkveilig.core.errors import DomainError
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data
from wijkveilig.households.models import Person
from wijkveilig.meldcode import afwegingskader, forms, monitoring_services, policy, services, texts
from wijkveilig.meldcode.afwegingskader import Outcome, Question
from wijkveilig.meldcode.models import MeldcodeRoute, VtReport
from wijkveilig.meldcode.monitoring_selectors import route_monitoring
from wijkveilig.meldcode.monitoring_services import checker_choices
from wijkveilig.meldcode.report import readable, report_content, report_document, report_pdf, report_sent_message
from wijkveilig.meldcode.selectors import vt_reports_for_liaison
from wijkveilig.meldcode.state import route_state
from wijkveilig.meldcode.steps import Step
from wijkveilig.meldcode.weighing_selectors import complexity_suggestion, complexity_text, specialist_contacts


def _route(access, route_id: int) -> MeldcodeRoute:
    return get_object_or_404(MeldcodeRoute, pk=route_id, case=access.case)


# Which step's section holds each form of the route page (for the error summary's link).
FORM_STEPS = {"signal_add": 1, "signal_link": 1, "kindcheck": 1, "consultation": 2, "conversation": 3,
              "weighing": 4, "answer": 5, "monitoring_add": 5, "monitoring_check": 5}


def _team_specialists(case_id: int):
    return User.objects.filter(role=Role.SPECIALIST, is_active=True, memberships__team__cases__pk=case_id)


def _failed(bound: dict) -> dict | None:
    """The form that came back with errors, its step and where it is on the page, for the summary at the top."""
    for name, form in bound.items():
        if form.errors:
            step = getattr(form, "step", None) or FORM_STEPS.get(name)
            anchor = "voortgang" if name.startswith("reopen") or step not in Step._value2member_map_ else f"stap-{step}"
            return {"name": name, "step": step, "anchor": anchor, "errors": form.non_field_errors()}
    return None


def _kindcheck_initial(route) -> dict:
    """A new kindcheck starts from the last one of the route, else of the case (e.g. one done outside a route):
    answering the minors question must not drop the risk situations."""
    return forms.kindcheck_initial(route.kindchecks.first() or route.case.kindchecks.first())


def _weighing_form(route) -> forms.WeighingForm:
    """A new weighing starts from the last one, or from the complexity kinds the case already shows."""
    persons = route.case.household.persons.all()
    last = route.weighings.first()
    if last is None:
        return forms.WeighingForm(persons=persons, initial={"complexity_kinds": sorted(complexity_suggestion(route))})
    return forms.WeighingForm(persons=persons, initial={
        "nature": last.nature, "severity": last.severity, "risk": last.risk, "is_in_doubt": last.is_in_doubt,
        "threatened_persons": [p.pk for p in last.threatened_persons.all()], "has_great_harm": last.has_great_harm,
        "complexity_kinds": last.complexity_kinds, "complexity_note": last.complexity_note})


def _monitoring_context(route, state, bound: dict) -> dict:
    """Question 5 = yes: the agreement form, and each agreement with its own check form (ids kept apart)."""
    failed_check = bound.get("monitoring_check")
    rows = []
    for agreement, status in route_monitoring(route):
        form = failed_check if failed_check is not None and failed_check.data.get("agreement") == str(
            agreement.pk) else forms.MonitoringCheckForm(initial={
                "agreement": agreement.pk, "version": agreement.version, "checked_on": timezone.localdate()})
        form.auto_id = f"id_check_{agreement.pk}_%s"
        rows.append((agreement, status, form))
    return {"monitoring_rows": rows,
            "awaits_monitoring": route.status == "active" and state.decision.outcome == Outcome.CLOSE_WITH_MONITORING,
            "may_add_monitoring": state.decision.outcome == Outcome.CLOSE_WITH_MONITORING}


def _page_context(access, route, bound: dict | None = None) -> dict:
    state = route_state(route)
    case = access.case
    bound = bound or {}
    linked = route.signals.values_list("note_id", flat=True)
    next_question = state.decision.next_question
    context = {
        "access": access, "case": case, "route": route, "state": state,
        "steps": list(Step),
        "signals": route.signals.select_related("note"), "kindcheck": route.kindchecks.first(),
        "consultations": route.consultations.all(), "conversations": route.conversations.all(),
        "weighing": route.weighings.first(), "answers": state.latest_answers,
        "events": route.step_events.select_related("by"), "reports": route.reports.all(),
        "acute_dangers": route.acute_dangers.all(),
        "questions": [(q, texts.QUESTIONS[q], state.latest_answers.get(q.value)) for q in Question],
        "next_question_text": texts.QUESTIONS[next_question] if next_question else "",
        "outcome_text": texts.OUTCOMES.get(state.decision.outcome, ""),
        "norm_text": texts.NORMS.get(state.decision.report_norm, ""),
        "step_titles": texts.STEP_TITLES,
        "step_rows": [(step, texts.STEP_TITLES[str(step.value)],
                       bound.get(f"reopen_{step.value}") or forms.StepReopenForm(auto_id=f"id_reopen_{step.value}_%s"))
                      for step in Step],
        "failed": _failed(bound),
        "may_report": services.may_report(state),
        "phase_text": texts.PHASES[state.phase],
        "returning_violence": route.returning_violence.all(), "vt_answers": route.vt_answers.all(),
        "may_record_returning": afwegingskader.may_record_returning_violence(state.phase, state.decision),
        "may_record_vt_answer": afwegingskader.may_record_vt_answer(state.phase),
        "forms": {
            "signal_link": forms.SignalLinkForm(notes=Note.objects.filter(case=case, kind=NoteKind.SIGNAL)
                                                .exclude(pk__in=linked)),
            "signal_add": forms.SignalAddForm(initial={"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}),
            "kindcheck": forms.KindcheckForm(initial=_kindcheck_initial(route)),
            "consultation": forms.ConsultationForm(specialists=_team_specialists(case.pk),
                                                   initial={"consulted_on": timezone.localdate()}),
            "conversation": forms.ConversationForm(),
            "weighing": _weighing_form(route),
            "answer": forms.AnswerForm(initial={"question": next_question.value}) if next_question else None,
            "monitoring_add": forms.MonitoringAgreementForm(checkers=checker_choices(case)),
        },
    }
    weighing = context["weighing"]
    context |= {"specialist_contacts": specialist_contacts(route, weighing),
                "complexity_text": complexity_text(weighing.complexity_kinds) if weighing else ""}
    context |= _monitoring_context(route, state, bound)
    bound = {name: form for name, form in bound.items() if name != "monitoring_check"}
    context["forms"].update(bound)
    for name, form in context["forms"].items():
        if form is not None:  # several forms share one page: each needs its own ids for its labels
            form.auto_id = f"id_{name}_%s"
    return context


def _render_route(request, access, route, bound=None, status=200):
    context = _page_context(access, route, bound) | {"may_confirm": policy.may_confirm(access, request.user)}
    return render(request, "meldcode/route.html", context, status=status)


@require_POST
def route_start_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="meldcode")
    try:
        route = services.route_start(actor=Actor.from_request(request), access=access)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:detail", case_id=case_id)
    return redirect("meldcode:route", case_id=case_id, route_id=route.pk)


@require_GET
def route_view(request, case_id: int, route_id: int):
    access = access_case(request, case_id, section="meldcode")
    return _render_route(request, access, _route(access, route_id))


def _post_action(request, case_id, route_id, *, form_name, form, call, success):
    """Validate, call one service, redirect on success; otherwise the route page with the typed input kept."""
    access = access_case(request, case_id, write=True, section="meldcode")
    route = _route(access, route_id)
    if form.is_valid() and apply_service(form, lambda: call(Actor.from_request(request), access, route,
                                                            form.cleaned_data)):
        messages.success(request, success)
        return redirect("meldcode:route", case_id=case_id, route_id=route_id)
    return _render_route(request, access, route, {form_name: form}, status=form_status(form))


def _kw(data: dict, *drop: str) -> dict:
    return {key: value for key, value in data.items() if key not in drop}


@require_POST
def signal_link_view(request, case_id: int, route_id: int):
    form = forms.SignalLinkForm(request.POST, notes=Note.objects.filter(case_id=case_id))
    return _post_action(request, case_id, route_id, form_name="signal_link", form=form, success=_("Signaal gekoppeld."),
                        call=lambda a, acc, r, d: services.signal_link(actor=a, access=acc, route_id=r.pk,
                                                                       note_id=d["note"],
                                                                       supports_suspicion=d["supports_suspicion"]))


@require_POST
def signal_add_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="signal_add", form=forms.SignalAddForm(request.POST),
                        success=_("Signaal vastgelegd."),
                        call=lambda a, acc, r, d: services.signal_add(actor=a, access=acc, route_id=r.pk, **d))


@require_POST
def kindcheck_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="kindcheck", form=forms.KindcheckForm(request.POST),
                        success=_("Kindcheck vastgelegd."),
                        call=lambda a, acc, r, d: services.kindcheck_record(actor=a, access=acc, route_id=r.pk, **d))


@require_POST
def consultation_view(request, case_id: int, route_id: int):
    form = forms.ConsultationForm(request.POST, specialists=_team_specialists(case_id))
    return _post_action(request, case_id, route_id, form_name="consultation", form=form,
                        success=_("Overleg vastgelegd."),
                        call=lambda a, acc, r, d: services.consultation_record(actor=a, access=acc, route_id=r.pk,
                                                                               specialist_id=d["specialist"],
                                                                               **_kw(d, "specialist")))


@require_POST
def conversation_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="conversation",
                        form=forms.ConversationForm(request.POST), success=_("Gesprek vastgelegd."),
                        call=lambda a, acc, r, d: services.conversation_record(actor=a, access=acc, route_id=r.pk, **d))


@require_POST
def weighing_view(request, case_id: int, route_id: int):
    form = forms.WeighingForm(request.POST, persons=Person.objects.filter(household__cases__pk=case_id))
    return _post_action(request, case_id, route_id, form_name="weighing", form=form,
                        success=_("Weging vastgelegd."),
                        call=lambda a, acc, r, d: services.weighing_record(
                            actor=a, access=acc, route_id=r.pk, threatened_person_ids=d["threatened_persons"],
                            **_kw(d, "threatened_persons")))


@require_POST
def monitoring_add_view(request, case_id: int, route_id: int):
    checkers = User.objects.filter(is_active=True, memberships__team__cases__pk=case_id)
    form = forms.MonitoringAgreementForm(request.POST, checkers=checkers)
    return _post_action(request, case_id, route_id, form_name="monitoring_add", form=form,
                        success=_("Monitoringsafspraak vastgelegd."),
                        call=lambda a, acc, r, d: monitoring_services.monitoring_agreement_record(
                            actor=a, access=acc, route_id=r.pk, checker_id=d["checker"], **_kw(d, "checker")))


@require_POST
def monitoring_check_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="monitoring_check",
                        form=forms.MonitoringCheckForm(request.POST), success=_("Controle vastgelegd."),
                        call=lambda a, acc, r, d: monitoring_services.monitoring_check_record(
                            actor=a, access=acc, route_id=r.pk, agreement_id=d["agreement"],
                            expected_version=d["version"], **_kw(d, "agreement", "version")))


@require_POST
def answer_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="answer", form=forms.AnswerForm(request.POST),
                        success=_("Antwoord vastgelegd."),
                        call=lambda a, acc, r, d: services.answer_record(actor=a, access=acc, route_id=r.pk, **d))


def _known_step(step: int) -> int:
    """Steps 1-5 exist; any other number in the URL is a page that does not exist (404), not a 500."""
    if step not in {s.value for s in Step}:
        raise Http404
    return step


@require_POST
def step_complete_view(request, case_id: int, route_id: int, step: int):
    step = _known_step(step)
    form = forms.EmptyForm(request.POST)
    form.step = step
    return _post_action(request, case_id, route_id, form_name="complete", form=form,
                        success=_("Stap %(step)s is afgerond.") % {"step": step},
                        call=lambda a, acc, r, d: services.step_complete(actor=a, access=acc, route_id=r.pk, step=step))


@require_POST
def step_reopen_view(request, case_id: int, route_id: int, step: int):
    step = _known_step(step)
    form = forms.StepReopenForm(request.POST, auto_id=f"id_reopen_{step}_%s")
    form.step = step
    return _post_action(request, case_id, route_id, form_name=f"reopen_{step}", form=form,
                        success=_("U bent teruggegaan naar stap %(step)s.") % {"step": step},
                        call=lambda a, acc, r, d: services.step_reopen(actor=a, access=acc, route_id=r.pk, step=step,
                                                                       reason=d["reason"]))


@require_POST
def decision_confirm_view(request, case_id: int, route_id: int):
    return _post_action(request, case_id, route_id, form_name="confirm", form=forms.EmptyForm(request.POST),
                        success=_("De uitkomst is bevestigd."),
                        call=lambda a, acc, r, d: services.decision_confirm(actor=a, access=acc, route_id=r.pk))


def _record_page(request, case_id: int, route_id: int, *, form_class, initial: dict, service, template: str,
                 done: str, then: str):
    """A page with one form for one service on the route; on success a message and on to `then`."""
    access = access_case(request, case_id, write=True, section="meldcode")
    route = _route(access, route_id)
    form = form_class(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: service(
            actor=Actor.from_request(request), access=access, route_id=route.pk, **form.cleaned_data)):
        messages.warning(request, done)
        return redirect(then, case_id=case_id, route_id=route_id)
    return render(request, template, {"case": access.case, "route": route, "form": form,
                                      "state": route_state(route)}, status=form_status(form))


@require_http_methods(["GET", "POST"])
def acute_danger_view(request, case_id: int, route_id: int):
    return _record_page(request, case_id, route_id, form_class=forms.AcuteDangerForm,
                        initial={"police_called_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
                        service=services.acute_danger_record, template="meldcode/acute.html",
                        done=_("Vastgelegd. Meld nu bij Veilig Thuis."), then="meldcode:report")


@require_http_methods(["GET", "POST"])
def returning_violence_view(request, case_id: int, route_id: int):
    return _record_page(request, case_id, route_id, form_class=forms.ReturningViolenceForm,
                        initial={"occurred_on": timezone.localdate()}, service=services.returning_violence_record,
                        template="meldcode/returning_violence.html",
                        done=_("Terugkerend geweld vastgelegd. Meld nu bij Veilig Thuis (meldnorm 3)."),
                        then="meldcode:report")


@require_http_methods(["GET", "POST"])
def vt_answer_view(request, case_id: int, route_id: int):
    return _record_page(request, case_id, route_id, form_class=forms.VtAnswerForm, initial={},
                        service=services.vt_answer_record, template="meldcode/vt_answer.html",
                        done=_("Het antwoord van Veilig Thuis is vastgelegd."), then="meldcode:route")


@require_http_methods(["GET", "POST"])
def report_view(request, case_id: int, route_id: int):
    access = access_case(request, case_id, write=True, section="meldcode")
    route = _route(access, route_id)
    form = forms.ReportForm(form_data(request), initial={"idempotency_key": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid() and (report := apply_service(form, lambda: services.vt_report_send(
            actor=Actor.from_request(request), access=access, route_id=route.pk, **form.cleaned_data))):
        messages.success(request, report_sent_message(access.case.team))
        return redirect("meldcode:route", case_id=case_id, route_id=report.route_id)
    state = route_state(route)
    may_report = services.may_report(state)
    preview = readable(report_content(route, informed_whom="", informed_reaction="", not_informed_reason="",
                                      reporter=request.user)) if may_report else None
    return render(request, "meldcode/report.html",
                  {"case": access.case, "route": route, "form": form, "may_report": may_report, "state": state,
                   "preview": preview}, status=form_status(form))


def _report_for(request, case_id: int, report_id: int, *, event: str) -> tuple:
    access = access_case(request, case_id, section="vt_report", event=event)
    report = VtReport.objects.filter(pk=report_id, case=access.case).first()
    if report is None:
        raise Http404
    return access, report


@require_GET
def report_pdf_view(request, case_id: int, report_id: int):
    _access, report = _report_for(request, case_id, report_id, event="vt_report.exported")
    content = json.loads(report.content)
    pdf = report_pdf(content, sent_on=timezone.localtime(report.sent_at).date(), due_on=report.assessment_due_on)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="melding-{report.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def report_json_view(request, case_id: int, report_id: int):
    _access, report = _report_for(request, case_id, report_id, event="vt_report.exported")
    response = JsonResponse({"report_id": report.pk, "sent_at": report.sent_at.isoformat(),
                             "assessment_due_on": report.assessment_due_on.isoformat(),
                             "content": json.loads(report.content)})
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def vt_inbox_view(request):
    if not policy.receives_vt_reports(request.user):
        raise PermissionDenied
    reports = vt_reports_for_liaison(actor=Actor.from_request(request))
    return render(request, "meldcode/vt_inbox.html", {"reports": reports, "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def vt_report_detail_view(request, case_id: int, report_id: int):
    write = request.method == "POST"
    access = access_case(request, case_id, write=write, section="vt_report", event="vt_report.viewed")
    report = VtReport.objects.filter(pk=report_id, case=access.case).first()
    if report is None:
        raise Http404
    form = forms.FeedbackForm(form_data(request), initial={"received_on": timezone.localdate()})
    if write and form.is_valid() and apply_service(form, lambda: services.vt_feedback_record(
            actor=Actor.from_request(request), access=access, report_id=report.pk, **form.cleaned_data)):
        messages.success(request, _("De terugkoppeling is vastgelegd."))
        return redirect("meldcode:vt_report", case_id=case_id, report_id=report_id)
    return render(request, "meldcode/vt_report.html",
                  {"case": access.case, "report": report, "form": form,
                   "document": report_document(json.loads(report.content), sent_on=timezone.localtime(
                       report.sent_at).date(), due_on=report.assessment_due_on),
                   "feedback": report.feedback.all(), "is_vt": policy.may_record_vt_feedback(access, request.user)},
                  status=form_status(form))
