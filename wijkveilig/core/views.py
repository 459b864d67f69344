"""Start page: send each role to where its work is."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from wijkveilig.accounts import policy as roles


@require_GET
def home_view(request):
    user = request.user
    if roles.can_work_on_cases(user):
        return redirect("cases:caseload")
    if roles.can_read_access_log(user):
        return redirect("audit:log")
    if roles.is_veilig_thuis(user):
        return redirect("meldcode:vt_inbox")
    if roles.is_partner(user):
        # an MDA++ partner starts at their cases; a partner without any at "Zorg delen"
        return redirect("collaboration:partner_cases" if user.mda_partnerships.filter(
            removed_at__isnull=True, enrolment__ended_at__isnull=True).exists() else "intake:share")
    return render(request, "core/home.html")
