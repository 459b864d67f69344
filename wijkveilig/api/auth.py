"""API authentication: a verified (2FA) browser session with CSRF, or a personal bearer token."""

from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from wijkveilig.accounts.db_scope import scope_connection
from wijkveilig.accounts.services import api_token_user


class CsrfFailed(HttpError):
    """A logged-in browser session sent an unsafe request without a valid CSRF token."""

    def __init__(self):
        super().__init__(403, _("De CSRF-controle is mislukt. Stuur het CSRF-token mee in de header X-CSRFToken."))


class VerifiedSessionAuth(SessionAuth):
    """The browser session, only after the second factor; unsafe methods need the CSRF token."""

    def __call__(self, request):
        # Only an authenticated session is checked for CSRF: anything else is a plain 401, not a 403.
        user = self.authenticate(request, None)
        if user is not None and check_csrf(request) is not None:
            raise CsrfFailed()
        return user

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active and getattr(user, "is_verified", lambda: False)():
            return user
        return None


class PersonalTokenAuth(HttpBearer):
    """`Authorization: Bearer wv_...`: an unexpired, unrevoked token of an active user; no CSRF needed."""

    def authenticate(self, request, token):
        user = api_token_user(token.strip())
        if user is not None:
            request.user = user
            scope_connection(user)  # the middleware ran before the token was known
        return user


def docs_require_login(view):
    """The OpenAPI spec and docs page are for users of the API only: a verified session or a valid token.
    A map of every operation helps an attacker more than anyone else, so anonymous callers get the same 401."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        session = VerifiedSessionAuth().authenticate(request, None)
        if session is None and PersonalTokenAuth()(request) is None:
            return JsonResponse({"detail": _("Log in of gebruik een API-token om de API-beschrijving te zien."),
                                 "field": None}, status=401)
        return view(request, *args, **kwargs)

    return guarded
