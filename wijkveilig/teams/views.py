"""Team and municipality pages: parse input, call the access helper and one service, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkveilig.accounts.models import Team
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.forms import apply_service, form_status
from wijkveilig.core.http import form_data
from wijkveilig.teams import forms, gaps, policy, reflection, selectors, services
from wijkveilig.teams.access import access_member, access_municipality, check_year, require
from wijkveilig.teams.models import Course, Scenario


def _log_read(request, event: str, rule: str = "team") -> None:
    access_log_write(actor=Actor.from_request(request), event=event, action=Action.READ, section=services.SECTION,
                     auth_rule=rule)


def gap_text(gap: gaps.Gap, names: dict[int, str]) -> str:
    if gap.kind == gaps.GapKind.NO_TRAINED_FOR_RED:
        return _("Geen medewerker beschikbaar met een geldige verdiepingstraining en ruimte voor een rode zorg.")
    if gap.kind == gaps.GapKind.NO_ATTENTION_OFFICER:
        return _("Geen aandachtsfunctionaris beschikbaar in het team.")
    values = {"name": names.get(gap.member_id, ""), "course": Course(gap.course).label,
              "date": date_format(gap.valid_until, "j F Y")}
    if gap.kind == gaps.GapKind.TRAINING_EXPIRED:
        return _("%(name)s: %(course)s is verlopen op %(date)s.") % values
    return _("%(name)s: %(course)s verloopt op %(date)s.") % values


def _team_context(request, **forms_) -> dict:
    today = timezone.localdate()
    profiles = selectors.team_profiles(request.user, today)
    teams = []
    for p in profiles:
        names = {m.pk: m.user.get_full_name() or m.user.get_username() for m in p.members}
        teams.append({"profile": p, "gaps": [gap_text(g, names) for g in p.gaps],
                      "trained": {m.pk for m in p.members if gaps.can_take_red(p.facts[m.pk], today)},
                      "open_round": services.open_round(p.team),
                      "results": [_result_rows(v) for v in selectors.reflection_results(p.team)]})
    return {"teams": teams, "columns": reflection.COLUMN_LABELS, **forms_}


def _result_rows(view: selectors.ReflectionView) -> dict:
    if view.result is None:
        return {"round": view.round, "rows": None}
    return {"round": view.round, "respondents": view.result.respondents, "rows": [
        {"statement": text, "cells": cells, "share": share, "change": change} for text, cells, share, change
        in zip(reflection.STATEMENTS, view.result.cells, view.result.self_share, view.change or [None] * 10)]}


@require_GET
def team_view(request):
    require(policy.can_manage_team(request.user))
    _log_read(request, "team.profile_viewed")
    return render(request, "teams/team.html", _team_context(request))


def _colleagues(membership) -> list:
    return list(membership.team.memberships.exclude(pk=membership.pk).select_related("user")
                .order_by("user__last_name", "user__first_name"))


def _member_context(membership, *, form=None, training_form=None) -> dict:
    form = form or forms.MemberProfileForm(colleagues=_colleagues(membership), initial=_profile_initial(membership))
    return {"member": membership, "form": form, "training_form": training_form or forms.TrainingForm(),
            "trainings": membership.trainings.all()}


def _profile_initial(membership) -> dict:
    profile = services.profile_for(membership)
    return {"discipline": profile.discipline, "has_dv_expertise": membership.has_dv_expertise,
            "duo_partner": profile.duo_partner_id, "absent_until": profile.absent_until,
            "max_open_cases": profile.max_open_cases, "version": profile.version}


@require_http_methods(["GET", "POST"])
def member_edit_view(request, member_id: int):
    membership = access_member(request, member_id)
    if request.method == "GET":
        _log_read(request, "team.member_viewed")
        return render(request, "teams/member.html", _member_context(membership))
    form = forms.MemberProfileForm(request.POST, colleagues=_colleagues(membership))
    profile = services.profile_for(membership)
    if form.is_valid() and apply_service(form, lambda: services.member_profile_update(
            actor=Actor.from_request(request), membership=membership,
            expected_version=form.cleaned_data["version"], values=form.values()),
            record=profile if profile.pk else None):
        messages.success(request, _("Opgeslagen."))
        return redirect("teams:team")
    _log_read(request, "team.member_viewed")
    return render(request, "teams/member.html", _member_context(membership, form=form), status=form_status(form))


@require_POST
def training_add_view(request, member_id: int):
    membership = access_member(request, member_id)
    form = forms.TrainingForm(request.POST)
    if form.is_valid() and apply_service(form, lambda: services.training_add(
            actor=Actor.from_request(request), membership=membership, **form.cleaned_data)):
        messages.success(request, _("Training vastgelegd."))
        return redirect("teams:member_edit", member_id=membership.pk)
    _log_read(request, "team.member_viewed")
    return render(request, "teams/member.html", _member_context(membership, training_form=form),
                  status=form_status(form))


def _member_teams(request):
    return list(Team.objects.filter(memberships__user=request.user).order_by("name"))


@require_http_methods(["GET", "POST"])
def reflection_view(request):
    require(policy.can_answer_reflection(request.user))
    teams = [t for t in _member_teams(request) if services.open_round(t) is not None]
    form = forms.ReflectionForm(form_data(request), teams=teams,
                                initial={"team": teams[0].pk} if teams else None)
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.reflection_answer(
            actor=Actor.from_request(request), team=Team.objects.get(pk=form.cleaned_data["team"]),
            answers=form.answers())):
        messages.success(request, _("Dank u wel. Uw antwoorden zijn anoniem meegeteld."))
        return redirect("teams:reflection")
    return render(request, "teams/reflection.html", {"form": form, "teams": teams},
                  status=form_status(form) if request.method == "POST" else 200)


def _round_action(request, service, done: str):
    require(policy.can_manage_team(request.user))
    form = forms.TeamChoiceForm(request.POST, teams=_member_teams(request))
    if form.is_valid() and apply_service(form, lambda: service(actor=Actor.from_request(request),
                                                        team=Team.objects.get(pk=form.cleaned_data["team"]))):
        messages.success(request, done)
        return redirect("teams:team")
    _log_read(request, "team.profile_viewed")
    return render(request, "teams/team.html", _team_context(request, round_form=form), status=400)


@require_POST
def reflection_open_view(request):
    return _round_action(request, services.reflection_round_open, _("De ronde is geopend."))


@require_POST
def reflection_close_view(request):
    return _round_action(request, services.reflection_round_close, _("De ronde is gesloten."))


@require_GET
def municipality_list_view(request):
    require(policy.can_open_municipality_pages(request.user))
    _log_read(request, "team.municipalities_viewed", "municipality")
    return render(request, "teams/municipalities.html", {
        "municipalities": policy.municipality_scope(request.user).order_by("name"),
        "can_counts": policy.can_view_team_counts(request.user), "can_scan": policy.can_fill_self_scan(request.user),
        "can_vt": policy.can_view_vt_agreements(request.user), "year": timezone.localdate().year})


@require_GET
def team_counts_view(request, municipality_id: int):
    municipality = access_municipality(request, municipality_id, policy.can_view_team_counts)
    _log_read(request, "team.counts_viewed", "aggregate")
    return render(request, "teams/team_counts.html", {
        "municipality": municipality, **selectors.team_counts(municipality, timezone.localdate())})


@require_http_methods(["GET", "POST"])
def vt_agreement_view(request, municipality_id: int):
    municipality = access_municipality(request, municipality_id, policy.can_view_vt_agreements)
    agreement = services.agreement_for(municipality)
    version = agreement.version if agreement else services.NO_AGREEMENT_VERSION
    form = forms.VtAgreementForm(form_data(request), initial=_agreement_initial(agreement, version))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.vt_agreement_set(
            actor=Actor.from_request(request), municipality=municipality,
            expected_version=form.cleaned_data["version"], values=form.values()), record=agreement):
        messages.success(request, _("De afspraken met Veilig Thuis zijn opgeslagen."))
        return redirect("teams:vt_agreement", municipality_id=municipality.pk)
    if getattr(form, "has_conflict", False):
        agreement = services.agreement_for(municipality)  # show what the other person saved next to the input
    _log_read(request, "team.vt_agreement_viewed", "municipality")
    return render(request, "teams/vt_agreement.html", {
        "municipality": municipality, "agreement": agreement, "form": form, "scenarios": Scenario.choices,
        "teams": municipality.teams.select_related("vt_contact").order_by("name")}, status=form_status(form))


def _agreement_initial(agreement, version: int) -> dict:
    if agreement is None:
        return {"version": version}
    return {"scenario": agreement.scenario, "regional_agreements": agreement.regional_agreements,
            "agreed_on": agreement.agreed_on, "extra_tasks": agreement.extra_tasks,
            "extra_tasks_other": agreement.extra_tasks_other, "version": version}


@require_GET
def self_scan_history_view(request, municipality_id: int):
    municipality = access_municipality(request, municipality_id, policy.can_fill_self_scan)
    _log_read(request, "team.self_scan_history_viewed", "municipality")
    this_year = timezone.localdate().year
    return render(request, "teams/self_scan_history.html", {
        "municipality": municipality, "history": selectors.self_scan_history(municipality),
        "years": range(this_year, 2018, -1)})


@require_http_methods(["GET", "POST"])
def self_scan_edit_view(request, municipality_id: int, year: int):
    municipality = access_municipality(request, municipality_id, policy.can_fill_self_scan)
    scan = services.self_scan_for(municipality, check_year(year))
    rows = selectors.self_scan_form_rows(scan)
    statements = [s for _theme, items in rows for s, _answer in items]
    form = forms.SelfScanForm(form_data(request), statements=statements,
                              initial=forms.SelfScanForm.initial_for(scan, rows))
    if request.method == "POST" and form.is_valid() and apply_service(form, lambda: services.self_scan_save(
            actor=Actor.from_request(request), municipality=municipality, year=year,
            expected_version=form.cleaned_data["version"], answers=form.answers()),
            record=scan if scan.pk else None):
        messages.success(request, _("De zelfscan is opgeslagen."))
        return redirect("teams:self_scan_history", municipality_id=municipality.pk)
    _log_read(request, "team.self_scan_viewed", "municipality")
    return render(request, "teams/self_scan_edit.html", {
        "municipality": municipality, "year": year, "scan": scan, "form": form,
        "rows": [(theme, [(s, form.bound(s.pk)) for s, _answer in items]) for theme, items in rows],
        "history_url": reverse("teams:self_scan_history", args=[municipality.pk])}, status=form_status(form))
