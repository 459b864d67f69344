"""Session lifetime, the user's language, and two-factor login for every page."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

AUTH_AT_KEY = "wijkveilig_auth_at"
TOUCHED_AT_KEY = "wijkveilig_touched_at"
OPEN_PATHS = ("/static/", "/api/", "/favicon.ico")


def _is_open(path: str) -> bool:
    return path.startswith(OPEN_PATHS)


class SessionLifetimeMiddleware:
    """12 hours after login the session ends; the 15-minute idle limit is the session store's expiry, renewed
    whenever the session is saved.

    Saving on every request cost a database write per page (issue 12). A request renews the session only when its
    last renewal is more than SESSION_TOUCH_INTERVAL ago, so the idle limit an active user meets lies between
    SESSION_IDLE_TIMEOUT minus that interval and SESSION_IDLE_TIMEOUT: never longer than the limit, at most a minute
    shorter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(AUTH_AT_KEY)
            too_old = (started is None
                       or timezone.now() - datetime.fromisoformat(started) > settings.SESSION_ABSOLUTE_TIMEOUT)
            if too_old:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                if not _is_open(request.path):
                    return redirect(settings.LOGIN_URL)
        response = self.get_response(request)
        self._touch(request)
        return response

    @staticmethod
    def _touch(request) -> None:
        session = getattr(request, "session", None)
        if session is None or session.modified or not request.user.is_authenticated:
            return  # a session changed by the request is saved (and renewed) anyway
        now = timezone.now()
        touched = session.get(TOUCHED_AT_KEY)
        try:
            due = touched is None or now - datetime.fromisoformat(touched) >= settings.SESSION_TOUCH_INTERVAL
        except (TypeError, ValueError):
            due = True
        if due:
            session[TOUCHED_AT_KEY] = now.isoformat()  # marks the session modified: saved with a new expiry


class UserLanguageMiddleware:
    """Each user reads Wijkveilig in the language they chose (Dutch by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.language:
            return self.get_response(request)
        # override, not activate: the language must not stick to the worker thread for the next request
        with translation.override(user.language):
            request.LANGUAGE_CODE = user.language
            response = self.get_response(request)
        response.headers["Content-Language"] = user.language
        return response


class ApiAwareLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Pages need a login; the API answers 401 itself (it also accepts tokens)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_open(request.path):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RequireTwoFactorMiddleware:
    """A password alone opens nothing: until the TOTP code is checked, only the second-factor pages answer."""

    ALLOWED_NAMES = ("accounts:verify", "accounts:enrol", "accounts:logout", "accounts:login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _is_open(request.path):
            allowed = {reverse(name) for name in self.ALLOWED_NAMES}
            if request.path not in allowed:
                return redirect("accounts:verify")
        return self.get_response(request)
