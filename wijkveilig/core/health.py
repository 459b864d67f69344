"""Liveness and readiness for load balancers and orchestrators: no login, no data, no log rows."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from wijkveilig.audit.services import access_log_writable


@login_not_required
@require_GET
def healthz_view(request):
    """The process answers."""
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def readyz_view(request):
    """The database answers and the access log can be written: without the log no page may show data."""
    if access_log_writable():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)
