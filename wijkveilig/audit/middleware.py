"""Every answer that shows personal data carries its access-log row, and fails closed."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkveilig.audit.services import request_rows, request_rows_end, request_rows_start
from wijkveilig.core.errors import AuditUnavailable

# Answers that show the page with its data: the page itself, or its form again with errors or a conflict.
SHOWS_DATA = frozenset({200, 400, 409, 422})


class ReadLogMiddleware:
    """A request that opened a case or concern for writing and answers with the page (a form page, a form shown
    again with its errors) writes the read row `access_log_read_pending` noted, unless the request already wrote a
    row (the service's write or refusal): exactly one row per answer. The row is written after the page is rendered
    but before anything leaves; if it cannot be written, the answer is 503 and the rendered page is dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_rows_start()
        try:
            response = self.get_response(request)
            pending = getattr(request, "access_log_pending_read", None)
            if pending is not None and response.status_code in SHOWS_DATA and not request_rows():
                try:
                    pending()
                except AuditUnavailable:
                    return _unavailable(request)
            return response
        finally:
            request_rows_end(token)


def _unavailable(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Tijdelijk niet beschikbaar: het logboek kan niet worden bijgewerkt."),
                             "field": None}, status=503)
    return render(request, "503.html", status=503)
