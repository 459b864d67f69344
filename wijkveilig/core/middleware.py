"""Request id and client address for the access log; 503 when the log cannot be written."""

import logging
import time
import uuid

from django.conf import settings
from django.shortcuts import render

from wijkveilig.core.errors import AuditUnavailable


def client_ip(request) -> str:
    header = settings.TRUSTED_PROXY_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


request_log = logging.getLogger("wijkveilig.request")


class RequestIdMiddleware:
    """A request id on every answer, and one log line per request with ids and timings only: the route's name, never
    its path (paths hold ids and searches), the user's number, never a name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.request_id = uuid.uuid4().hex
        request.client_ip = client_ip(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        request_log.info("request", extra={
            "request_id": request.request_id, "user_id": user.pk if user and user.is_authenticated else None,
            "route": match.view_name if match else "", "method": request.method, "status": response.status_code,
            "duration_ms": round((time.monotonic() - started) * 1000, 1)})
        return response


# Browser features the app never uses stay off, so injected content cannot ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class PrivacyHeadersMiddleware:
    """Every dynamic answer may hold personal data: no browser or proxy keeps a copy, and no device access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response


class DomainErrorMiddleware:
    """Fail closed: if the access log could not be written, answer 503 and return no data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AuditUnavailable):
            return render(request, "503.html", status=503)
        return None
