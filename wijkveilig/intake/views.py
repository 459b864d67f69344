"""Intake pages: parse input, call the access helper and one service, render."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.accounts.models import TEAM_ROLES, User
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data
from wijkveilig.intake import closure, forms, policy, report, routing, selectors, services
from wijkveilig.intake.access import SECTION, access_concern
from wijkveilig.intake.triage import is_acute
from wijkveilig.teams import selectors as team_selectors


def _require(condition: bool) -> None:
    """A page this role may not open: 403, logged as denied by ReadLogMiddleware."""
    if not condition:
        raise PermissionDenied


def _team_members(team_id):
    return User.objects.filter(memberships__team_id=team_id, is_active=True, role__in=TEAM_ROLES).order_by("username")


def _suggestion(concern) -> list[int]:
    if not concern.team_id:
        return []
    return routing.suggest_assignees(concern.final_colour, team_selectors.member_facts(concern.team_id),
                                     timezone.localdate())


@require_GET
def queue_view(request):
    _require(policy.works_the_queue(request.user))
    access_log_write(actor=Actor.from_request(request), event="concern.queue_viewed", action=Action.READ,
                     section=SECTION, auth_rule="team")
    return render(request, "intake/queue.html", {"concerns": selectors.team_queue(request.user),
                                                 "municipal": selectors.municipal_queue(request.user)})


@require_http_methods(["GET", "POST"])
def concern_new_view(request):
    sources = policy.sources_for(request.user)
    _require(bool(sources))
    form = forms.ConcernForm(form_data(request), sources=sources,
                             initial={"source": policy.default_source(request.user)})
    if request.method == "POST" and form.is_valid():
        concern = apply_service(form, lambda: services.concern_register(
            actor=Actor.from_request(request), source=form.cleaned_data["source"],
            received_at=form.cleaned_data["received_at"], persons=form.persons(), answers=form.answers(),
            reasons=form.reasons(), **form.address()))
        if concern:
            messages.success(request, _("Zorg %(ref)s is geregistreerd.") % {"ref": concern.reference})
            return redirect("intake:detail", concern_id=concern.pk)
    return render(request, "intake/concern_new.html", {"form": form, "triage_help": forms.TRIAGE_HELP},
                  status=form_status(form))


def _handling(concern):
    return concern.handling if hasattr(concern, "handling") else None


def _detail_context(request, access, **forms_):
    concern = access.concern
    handling = _handling(concern)
    matches = selectors.household_matches(concern) if access.can_write and concern.final_colour else []
    suggested = _suggestion(concern) if access.can_write else []
    members = list(_team_members(concern.team_id)) if concern.team_id else []
    return {
        "access": access, "may_decide": policy.may_decide(access, request.user), "concern": concern,
        "persons": concern.persons.all(), "is_acute": is_acute(concern.final_colour),
        "route": routing.route_for(concern.final_colour, has_team=concern.team_id is not None),
        "triage_help": forms.TRIAGE_HELP, "questions": forms.QUESTION_LABELS,
        "triage_form": forms_.get("triage_form") or forms.TriageUpdateForm(initial={"version": concern.version}),
        "overrule_form": forms_.get("overrule_form") or forms.OverruleForm(initial={"version": concern.version}),
        "claim_form": forms_.get("claim_form") or forms.ClaimForm(
            teams=[m.team for m in request.user.memberships.select_related("team")]),
        "case_form": forms_.get("case_form") or forms.CaseFromConcernForm(
            matches=matches, team_members=members,
            initial={"workers": suggested, "household": "" if matches else "new"}),
        "matches": matches, "suggested": [u for u in members if u.pk in suggested],
        "handling": handling, "needs_vt_handling": closure.needs_handling_by_veilig_thuis(concern.final_colour),
        "vt_known_form": forms_.get("vt_known_form") or forms.VtKnownForm(
            initial={"idempotency_key": secrets.token_urlsafe(24), "vt_known_on": timezone.localdate()}),
    }


@require_GET
def concern_detail_view(request, concern_id: int):
    access = access_concern(request, concern_id)
    return render(request, "intake/concern_detail.html", _detail_context(request, access))


def _write(request, concern_id, form_name, make_form, call):
    access = access_concern(request, concern_id, write=True)
    form = make_form(access)
    detail = reverse("intake:detail", args=[access.concern.pk])
    if form.is_valid() and apply_service(form, lambda: call(access, form), record=access.concern, current_url=detail):
        messages.success(request, _("Opgeslagen."))
        return redirect("intake:detail", concern_id=access.concern.pk)
    if getattr(form, "has_conflict", False):
        access.concern.refresh_from_db()  # show the triage saved now next to the input, not the refused one
    return render(request, "intake/concern_detail.html", _detail_context(request, access, **{form_name: form}),
                  status=form_status(form) if form.errors else 400)


@require_POST
def concern_triage_view(request, concern_id: int):
    return _write(request, concern_id, "triage_form", lambda a: forms.TriageUpdateForm(request.POST),
                  lambda a, f: services.concern_triage(actor=Actor.from_request(request), access=a,
                                                       expected_version=f.cleaned_data["version"],
                                                       answers=f.answers(), reasons=f.reasons()))


@require_POST
def concern_overrule_view(request, concern_id: int):
    return _write(request, concern_id, "overrule_form", lambda a: forms.OverruleForm(request.POST),
                  lambda a, f: services.concern_overrule(actor=Actor.from_request(request), access=a,
                                                         expected_version=f.cleaned_data["version"],
                                                         colour=f.cleaned_data["colour"],
                                                         reason=f.cleaned_data["reason"]))


@require_POST
def concern_claim_view(request, concern_id: int):
    teams = [m.team for m in request.user.memberships.select_related("team")]
    return _write(request, concern_id, "claim_form", lambda a: forms.ClaimForm(request.POST, teams=teams),
                  lambda a, f: services.concern_claim(actor=Actor.from_request(request), access=a,
                                                      team_id=f.cleaned_data["team"]))


@require_POST
def concern_case_view(request, concern_id: int):
    access = access_concern(request, concern_id, write=True)
    concern = access.concern
    form = forms.CaseFromConcernForm(request.POST, matches=selectors.household_matches(concern),
                                     team_members=_team_members(concern.team_id) if concern.team_id else [])
    case = form.is_valid() and apply_service(form, lambda: services.concern_case_open(
        actor=Actor.from_request(request), access=access, worker_ids=form.cleaned_data["workers"],
        household_id=form.household_id()))
    if case:
        messages.success(request, _("Casus %(ref)s is aangemaakt en toegewezen.") % {"ref": case.reference})
        return redirect("intake:detail", concern_id=concern.pk)
    return render(request, "intake/concern_detail.html", _detail_context(request, access, case_form=form), status=400)


@require_POST
def concern_vt_known_view(request, concern_id: int):
    return _write(request, concern_id, "vt_known_form", lambda a: forms.VtKnownForm(request.POST),
                  lambda a, f: services.concern_vt_known_confirm(actor=Actor.from_request(request), access=a,
                                                                 **f.cleaned_data))


@require_http_methods(["GET", "POST"])
def concern_vt_report_view(request, concern_id: int):
    write = request.method == "POST"
    access = access_concern(request, concern_id, write=write, event="concern.vt_report_viewed")
    concern = access.concern
    form = forms.VtReportForm(form_data(request), initial={"idempotency_key": secrets.token_urlsafe(24),
                                                           "observation": concern.observation})
    if write and form.is_valid() and apply_service(form, lambda: services.concern_vt_report_send(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("De melding is vastgelegd en staat bij de vaste contactpersoon van Veilig Thuis."))
        return redirect("intake:vt_report", concern_id=concern.pk)
    page = report.report_page(concern, can_write=access.can_write, user=request.user)
    return render(request, "intake/vt_report.html", {
        "access": access, "concern": concern, "form": form, **page,
        "content": report.readable(page["content"], forms.QUESTION_LABELS)}, status=form_status(form))


@require_http_methods(["GET", "POST"])
def share_view(request):
    _require(policy.may_share(request.user))
    form = forms.ShareForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        concern = apply_service(form, lambda: services.concern_share(actor=Actor.from_request(request),
                                                             persons=form.persons(), **form.address()))
        if concern:
            messages.success(request, _("Dank u. Uw zorg %(ref)s is gedeeld met het wijkteam.") % {
                "ref": concern.reference})
            return redirect("intake:shared")
    return render(request, "intake/share.html", {"form": form}, status=form_status(form))


@require_GET
def shared_view(request):
    _require(policy.may_share(request.user))
    access_log_write(actor=Actor.from_request(request), event="concern.own_listed", action=Action.READ,
                     section=SECTION, auth_rule="submitter_partner")
    return render(request, "intake/shared.html", {"concerns": selectors.own_submissions(request.user)})
