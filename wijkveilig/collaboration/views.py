"""Collaboration pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.collaboration import forms, selectors, services
from wijkveilig.collaboration.stagnation import Reason
from wijkveilig.core.errors import DomainError
from wijkveilig.core.http import form_data

SECTION = services.SECTION
REASON_LABELS = {
    Reason.OVERDUE_AGREEMENTS: gettext_lazy("afspraken uit het veiligheidsplan zijn over datum"),
    Reason.OVERDUE_VT_FEEDBACK: gettext_lazy("terugkoppeling van Veilig Thuis is te laat"),
    Reason.MISSED_REVIEWS: gettext_lazy("een evaluatiedatum van het veiligheidsplan is gemist"),
    Reason.FALLING_SAFETY_SCALE: gettext_lazy("de veiligheidsschaal daalt"),
}


def _apply(form, call) -> bool:
    """Run a service; a refused rule becomes a form error and what was typed stays in the form."""
    try:
        call()
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    return True


def _access(request, case_id: int):
    return access_case(request, case_id, write=request.method == "POST", section=SECTION)


def _common(access) -> dict:
    case = access.case
    return selectors.case_overview(case) | {
        "access": access, "case": case, "can_edit": access.can_write and case.status == "open",
        "can_scale": access.grant in services.SCALING_GRANTS and case.status == "open"}


@require_GET
def overview_view(request, case_id: int):
    return render(request, "collaboration/overview.html", _common(_access(request, case_id)))


@require_http_methods(["GET", "POST"])
def conference_view(request, case_id: int):
    access = _access(request, case_id)
    case = access.case
    form = forms.ConferenceForm(form_data(request), members=services.team_members(case),
                                owners=services.decision_owners(case))
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.conference_record(
            actor=Actor.from_request(request), access=access, **form.conference_data())):
        messages.success(request, _("Casusbespreking vastgelegd."))
        return redirect("collaboration:overview", case_id=case_id)
    context = {"access": access, "case": case, "form": form, "can_edit": access.can_write}
    return render(request, "collaboration/conference.html", context, status=400 if form.errors else 200)


@require_POST
def decision_done_view(request, case_id: int, decision_id: int):
    access = _access(request, case_id)
    try:
        services.decision_complete(actor=Actor.from_request(request), access=access, decision_id=decision_id)
        messages.success(request, _("Besluit afgerond."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("collaboration:overview", case_id=case_id)


@require_http_methods(["GET", "POST"])
def ave_view(request, case_id: int):
    access = _access(request, case_id)
    if request.method == "POST" and access.grant not in services.SCALING_GRANTS:
        raise PermissionDenied
    form = forms.AveForm(form_data(request))
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.ave_phase_change(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("AVE-fase gewijzigd."))
        return redirect("collaboration:overview", case_id=case_id)
    context = _common(access) | {"form": form, "reason_labels": REASON_LABELS}
    return render(request, "collaboration/ave.html", context, status=400 if form.errors else 200)
