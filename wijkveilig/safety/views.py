"""Safety plan pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.audit.services import Actor
from wijkveilig.cases.access import access_case
from wijkveilig.core.errors import DomainError
from wijkveilig.core.forms import apply_service, form_status, take_current_version
from wijkveilig.core.http import form_data
from wijkveilig.safety import forms, rules, selectors, services
from wijkveilig.safety.family_pdf import family_pdf_response
from wijkveilig.safety.models import NO_ANSWER_VERSION, Agreement, SafePlace

SECTION = services.SECTION


def _access(request, case_id: int, **kwargs):
    return access_case(request, case_id, write=request.method == "POST", section=SECTION, **kwargs)


def _review_form(agreement, failed, today):
    """Each agreement has its own review form (own ids); a refused one comes back under its own agreement."""
    form = failed if failed is not None and failed.data.get("agreement") == str(agreement.pk) else forms.ReviewForm(
        initial={"agreement": agreement.pk, "reviewed_on": today})
    form.auto_id = f"id_review_{agreement.pk}_%s"
    return form


def _page(request, access, *, status=200, **forms_in):
    case, today = access.case, timezone.localdate()
    plan = selectors.plan_of(case)
    places = dict(plan.safe_places.values_list("person_id", "answer")) if plan else {}
    place_versions = dict(plan.safe_places.values_list("person_id", "version")) if plan else {}
    victims = list(case.household.persons.filter(pk__in=selectors.safe_place_person_ids(case)))
    listed = selectors.agreements(plan)
    readers = selectors.readers_of(case, listed)
    failed_review = forms_in.get("review")
    rows = [(a, (reviews := list(a.reviews.all())),
             rules.is_overdue(due_on=a.due_on, today=today, latest_status=reviews[0].status if reviews else None),
             readers[a.pk], not a.is_protective and rules.looks_protective(a.who, a.what, a.where, a.network),
             _review_form(a, failed_review, today))
            for a in listed]
    persons = list(case.household.persons.all())
    context = {
        "access": access, "case": case, "plan": plan, "rows": rows,
        "can_edit": access.can_write and case.status == "open",
        "vt_hint": selectors.vt_conditions_hint(case),
        "victims": [(p, places.get(p.pk, ""), forms_in.get(f"place_{p.pk}") or forms.SafePlaceForm(
            initial={"answer": places.get(p.pk, ""), "version": place_versions.get(p.pk, NO_ANSWER_VERSION)},
            prefix=f"p{p.pk}")) for p in victims],
        "persons": persons,
        "plan_form": forms_in.get("plan") or forms.PlanForm(initial=forms.PlanForm.initial_for(plan)),
        "agreement_form": forms_in.get("agreement") or forms.AgreementForm(persons=persons),
        # A refused review whose agreement is not on the page (a tampered id) still shows its errors.
        "review_form": failed_review if failed_review is not None and not any(r[5] is failed_review for r in rows)
        else None,
        "agree_error": forms_in.get("agree_error", ""),
    }
    return render(request, "safety/plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
def plan_view(request, case_id: int):
    access = _access(request, case_id)
    form = forms.PlanForm(form_data(request))
    if request.method == "POST":
        if form.is_valid() and apply_service(form, lambda: services.plan_update(
                actor=Actor.from_request(request), access=access, expected_version=form.cleaned_data["version"],
                vt_conditions=form.cleaned_data["vt_conditions"], review_on=form.cleaned_data["review_on"])):
            messages.success(request, _("Veiligheidsplan bijgewerkt."))
            return redirect("safety:plan", case_id=case_id)
        status = 400
        if getattr(form, "has_conflict", False):
            status = take_current_version(form, forms.PlanForm.initial_for(selectors.plan_of(access.case))["version"],
                                           request.path)
        return _page(request, access, status=status, plan=form)
    return _page(request, access)


@require_POST
def agreement_add_view(request, case_id: int):
    access = _access(request, case_id)
    form = forms.AgreementForm(request.POST, persons=access.case.household.persons.all())
    if form.is_valid() and apply_service(form, lambda: services.safety_agreement_add(
            actor=Actor.from_request(request), access=access, entry=form.entry())):
        messages.success(request, _("Afspraak toegevoegd."))
        return redirect("safety:plan", case_id=case_id)
    return _page(request, access, status=400, agreement=form)


@require_http_methods(["GET", "POST"])
def agreement_edit_view(request, case_id: int, agreement_id: int):
    access = access_case(request, case_id, write=True, section=SECTION)
    agreement = get_object_or_404(Agreement.objects.prefetch_related("audience"), pk=agreement_id,
                                  plan__case=access.case)
    form = forms.AgreementEditForm(form_data(request), persons=access.case.household.persons.all(),
                                   initial=forms.AgreementEditForm.initial_for(agreement))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.safety_agreement_update(
            actor=Actor.from_request(request), access=access, agreement_id=agreement.pk,
            expected_version=form.cleaned_data["version"], entry=form.entry())):
        messages.success(request, _("Afspraak gewijzigd."))
        return redirect("safety:plan", case_id=case_id)
    status = form_status(form)
    if getattr(form, "has_conflict", False):
        agreement.refresh_from_db(fields=["version"])
        status = take_current_version(form, agreement.version, request.path)
    return render(request, "safety/agreement_form.html", {"form": form, "case": access.case}, status=status)


@require_POST
def review_add_view(request, case_id: int):
    access = _access(request, case_id)
    form = forms.ReviewForm(request.POST)
    if form.is_valid() and apply_service(form, lambda: services.safety_agreement_review(
            actor=Actor.from_request(request), access=access, agreement_id=form.cleaned_data["agreement"],
            status=form.cleaned_data["status"], reviewed_on=form.cleaned_data["reviewed_on"],
            note=form.cleaned_data["note"])):
        messages.success(request, _("Evaluatie vastgelegd."))
        return redirect("safety:plan", case_id=case_id)
    return _page(request, access, status=400, review=form)


@require_POST
def safe_place_view(request, case_id: int, person_id: int):
    access = _access(request, case_id)
    if person_id not in selectors.safe_place_person_ids(access.case):
        raise Http404
    form = forms.SafePlaceForm(request.POST, prefix=f"p{person_id}")
    if form.is_valid() and apply_service(form, lambda: services.safe_place_set(
            actor=Actor.from_request(request), access=access, person_id=person_id,
            expected_version=form.cleaned_data["version"], answer=form.cleaned_data["answer"])):
        messages.success(request, _("Veilige plek vastgelegd."))
        return redirect("safety:plan", case_id=case_id)
    status = 400
    if getattr(form, "has_conflict", False):
        place = SafePlace.objects.filter(plan__case=access.case, person_id=person_id).first()
        status = take_current_version(form, place.version if place else NO_ANSWER_VERSION,
                                       f"{reverse('safety:plan', args=[case_id])}#h-safe-places")
    return _page(request, access, status=status, **{f"place_{person_id}": form})


@require_POST
def agree_view(request, case_id: int):
    access = _access(request, case_id)
    try:
        services.safety_plan_agree(actor=Actor.from_request(request), access=access)
    except DomainError as exc:
        return _page(request, access, status=400, agree_error=exc.message)
    messages.success(request, _("Veiligheidsplan vastgesteld."))
    return redirect("safety:plan", case_id=case_id)


@require_GET
def family_pdf_view(request, case_id: int, for_person_id: int):
    access = _access(request, case_id, event="safety.family_pdf_exported")
    person = get_object_or_404(access.case.household.persons, pk=for_person_id)
    plan = selectors.plan_of(access.case)
    if plan is None:
        messages.info(request, _("Er is nog geen veiligheidsplan om af te drukken."))
        return redirect("safety:plan", case_id=case_id)
    return family_pdf_response(plan, person)
