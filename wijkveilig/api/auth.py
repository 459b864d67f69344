"""API authentication: a verified (2FA) browser session with CSRF, or a personal bearer token."""

from ninja.security import HttpBearer, SessionAuth

from wijkveilig.accounts.services import api_token_user


class VerifiedSessionAuth(SessionAuth):
    """The browser session, only after the second factor; ninja checks the CSRF token."""

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_verified():
            return user
        return None


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
