"""Every answer that shows personal data carries its access-log row, and fails closed."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkveilig.audit.models import Action, Outcome
from wijkveilig.audit.services import Actor, access_log_write, request_rows, request_rows_end, request_rows_start
from wijkveilig.core.errors import AuditUnavailable
from wijkveilig.core.http import parse_id

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
            try:
                if pending is not None and response.status_code in SHOWS_DATA and not request_rows():
                    pending()
                elif response.status_code == 403 and not request_rows():
                    _log_refusal(request)
            except AuditUnavailable:
                return _unavailable(request)
            return response
        finally:
            request_rows_end(token)


def _log_refusal(request) -> None:
    """Every refusal writes its row: a 403 that no service or access helper logged (a page its role may not open,
    a failed CSRF check) is logged here, with the route's name and the case id from the URL, never the path."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    access_log_write(actor=Actor.from_request(request), event="request.denied",
                     action=Action.READ if request.method in ("GET", "HEAD", "OPTIONS") else Action.UPDATE,
                     outcome=Outcome.DENIED, case_id=parse_id(kwargs.get("case_id")),
                     section=(match.view_name if match else "")[:40])


def _unavailable(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Tijdelijk niet beschikbaar: het logboek kan niet worden bijgewerkt."),
                             "field": None}, status=503)
    return render(request, "503.html", status=503)
