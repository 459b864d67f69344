"""Changes to accounts: language, API tokens, TOTP enrolment."""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import ApiToken, User
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.errors import DomainError

TOKEN_PREFIX = "wv_"  # noqa: S105 - the public prefix that marks a Wijkveilig token, not a secret


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def user_set_language(*, user: User, language: str) -> None:
    """Store the user's interface language."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Onbekende taal."), field="language")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


@transaction.atomic
def api_token_create(*, user: User, name: str, actor: Actor | None = None) -> tuple[ApiToken, str]:
    """Create a personal API token; the plain key is returned once and only its hash is stored."""
    if not name.strip():
        raise DomainError(_("Geef het token een naam."), field="name")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=key[:10], key_hash=_hash_key(key),
                                    expires_at=timezone.now() + settings.API_TOKEN_LIFETIME)
    access_log_write(actor=actor or Actor.system(user), event="api_token.created", action=Action.CREATE)
    return token, key


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int, actor: Actor | None = None) -> bool:
    """Revoke one of the user's own tokens; False if there is no such active token."""
    revoked = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        access_log_write(actor=actor or Actor.system(user), event="api_token.revoked", action=Action.UPDATE)
    return bool(revoked)


def api_token_user(key: str) -> User | None:
    """The active user behind a valid, unexpired, unrevoked token, or None."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    now = timezone.now()
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=_hash_key(key), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
             .first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def totp_device_for_enrolment(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device (created on first use) to show as a QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def totp_confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
