"""Every API error as `{"detail": <Dutch text>, "field": ...}`; never the input itself (it may hold personal data)."""

import re

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from wijkveilig.core.errors import AuditUnavailable, ConflictError, DomainError

MAX_LISTED_ERRORS = 5
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_PARAMETER_NAMES = {"payload", "filters"}


def _field(loc) -> str:
    """`("body", "payload", "roles", 0)` becomes `roles.0`: the name the client sent."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] in _PARAMETER_NAMES:
        parts = parts[1:]
    return ".".join(parts) or _("invoer")


def _problem(error: dict) -> str:
    """The Dutch explanation of one pydantic error, built from its type and limits only."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind.startswith("wv_"):
        return error.get("msg", _("is ongeldig"))
    messages = {
        "missing": _("ontbreekt"),
        "string_type": _("moet tekst zijn"),
        "string_too_short": _("is te kort"),
        "string_too_long": _("is te lang (hoogstens %(n)s tekens)") % {"n": ctx.get("max_length", "?")},
        "too_short": _("bevat te weinig waarden (minstens %(n)s)") % {"n": ctx.get("min_length", "?")},
        "too_long": _("bevat te veel waarden (hoogstens %(n)s)") % {"n": ctx.get("max_length", "?")},
        "literal_error": _("moet een van deze waarden zijn: %(values)s") % {
            "values": str(ctx.get("expected", "")).replace(" or ", ", ")},
        "greater_than_equal": _("moet minstens %(n)s zijn") % {"n": ctx.get("ge", "?")},
        "less_than_equal": _("mag hoogstens %(n)s zijn") % {"n": ctx.get("le", "?")},
        "list_type": _("moet een lijst zijn"),
        "model_attributes_type": _("moet een object zijn"),
        "dict_type": _("moet een object zijn"),
    }
    if kind in messages:
        return messages[kind]
    if kind.startswith("int_"):
        return _("moet een geheel getal zijn")
    if kind.startswith("datetime_"):
        return _("moet een datum en tijd zijn (bijvoorbeeld 2024-05-01T14:30:00+02:00)")
    if kind.startswith("date_"):
        return _("moet een datum zijn (JJJJ-MM-DD)")
    return _("is ongeldig")


def validation_error_body(errors: list[dict]) -> dict:
    shown = errors[:MAX_LISTED_ERRORS]
    details = "; ".join(f"{_field(e.get('loc', ()))} {_problem(e)}" for e in shown)
    first = _field(shown[0].get("loc", ())) if shown else None
    return {"detail": _("Ongeldige invoer: %(details)s.") % {"details": details}, "field": first}


class ObjectParser(Parser):
    """Every request body of this API is one JSON object. Anything else (`5`, `[]`, `"x"`, `null`) is refused
    before validation: ninja would otherwise read the attributes of a number as absent and fill in every default,
    so `POST /cases/search` with body `5` answered the full case list."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        return data


def _http_error(api: NinjaAPI, request, exc: HttpError):
    if exc.status_code == 400:  # ninja could not parse the body, or it was not an object (ObjectParser)
        return _respond(api, request, 422, _("De inhoud van het verzoek is geen geldig JSON-object."))
    if exc.status_code == 403:
        return _respond(api, request, 403, str(exc))
    return _respond(api, request, exc.status_code, _("Dit verzoek kan niet worden verwerkt."))


_CASE_IN_PATH = re.compile(r"/cases/(\d{1,18})(?:/|$)")


def _unauthenticated(api: NinjaAPI, request):
    """A request without a valid session or token is refused (401) and, like every refused access, logged: a
    stream of these (a guessed or stolen token, a script without one) is what the log officer must be able to see."""
    from wijkveilig.audit.services import Action, Actor, Outcome, access_log_write

    found = _CASE_IN_PATH.search(request.path)
    try:
        access_log_write(actor=Actor.from_request(request), event="api.unauthenticated", action=Action.READ,
                         outcome=Outcome.DENIED, case_id=int(found.group(1)) if found else None, section="api")
    except AuditUnavailable:
        return _respond(api, request, 503, _("Tijdelijk niet beschikbaar: het logboek kan niet worden bijgewerkt."))
    return _respond(api, request, 401, _("Niet ingelogd. Gebruik een geldig API-token of log in met uw tweede factor."))


def _respond(api: NinjaAPI, request, status: int, detail: str, field: str | None = None):
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the Dutch error answers on `api` (most specific exception class wins)."""
    handlers = {
        Http404: lambda r, e: _respond(api, r, 404, _("Niet gevonden.")),
        PermissionDenied: lambda r, e: _respond(api, r, 403, str(e) or _("U mag dit niet wijzigen.")),
        AuthenticationError: lambda r, e: _unauthenticated(api, r),
        HttpError: lambda r, e: _http_error(api, r, e),
        ConflictError: lambda r, e: api.create_response(r, {"detail": _(
            "Iemand anders heeft dit intussen gewijzigd; uw versie is verouderd. Haal de nieuwste versie op "
            "en probeer het opnieuw."), "field": "version", "current_version": e.current_version}, status=409),
        DomainError: lambda r, e: _respond(api, r, 422, e.message, e.field),
        AuditUnavailable: lambda r, e: _respond(api, r, 503, _("Tijdelijk niet beschikbaar: het logboek kan niet "
                                                                "worden bijgewerkt.")),
        ValidationError: lambda r, e: api.create_response(r, validation_error_body(e.errors), status=422),
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)
