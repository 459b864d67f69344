"""Every page form (HTML POST), walked by URL pattern: an empty submit changes nothing and garbage is never a 500
(issue 10 item 5). Forms that are a single button (no fields besides the CSRF token) act on an empty submit by design;
they are listed explicitly."""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.records import real_records
from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.models import AccessLogEntry, Action, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services
from wijkveilig.cases.models import EmergencyAccess

# The admin and login flows test themselves.
SKIPPED_PREFIXES = ("api/", "beheer/", "static/", "inloggen/", "uitloggen/")
# One button, no fields: submitting it is the whole action (the browser always sends the CSRF token along).
BUTTONS = {"meldcode:start", "meldcode:step_complete", "meldcode:confirm", "safety:agree",
           "collaboration:decision_done", "collaboration:mda_join", "accounts:token_revoke", "cases:emergency_review"}
NOT_STATE = {"auditlogentry", "accesslogentry", "session", "accessattempt", "accesslog", "accessfailurelog"}
GARBAGE = ["", " ", "0", "-1", "99999999999999999999", "2024-02-30", "0001-01-01T00:00", "NaN", "null", "a\x00b",
           "<script>", "x" * 5000]
_INPUT_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _patterns(patterns=None, prefix="", namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            if not route.startswith(SKIPPED_PREFIXES) and "<path:" not in route and not route.startswith("^"):
                yield (f"{namespace}:" if namespace else "") + pattern.name, route


PATTERNS = sorted(set(_patterns()))


def _path(route: str, ids: dict) -> str:
    return "/" + re.sub(r"<int:(\w+)>", lambda m: str((ids | {"step": 1})[m.group(1)]), route)


def snapshot() -> tuple:
    """Row counts of every model and the number of logged changes (every change writes one)."""
    counts = tuple((m._meta.label, m.objects.count()) for m in apps.get_models()
                   if m._meta.model_name not in NOT_STATE and not m._meta.proxy)
    changes = (AccessLogEntry.objects.exclude(action__in=[Action.READ, Action.EXECUTE])  # EXECUTE: a search
               .exclude(outcome=Outcome.DENIED).count())
    return counts, changes


@pytest.fixture
def walk(world, as_user):
    ids = real_records(world)
    token, _ = api_token_create(user=world.worker, name="Leeg")
    services.emergency_access_grant(actor=Actor.system(world.colleague), case_id=world.case.pk,
                                    reason="Fictieve noodsituatie, collega afwezig.")
    ids |= {"token_id": token.pk, "emergency_id": EmergencyAccess.objects.get().pk}
    return world, ids, {"worker": as_user(world.worker), "coordinator": as_user(world.coordinator)}


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_an_empty_submit_changes_nothing_and_garbage_is_never_a_500(walk, name, route):
    _world, ids, clients = walk
    path = _path(route, ids)
    for persona, client in clients.items():
        before = snapshot()
        response = client.post(path, {})
        assert response.status_code < 500, (persona, path, response.status_code)
        if name not in BUTTONS:
            assert snapshot() == before, f"{persona}: an empty submit to {name} changed data"
        page = client.get(path)
        fields = set(_INPUT_NAME.findall(page.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"}
        for value in GARBAGE:
            response = client.post(path, dict.fromkeys(fields, value) | {"version": value})
            assert response.status_code < 500, (persona, path, value, response.status_code)
