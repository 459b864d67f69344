"""Assessment pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkveilig.assessment import balansmodel, forms, rules, selectors, services, zrm
from wijkveilig.assessment.conversation import BASIC_QUESTIONS, QUEZ_AREAS
from wijkveilig.assessment.models import SafetyParty
from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.cases.models import ParticipantRole
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data
from wijkveilig.meldcode import forms as meldcode_forms
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import RouteStatus

SECTION = services.SECTION



def _access(request, case_id: int):
    return access_case(request, case_id, write=request.method == "POST", section=SECTION)


def _common(access) -> dict:
    case = access.case
    return {"access": access, "case": case, "can_edit": access.can_write and case.status == "open",
            "prompt_partner_violence": selectors.partner_violence_prompt(case),
            "prompt_kindcheck": selectors.kindcheck_prompts([case.pk]).get(case.pk),
            "persons": list(case.household.persons.all())}


@require_GET
def overview_view(request, case_id: int):
    access = _access(request, case_id)
    case = access.case
    history = selectors.balance_history(case, limit=1)
    context = _common(access) | {"balance": history[0][1] if history else None,
                                 "mapping": selectors.latest_mapping(case)}
    return render(request, "assessment/overview.html", context)


def _balance_initial(history) -> dict:
    """A new assessment starts from the last one, so a repeat only records what changed."""
    if not history:
        return {}
    initial = {}
    for factor in history[0][0].factors.all():
        initial[f"f_{factor.code}"], initial[f"n_{factor.code}"] = True, factor.note
    return initial


@require_http_methods(["GET", "POST"])
def balance_view(request, case_id: int):
    access = _access(request, case_id)
    history = selectors.balance_history(access.case)
    form = forms.BalanceForm(form_data(request), initial=_balance_initial(history))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.balance_assess(
            actor=Actor.from_request(request), access=access, factors=form.factors())):
        messages.success(request, _("Balansmodel vastgelegd."))
        return redirect("assessment:balance", case_id=case_id)
    current, previous = (history[0][1] if history else None), (history[1][1] if len(history) > 1 else None)
    changes = {c.level: c for c in rules.balance_change(previous, current)} if current else {}
    context = _common(access) | {
        "form": form, "history": history, "current": current, "chart": _balance_chart(current),
        "level_rows": [(balansmodel.LEVEL_LABELS[lb.level], lb, changes.get(lb.level)) for lb in current.levels]
        if current else [],
        "ticked": [(balansmodel.BY_CODE[f.code], f.note) for f in history[0][0].factors.all()
                   if f.code in balansmodel.BY_CODE] if history else []}
    return render(request, "assessment/balance.html", context, status=form_status(form))


def _balance_chart(balance) -> dict | None:
    if balance is None:
        return None
    return {"labels": [str(balansmodel.LEVEL_LABELS[lb.level]) for lb in balance.levels],
            "risk": [lb.risk for lb in balance.levels], "protective": [lb.protective for lb in balance.levels],
            "risk_label": _("Risicofactoren (draaglast)"), "protective_label": _("Beschermende factoren (draagkracht)")}


@require_http_methods(["GET", "POST"])
def zrm_view(request, case_id: int, person_id: int):
    access = _access(request, case_id)
    person = get_object_or_404(access.case.household.persons, pk=person_id)
    form = forms.ZrmForm(form_data(request), initial={"information_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.zrm_assess(
            actor=Actor.from_request(request), access=access, person_id=person.pk,
            information_on=form.cleaned_data["information_on"], scores=form.scores())):
        messages.success(request, _("ZRM vastgelegd."))
        if rules.zrm_is_stale(form.cleaned_data["information_on"], timezone.localdate()):
            messages.warning(request, _("Let op: deze scores rusten op informatie van meer dan 30 dagen geleden."))
        return redirect("assessment:zrm", case_id=case_id, person_id=person.pk)
    points = selectors.zrm_trend(access.case, person.pk)
    latest = points[-1] if points else None
    context = _common(access) | {
        "person": person, "form": form, "points": points, "latest": latest,
        "chart": selectors.zrm_chart_data(points), "domains": zrm.DOMAINS, "score_labels": zrm.SCORE_LABELS,
        "suggests_meldcode": bool(latest and rules.zrm_suggests_meldcode(latest.scores)),
        "rows": [(code, label, [p.scores.get(code) for p in points]) for code, label in zrm.DOMAINS]}
    return render(request, "assessment/zrm.html", context, status=form_status(form))


def _scale_persons(case) -> list:
    """Each person of the household with the party they answer the safety scale as (child or parent)."""
    children = set(case.participants.filter(role=ParticipantRole.CHILD).values_list("person_id", flat=True))
    return [(p, SafetyParty.CHILD if p.pk in children else SafetyParty.PARENT) for p in case.household.persons.all()]


def _scale_rows(case) -> list[dict]:
    names = {p.pk: str(p) for p in case.household.persons.all()}
    return [row | {"party_label": f"{SafetyParty(row['party']).label}"
                   + (f": {names.get(row['person_id'], '')}" if row["person_id"] else "")}
            for row in selectors.safety_scale_trend(case)]


@require_http_methods(["GET", "POST"])
def safety_view(request, case_id: int):
    access = _access(request, case_id)
    form = forms.SafetyMappingForm(form_data(request), persons=_scale_persons(access.case))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.safety_mapping_record(
            actor=Actor.from_request(request), access=access, dangers=form.dangers(), scales=form.scales(),
            **form.mapping_texts())):
        messages.success(request, _("Signs of Safety-mapping vastgelegd."))
        return redirect("assessment:safety", case_id=case_id)
    context = _common(access) | {"form": form, "mapping": selectors.latest_mapping(access.case),
                                 "scale_rows": _scale_rows(access.case)}
    return render(request, "assessment/safety.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def conversation_view(request, case_id: int):
    access = _access(request, case_id)
    form = forms.ConversationAnswerForm(form_data(request))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.conversation_answer_record(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("Antwoord vastgelegd als notitie."))
        return redirect("assessment:conversation", case_id=case_id)
    context = _common(access) | {"form": form, "basic_questions": BASIC_QUESTIONS, "quez_areas": QUEZ_AREAS}
    return render(request, "assessment/conversation.html", context, status=form_status(form))


def _kindcheck_initial(case, prompt) -> dict:
    """Start from the case's last kindcheck, with the risk situations the prompt found ticked."""
    initial = meldcode_forms.kindcheck_initial(case.kindchecks.first())
    if prompt is not None:
        initial["risk_situations"] = sorted(set(initial.get("risk_situations", [])) | set(prompt.triggers))
    return initial


@require_http_methods(["GET", "POST"])
def kindcheck_view(request, case_id: int):
    """The kindcheck outside a Meldcode route: the same form and service as in step 1."""
    access = _access(request, case_id)
    context = _common(access)
    form = meldcode_forms.KindcheckForm(form_data(request),
                                        initial=_kindcheck_initial(access.case, context["prompt_kindcheck"]))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: meldcode_services.kindcheck_record(
            actor=Actor.from_request(request), access=access, route_id=None, **form.cleaned_data)):
        messages.success(request, _("Kindcheck vastgelegd."))
        return redirect("assessment:kindcheck", case_id=case_id)
    context |= {"form": form, "kindchecks": access.case.kindchecks.select_related("recorded_by")[:20],
                "active_route": access.case.meldcode_routes.filter(status=RouteStatus.ACTIVE).first()}
    return render(request, "assessment/kindcheck.html", context, status=form_status(form))
