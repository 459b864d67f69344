"""Collaboration pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.collaboration import forms, policy, selectors, services
from wijkveilig.collaboration.ave import Fact
from wijkveilig.collaboration.models import MdaCriterion
from wijkveilig.collaboration.stagnation import Reason
from wijkveilig.core.errors import DomainError
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data

SECTION = services.SECTION
REASON_LABELS = {
    Reason.OVERDUE_AGREEMENTS: gettext_lazy("afspraken uit het veiligheidsplan zijn over datum"),
    Reason.OVERDUE_VT_FEEDBACK: gettext_lazy("terugkoppeling van Veilig Thuis is te laat"),
    Reason.MISSED_REVIEWS: gettext_lazy("een evaluatiedatum van het veiligheidsplan is gemist"),
    Reason.FALLING_SAFETY_SCALE: gettext_lazy("de veiligheidsschaal daalt"),
    Reason.MISSED_MONITORING: gettext_lazy("een monitoringsdatum na het afsluiten van de Meldcode-route is gemist"),
    Reason.OVERDUE_DECISIONS: gettext_lazy("een besluit uit de casusbespreking is over datum en niet afgerond"),
}

AVE_FACT_LABELS = {
    Fact.MDA_ACTIVE: gettext_lazy("het huishouden heeft een lopende MDA++"),
    Fact.VT_INVESTIGATION: gettext_lazy("Veilig Thuis doet onderzoek of heeft de Raad voor de Kinderbescherming "
                                        "om onderzoek gevraagd"),
    Fact.REPORTED_TO_VT: gettext_lazy("de casus is gemeld bij Veilig Thuis"),
    Fact.OPEN_MELDCODE_ROUTE: gettext_lazy("er loopt een Meldcode-route"),
    Fact.SAFETY_PLAN: gettext_lazy("er is een veiligheidsplan"),
}



def _access(request, case_id: int):
    return access_case(request, case_id, write=request.method == "POST", section=SECTION)


def _base(access) -> dict:
    case = access.case
    return {"access": access, "case": case, "can_edit": access.can_write and case.status == "open",
            "can_scale": policy.may_direct(access) and case.status == "open"}


def _common(access) -> dict:
    return selectors.case_overview(access.case) | _base(access)


@require_GET
def overview_view(request, case_id: int):
    return render(request, "collaboration/overview.html", _common(_access(request, case_id)))


@require_http_methods(["GET", "POST"])
def conference_view(request, case_id: int):
    access = _access(request, case_id)
    case = access.case
    form = forms.ConferenceForm(form_data(request), members=services.team_members(case),
                                owners=services.decision_owners(case))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.conference_record(
            actor=Actor.from_request(request), access=access, **form.conference_data())):
        messages.success(request, _("Casusbespreking vastgelegd."))
        return redirect("collaboration:overview", case_id=case_id)
    context = {"access": access, "case": case, "form": form, "can_edit": access.can_write}
    return render(request, "collaboration/conference.html", context, status=form_status(form))


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
    overview = selectors.case_overview(access.case)
    prompt = overview["ave_prompt"]
    form = forms.AveForm(form_data(request), initial={"phase": prompt["phase"]} if prompt else None)
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.ave_phase_change(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("AVE-fase gewijzigd."))
        return redirect("collaboration:overview", case_id=case_id)
    context = overview | _base(access) | {"form": form, "reason_labels": REASON_LABELS}
    return render(request, "collaboration/ave.html", context, status=form_status(form))


# ---- MDA++ ------------------------------------------------------------------------------------------------------

MDA_SECTION = "mda"


def _director_initial(case) -> dict:
    current = services.mda_current(case)
    return {"version": current.version} if current else {}


def _mda_forms(request, access, bound: str | None = None) -> dict:
    """The MDA++ page's forms; only the one that was posted (`bound`) carries the user's input and errors."""
    case, data = access.case, form_data(request)
    members = services.team_members(case)
    return {
        "start_form": forms.MdaStartForm(data if bound == "start" else None, members=members),
        "director_form": forms.MdaDirectorForm(data if bound == "director" else None, members=members,
                                               prefix="director", initial=_director_initial(case)),
        "partner_form": forms.MdaPartnerForm(data if bound == "partner" else None,
                                             candidates=services.mda_partner_candidates(), prefix="partner"),
        "end_form": forms.ReasonForm(data if bound == "end" else None, prefix="end"),
        "join_form": forms.JoinForm(data if bound == "join" else None, prefix="join"),
    }


def _mda_page(request, access, *, built: dict | None = None, remove_form=None, remove_id: int | None = None,
              status: int | None = None):
    built = built or _mda_forms(request, access)
    failed = remove_form is not None or any(form.is_bound for form in built.values())
    overview = selectors.mda_overview(access.case)
    active = [p for p in overview["mda"].partners.all() if p.removed_at is None] if overview["mda"] else []
    for partner in active:  # each row its own form (own ids); the one posted keeps its input and error
        partner.last_viewed = overview["partner_last_views"].get(partner.user_id)
        partner.remove_form = (remove_form if partner.pk == remove_id
                               else forms.ReasonForm(prefix=f"remove-{partner.pk}"))
    criteria = dict(MdaCriterion.choices)
    # A form posted from a stale page (MDA++ started or ended meanwhile in another tab) is not on the page now:
    # its errors are shown at the top so the refusal is never silent.
    hidden = (("start_form", "join_form") if overview["mda"] else ("director_form", "partner_form", "end_form")
              + (("start_form",) if overview["household_mda"] else ("join_form",)))
    context = _base(access) | overview | built | {
        "stale_forms": [built[name] for name in hidden if built[name].errors],
        "active_partners": active, "remove_form": remove_form,
        "mda_criteria": [criteria[c] for c in overview["mda"].criteria if c in criteria] if overview["mda"] else []}
    return render(request, "collaboration/mda.html", context, status=status or (400 if failed else 200))


def _mda_post(request, case_id: int, bound: str, call, success: str):
    """One MDA++ change: bind the posted form, run the service, and show the page again with errors kept."""
    access = _access(request, case_id)
    services.require_direction(Actor.from_request(request), access, "collaboration.mda_change_denied")
    built = _mda_forms(request, access, bound)
    form = built[f"{bound}_form"]
    if form.is_valid() and apply_service(form, lambda: call(Actor.from_request(request), access, form.cleaned_data)):
        messages.success(request, success)
        return redirect("collaboration:mda", case_id=case_id)
    if getattr(form, "has_conflict", False):  # the page shows the director saved now; the form keeps the choice
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = str(_director_initial(access.case).get("version", 1))
        form.conflict_url = reverse("collaboration:mda", args=[case_id])
        return _mda_page(request, access, built=built, status=409)
    return _mda_page(request, access, built=built)


@require_http_methods(["GET", "POST"])
def mda_view(request, case_id: int):
    """The team's MDA++ page: start it, or see and change the case director and the partners."""
    if request.method == "POST":
        return _mda_post(request, case_id, "start", lambda actor, access, data: services.mda_start(
            actor=actor, access=access, case_director_id=data["case_director"], criteria=data["criteria"],
            reason=data["reason"], contact_person_id=data["contact_person"]), _("Casus is nu een MDA++-casus."))
    return _mda_page(request, _access(request, case_id))


@require_POST
def mda_director_view(request, case_id: int):
    return _mda_post(request, case_id, "director", lambda actor, access, data: services.mda_director_change(
        actor=actor, access=access, expected_version=data["version"], case_director_id=data["case_director"],
        contact_person_id=data["contact_person"]),
        _("Casusregisseur en vast contactpersoon bijgewerkt."))


@require_POST
def mda_join_view(request, case_id: int):
    """Add this case to the household's open MDA++ (same director, partners and shared plan)."""
    return _mda_post(request, case_id, "join", lambda actor, access, data: services.mda_join(
        actor=actor, access=access), _("Deze casus hoort nu bij de MDA++ van het huishouden."))


@require_POST
def mda_partner_add_view(request, case_id: int):
    return _mda_post(request, case_id, "partner", lambda actor, access, data: services.mda_partner_add(
        actor=actor, access=access, user_id=data["user"], sector=data["sector"], basis=data["basis"],
        basis_note=data["basis_note"]), _("Partner toegevoegd."))


@require_POST
def mda_end_view(request, case_id: int):
    return _mda_post(request, case_id, "end", lambda actor, access, data: services.mda_end(
        actor=actor, access=access, reason=data["reason"]), _("MDA++ beëindigd; de partners hebben geen toegang meer."))


@require_POST
def mda_partner_remove_view(request, case_id: int, partner_id: int):
    access = _access(request, case_id)
    services.require_direction(Actor.from_request(request), access, "collaboration.mda_change_denied")
    form = forms.ReasonForm(request.POST, prefix=f"remove-{partner_id}")
    if form.is_valid() and apply_service(form, lambda: services.mda_partner_remove(
            actor=Actor.from_request(request), access=access, partner_id=partner_id,
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("De partner heeft geen toegang meer tot deze casus."))
        return redirect("collaboration:mda", case_id=case_id)
    return _mda_page(request, access, remove_form=form, remove_id=partner_id)


@require_GET
def shared_view(request, case_id: int):
    """The shared MDA++ plan: what external partners see (and the team, to know what is shared)."""
    access = access_case(request, case_id, section=MDA_SECTION, event="mda.shared_plan_viewed")
    context = {"access": access, "case": access.case, "is_partner": access.is_mda_partner}
    return render(request, "collaboration/shared.html", context | selectors.household_shared_plan(
        actor=Actor.from_request(request), case=access.case))


@require_GET
def partner_cases_view(request):
    """An external partner's MDA++ cases (the listing is logged by the selector)."""
    cases = selectors.mda_cases_listed(actor=Actor.from_request(request))
    return render(request, "collaboration/partner_cases.html", {"cases": cases})
