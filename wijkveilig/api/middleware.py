"""The API answers every error in its own shape `{detail, field}`, also a wrong HTTP method (405)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


class ApiMethodNotAllowedMiddleware:
    """django-ninja answers a method a path does not offer with a plain-text 405; make it the API's JSON error,
    keeping the Allow header that says which methods the path does offer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.path.startswith(API_PREFIX) \
                and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = JsonResponse({"detail": _("Deze methode is hier niet toegestaan."), "field": None},
                                    status=405)
            if allowed:
                response["Allow"] = allowed
        return response
