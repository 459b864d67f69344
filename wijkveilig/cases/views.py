"""Case pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.models import Role, User
from wijkveilig.audit.services import Actor
from wijkveilig.cases import forms, selectors, services
from wijkveilig.cases import household_services as hh
from wijkveilig.cases.access import access_case
from wijkveilig.cases.models import EmergencyAccess, Note, Participant, TimelineEvent
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data
from wijkveilig.households.models import Person


def _require_case_worker(request):
    if not roles.can_work_on_cases(request.user):
        raise PermissionDenied  # logged as denied by ReadLogMiddleware, as every 403




@require_http_methods(["GET", "POST"])
def case_list_view(request):
    # Searching is a POST: a person's name typed in the search box never ends up in a URL (history, proxy logs).
    _require_case_worker(request)
    form = forms.CaseSearchForm(form_data(request))
    filters = form.cleaned_data if form.is_valid() else {}
    cursors = request.POST if request.method == "POST" else request.GET
    page = selectors.case_search_page(actor=Actor.from_request(request), query=filters.get("q", ""),
                                      status=filters.get("status", ""), form=filters.get("form", ""),
                                      after=cursors.get("na"), before=cursors.get("voor"))
    others, wanted = _emergency_candidates(request)
    return render(request, "cases/case_list.html", {
        "form": form, "cases": page, "page": page, "others": others[:OTHERS_SHOWN], "wanted": wanted,
        "more_others": len(others) > OTHERS_SHOWN, "others_shown": OTHERS_SHOWN,
    }, status=200 if form.is_valid() or not form.is_bound else 400)


OTHERS_SHOWN = 25


def _emergency_candidates(request) -> tuple[list, str]:
    """The team's other cases for the noodknop: the most recently opened first, at most OTHERS_SHOWN (+1 to know
    there are more), or the one whose kenmerk the worker typed, so that every case stays reachable in an emergency
    while the page does not grow with the team's history. Only kenmerk and buurt are shown."""
    wanted = request.GET.get("noodkenmerk", "").strip().upper()[:20]
    others = services.emergency_candidates(request.user).select_related("household__buurt").only(
        "id", "reference", "opened_at", "household__buurt__name")
    if wanted:
        others = others.filter(reference=wanted)
    return list(others.order_by("-opened_at", "-id")[:OTHERS_SHOWN + 1]), wanted


@require_http_methods(["GET", "POST"])
def case_new_view(request):
    _require_case_worker(request)
    form = forms.CaseOpenForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        access = apply_service(form, lambda: services.case_open(actor=Actor.from_request(request), **form.cleaned_data))
        if access:
            messages.success(request, _("Casus %(ref)s is aangemaakt.") % {"ref": access.case.reference})
            return redirect("cases:detail", case_id=access.case.pk)
    return render(request, "cases/case_new.html", {"form": form}, status=form_status(form))


def _detail_context(access):
    case = access.case
    persons = Person.objects.filter(household=case.household).prefetch_related(
        Prefetch("participations", queryset=Participant.objects.filter(case=case)))
    timeline = TimelineEvent.objects.filter(case=case).select_related("actor", "note", "person")[:200]
    return {
        "access": access, "case": case, "persons": persons,
        "relations": case.household.relations.select_related("person", "other"),
        "violence_forms": case.violence_forms.all(),
        "assignments": case.assignments.filter(ended_at__isnull=True).select_related("user"),
        "timeline": timeline,
        "summary_form": forms.CaseSummaryForm(initial={"summary": case.summary, "version": case.version}),
        "relation_form": forms.RelationForm(persons=persons),
    }


@require_GET
def case_detail_view(request, case_id: int):
    access = access_case(request, case_id)
    return render(request, "cases/case_detail.html", _detail_context(access))


@require_POST
def case_summary_view(request, case_id: int):
    access = access_case(request, case_id, write=True)
    form = forms.CaseSummaryForm(request.POST)
    current_url = reverse("cases:detail", args=[case_id])
    if form.is_valid() and apply_service(
            form, record=access.case, current_url=current_url, call=lambda: services.case_update(
                actor=Actor.from_request(request), access=access, expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"])):
        messages.success(request, _("De aanleiding is opgeslagen."))
        return redirect("cases:detail", case_id=case_id)
    context = _detail_context(access) | {"summary_form": form}
    return render(request, "cases/case_detail.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def case_close_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="status")
    form = forms.CaseCloseForm(form_data(request), initial={"version": access.case.version})
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.case_close(
            actor=Actor.from_request(request), access=access, expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])):
        messages.success(request, _("De casus is gesloten."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/case_close.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_POST
def case_reopen_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="status")
    form = forms.VersionForm(request.POST)
    if form.is_valid() and apply_service(form, lambda: services.case_reopen(
            actor=Actor.from_request(request), access=access, expected_version=form.cleaned_data["version"])):
        messages.success(request, _("De casus is heropend."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or _("Heropenen is niet gelukt."))
    return redirect("cases:detail", case_id=case_id)


@require_http_methods(["GET", "POST"])
def case_assign_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="assignment")  # out of scope: 404 before 403
    if not access.can_assign:  # logged as denied by ReadLogMiddleware (the service refuses other callers itself)
        raise PermissionDenied
    members = User.objects.filter(memberships__team=access.case.team, is_active=True,
                                  role__in=[Role.WORKER, Role.SPECIALIST, Role.COORDINATOR]).order_by("username")
    current = list(access.case.assignments.filter(ended_at__isnull=True).values_list("user_id", flat=True))
    form = forms.AssignForm(form_data(request), team_members=members, initial={"workers": current})
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.case_assign(
            actor=Actor.from_request(request), access=access, user_ids=form.cleaned_data["workers"])):
        messages.success(request, _("De toewijzing is opgeslagen."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/case_assign.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def person_add_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="persons")
    form = forms.PersonForm(form_data(request))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: hh.person_add(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("De persoon is toegevoegd."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/person_form.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def person_edit_view(request, case_id: int, person_id: int):
    access = access_case(request, case_id, write=True, section="persons")
    person = get_object_or_404(Person, pk=person_id, household=access.case.household)
    roles = list(Participant.objects.filter(case=access.case, person=person).values_list("role", flat=True))
    initial = {"first_name": person.first_name, "last_name": person.last_name, "birth_date": person.birth_date,
               "gender": person.gender, "bsn": person.bsn, "roles": roles, "version": person.version}
    form = forms.PersonEditForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if apply_service(form, record=person, current_url=request.path, call=lambda: hh.person_update(
                actor=Actor.from_request(request), access=access, person=person,
                                                 expected_version=version, **data)):
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/person_form.html", {"form": form, "case": access.case, "person": person},
                  status=form_status(form))


@require_POST
def relation_add_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="persons")
    persons = Person.objects.filter(household=access.case.household)
    form = forms.RelationForm(request.POST, persons=persons)
    if form.is_valid() and apply_service(form, lambda: hh.relation_add(
            actor=Actor.from_request(request), access=access, person_id=form.cleaned_data["person"],
            other_id=form.cleaned_data["other"], kind=form.cleaned_data["kind"])):
        messages.success(request, _("De relatie is vastgelegd."))
        return redirect("cases:detail", case_id=case_id)
    context = _detail_context(access) | {"relation_form": form}
    return render(request, "cases/case_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def note_add_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="notes")
    form = forms.NoteForm(form_data(request))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.note_add(
            actor=Actor.from_request(request), access=access, **form.cleaned_data)):
        messages.success(request, _("Vastgelegd."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/note_form.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def note_edit_view(request, case_id: int, note_id: int):
    access = access_case(request, case_id, write=True, section="notes")
    note = get_object_or_404(Note, pk=note_id, case=access.case)
    initial = {"statement_kind": note.statement_kind, "place": note.place, "observer": note.observer,
               "source": note.source, "body": note.body, "version": note.version}
    form = forms.NoteEditForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if apply_service(form, record=note, current_url=request.path, call=lambda: services.note_update(
                actor=Actor.from_request(request), access=access, note=note,
                                                     expected_version=version, **data)):
            messages.success(request, _("De notitie is bijgewerkt."))
            return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/note_form.html", {"form": form, "case": access.case, "note": note},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def violence_forms_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="violence_forms")
    current = {item.form: item.natures for item in access.case.violence_forms.all()}
    form = forms.ViolenceFormsForm(form_data(request), current=current)
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.violence_forms_set(
            actor=Actor.from_request(request), access=access, forms=form.selected()) or True):
        messages.success(request, _("De vormen van geweld zijn opgeslagen."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/violence_forms.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def consult_view(request, case_id: int):
    access = access_case(request, case_id, write=True, section="consultation")
    specialists = User.objects.filter(role=Role.SPECIALIST, is_active=True, memberships__team=access.case.team)
    form = forms.ConsultForm(form_data(request), specialists=specialists)
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.specialist_consult(
            actor=Actor.from_request(request), access=access, specialist_id=form.cleaned_data["specialist"],
            question=form.cleaned_data["question"])):
        messages.success(request, _("De aandachtsfunctionaris is geconsulteerd en kan de casus nu inzien."))
        return redirect("cases:detail", case_id=case_id)
    return render(request, "cases/consult.html", {"form": form, "case": access.case},
                  status=form_status(form))


@require_http_methods(["GET", "POST"])
def emergency_view(request, case_id: int):
    case = services.emergency_candidates(request.user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    form = forms.EmergencyForm(form_data(request))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.emergency_access_grant(
            actor=Actor.from_request(request), case_id=case.pk, reason=form.cleaned_data["reason"])):
        messages.warning(request, _("Noodtoegang geregistreerd. De teamcoördinator ziet deze toegang."))
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/emergency.html", {"form": form, "case": case}, status=form_status(form))


@require_GET
def emergency_review_list_view(request):
    if not roles.can_review_emergencies(request.user):
        raise PermissionDenied
    items = EmergencyAccess.objects.filter(case__team__memberships__user=request.user) \
        .select_related("case", "user", "reviewed_by")[:200]
    return render(request, "cases/emergency_review.html", {"items": items})


@require_POST
def emergency_review_view(request, emergency_id: int):
    if services.emergency_access_review(actor=Actor.from_request(request), emergency_id=emergency_id) is None:
        raise Http404
    messages.success(request, _("Gemarkeerd als beoordeeld."))
    return redirect("cases:emergency_review_list")
