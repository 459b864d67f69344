"""Start page: the werkvoorraad for who works on cases or for Veilig Thuis; every other role goes where its work is."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from wijkveilig.accounts import policy as roles
from wijkveilig.audit.services import Actor
from wijkveilig.core import policy
from wijkveilig.core.render import render_page
from wijkveilig.worklist import selectors


@require_GET
def home_view(request):
    user = request.user
    if policy.worklist_for(user) is not None:
        return redirect("cases:caseload")
    if roles.can_read_access_log(user):
        return redirect("audit:log")
    if roles.is_partner(user):
        # an MDA++ partner starts at their cases; a partner without any at "Zorg delen"
        return redirect("collaboration:partner_cases" if user.mda_partnerships.filter(
            removed_at__isnull=True, enrolment__ended_at__isnull=True).exists() else "intake:share")
    return render(request, "core/home.html")


@require_GET
def worklist_view(request):
    """The werkvoorraad; an htmx request for another filter, order or page gets only the list (same URL without JS)."""
    kind = policy.worklist_for(request.user)
    if kind is None:
        return redirect("home")
    actor = Actor.from_request(request)
    if kind == policy.Worklist.VEILIG_THUIS:
        return render(request, "core/vt_worklist.html", {"worklist": selectors.vt_worklist(actor=actor)})
    scope = policy.worklist_scope(request.user, request.GET.get("filter", ""))
    worklist = selectors.team_worklist(actor=actor, scope=scope, sort=request.GET.get("sort", ""),
                                       page=request.GET.get("pagina", ""),
                                       with_team=kind == policy.Worklist.COORDINATOR)
    return render_page(request, "core/worklist.html", {
        "worklist": worklist, "scopes": policy.worklist_scopes(request.user),
        "is_coordinator": kind == policy.Worklist.COORDINATOR}, partial="worklist")
