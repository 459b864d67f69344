"""Every read of personal data writes an access-log row first, and fails closed (issue 10 item 2).

The walk below requests every URL pattern (GET, and POST with an empty form: the form page shown again with its
errors) and every API operation as each persona that may be allowed there, with the access log made unwritable,
and requires either 503 or an answer holding none of the world's personal data. A pattern or operation the walk
cannot build fails the test, so a new page is covered the day it is added.
"""

import contextlib
import json
import re
from datetime import date
from unittest import mock

import pytest
from django.db import DatabaseError, transaction
from django.urls import get_resolver, reverse
from django.utils import timezone

from tests.conftest import login_client
from tests.test_authz_matrix import (  # noqa: F401  (matrix_world is a fixture)
    API_BODIES,
    SENTINEL,
    _agreement_id,
    _decision_id,
    _walk,
    matrix_world,
)
from wijkveilig.api.api import api
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.intake import services as intake_services

BSN = "111222333"
# The world's personal data: household and person names, a BSN and birth date, note and concern text.
CANARIES = (SENTINEL, "Proefmans", "Intakematrix", "Gemeentematrix", "Canarisz", BSN, "14-3-2015", "14-03-2015",
            "2015-03-14", "14 maart 2015", "Fictief signaal over gezin", "Fictieve overdracht", "Deelzorgfamilie")
# One persona per kind of access: assigned worker, team colleague (noodknop), team coordinator (intake, team
# pages), read-only consulted specialist, Veilig Thuis, partner (MDA++, Zorg delen), municipality, log officer,
# functioneel beheer.
WALKERS = ("worker", "colleague", "coordinator", "specialist_consulted", "vt_liaison", "partner", "policy_officer",
           "log_officer", "admin")
# Patterns no walker gets past (login steps for a session already logged in, logout, language switch, the API root
# with no operation): every other pattern must be reached by someone, or the walk proves nothing there.
NOT_DATA_PAGES = {
    "inloggen/", "inloggen/code/", "inloggen/koppelen/", "uitloggen/", "taal/", "api/v1/",
}
LOGOUT = "uitloggen/"  # walked last: it ends the walkers' sessions


@pytest.fixture
def read_world(matrix_world):
    w = matrix_world
    actor = Actor.system(w.worker)
    w.canary_child = hh.person_add(actor=actor, access=w.access, first_name="Bram", last_name="Canarisz",
                                   roles=["child"], birth_date=date(2015, 3, 14), bsn=BSN)
    w.decision_id = _decision_id(w)
    w.agreement_id = _agreement_id(w)
    intake_services.concern_share(actor=Actor.system(w.partner), household_name="Huishouden Deelzorgfamilie",
                                  observation="Fictief gedeeld")
    return w


def _values(w) -> dict:
    return {"case_id": w.case.pk, "person_id": w.mother.pk, "for_person_id": w.mother.pk, "note_id": w.note.pk,
            "route_id": w.route.pk, "report_id": w.report.pk, "step": 1, "concern_id": w.concern.pk,
            "partner_id": w.mda_partner.pk, "emergency_id": w.emergency.pk, "token_id": w.token.pk,
            "decision_id": w.decision_id, "agreement_id": w.agreement_id,
            "member_id": w.worker.memberships.get(team=w.team).pk, "municipality_id": w.team.municipality_id,
            "year": timezone.localdate().year, "buurt_code": w.buurt.code}


def _fill(route: str, values: dict) -> str:
    return "/" + re.sub(r"\{(\w+)\}|<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1) or m.group(2)]), route)


def page_patterns() -> list[str]:
    """Every page pattern outside the admin site (which registers no case data) and the API (walked by its spec)."""
    return sorted({route for route, _name in _walk(get_resolver().url_patterns)
                   if not route.startswith(("beheer/", "api/v1/cases", "api/v1/intake", "api/v1/mda"))},
                  key=lambda route: (route == LOGOUT, route))


def api_operations() -> list[tuple[str, str]]:
    return sorted((method.upper(), path) for path, item in api.get_openapi_schema()["paths"].items() for method in item)


@pytest.fixture
def log_unwritable():
    return mock.patch.object(AccessLogEntry.objects, "create", side_effect=DatabaseError("disk full"))


def _leaks(response) -> list[str]:
    """The canaries an answer shows; a PDF (compressed text) always counts as showing the case."""
    if response.status_code == 503:
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code == 200 and response.get("Content-Type", "").startswith("application/pdf"):
        return ["(pdf)"]
    text = body.decode(errors="replace")
    return [canary for canary in CANARIES if canary in text]


def _request(client, method, url, body, *, is_api):
    if is_api:
        return client.generic(method, url, data=json.dumps(body) if body is not None else "",
                              content_type="application/json")
    return client.get(url) if method == "GET" else client.post(url, body or {})


def _walk_everything(w, log_state):
    """(method, pattern, persona, status, leaked canaries, rows written) for every request of the walk, each in a
    rolled-back savepoint; `log_state` is the context the requests run in (the log unwritable, or not)."""
    values = _values(w)
    clients = {persona: login_client(getattr(w, persona)) for persona in WALKERS}
    requests = [(method, route, _fill(route, values), None, False)
                for route in page_patterns() for method in ("GET", "POST")]
    requests += [(method, path, _fill(path.removeprefix("/"), values),
                  API_BODIES.get(f"{method} {path}", lambda _w: {})(w) if method != "GET" else None, True)
                 for method, path in api_operations()]
    results = []
    for method, pattern, url, body, is_api in requests:
        for persona, client in clients.items():
            with transaction.atomic():
                with log_state:
                    response = _request(client, method, url, body, is_api=is_api)
                rows = list(AccessLogEntry.objects.filter(request_id=response.get("X-Request-ID", "-"))
                            .values_list("event", "section", "case_id", "auth_rule"))
                results.append((method, pattern, persona, response.status_code, _leaks(response), rows))
                transaction.set_rollback(True)
    return results


def test_no_personal_data_leaves_when_the_log_cannot_be_written(read_world, log_unwritable):
    results = _walk_everything(read_world, log_unwritable)
    leaks = [f"{method} {pattern} as {persona}: {status} with {canaries}"
             for method, pattern, persona, status, canaries, _rows in results if canaries]
    assert leaks == [], "answers with personal data but no access-log row:\n" + "\n".join(leaks)
    # The walk proves something only where someone got past the access check: every data pattern is reached.
    reached = {pattern for _m, pattern, _p, status, *_ in results if status in {200, 400, 409, 422, 503}}
    unreached = sorted({pattern for _m, pattern, *_ in results} - reached - NOT_DATA_PAGES)
    assert unreached == [], f"patterns no persona reached in the walk: {unreached}"


def test_every_answer_with_personal_data_wrote_one_row_per_thing_read(read_world):
    """At least one row, and never the same read twice (a page showing two lists, like the VT inbox, has a row for
    each list)."""
    results = _walk_everything(read_world, contextlib.nullcontext())
    shown = [(method, pattern, persona, rows) for method, pattern, persona, _status, canaries, rows in results
             if canaries]
    wrong = [f"{method} {pattern} as {persona}: {rows}" for method, pattern, persona, rows in shown
             if not rows or len(set(rows)) != len(rows)]
    assert wrong == [], "answers with personal data without a row, or with a double row:\n" + "\n".join(wrong)
    assert len(shown) >= 90, "the walk no longer reaches the pages with personal data"


def test_the_walk_covers_every_pattern_and_operation(read_world):
    """A pattern whose parameters the walk cannot fill fails here (add its value to _values)."""
    values = _values(read_world)
    for route in page_patterns():
        _fill(route, values)
    for _method, path in api_operations():
        _fill(path.removeprefix("/"), values)


# ---- what the one row says, on the pages of the finding --------------------------------------------------------

def _page(name, *args):
    return lambda w: reverse(name, args=[a(w) for a in args])


_case, _mother, _note = (lambda w: w.case.pk), (lambda w: w.mother.pk), (lambda w: w.note.pk)
_concern, _route = (lambda w: w.concern.pk), (lambda w: w.route.pk)

# persona, method, url, form → the rows (event, section), the grant (auth_rule starts with it), on the world's case
READS = [
    ("worker", "GET", _page("cases:person_edit", _case, _mother), {}, [("case.viewed", "persons")], "assigned", True),
    ("worker", "GET", _page("cases:note_edit", _case, _note), {}, [("case.viewed", "notes")], "assigned", True),
    ("coordinator", "GET", _page("cases:note_edit", _case, _note), {}, [("case.viewed", "notes")], "team", True),
    ("worker", "POST", _page("cases:note_edit", _case, _note), {"body": ""}, [("case.viewed", "notes")], "assigned",
     True),
    ("worker", "POST", _page("cases:person_edit", _case, _mother), {"first_name": "", "version": "1"},
     [("case.viewed", "persons")], "assigned", True),
    ("worker", "POST", _page("meldcode:weighing", _case, _route), {}, [("case.viewed", "meldcode")], "assigned",
     True),
    ("worker", "POST", _page("safety:agreement_add", _case), {}, [("case.viewed", "safety")], "assigned", True),
    ("worker", "GET", _page("cases:detail", _case), {}, [("case.viewed", "case")], "assigned", True),
    ("coordinator", "POST", _page("intake:triage", _concern), {}, [("concern.viewed", "intake")], "team", False),
    ("coordinator", "GET", _page("intake:detail", _concern), {}, [("concern.viewed", "intake")], "team", False),
    # The VT inbox shows two lists, each with its own row: reports from Meldcode routes and from intake concerns.
    ("vt_liaison", "GET", _page("meldcode:vt_inbox"), {},
     [("vt_report.listed", "vt_report"), ("concern.vt_reports_listed", "intake")], "", False),
    ("log_officer", "GET", _page("audit:log"), {}, [("access_log.viewed", "access_log")], "", False),
]


@pytest.mark.parametrize("persona, method, url, form, expected, grant, on_case", READS,
                         ids=[f"{r[0]}-{r[1]}-{r[4][0][1]}-{i}" for i, r in enumerate(READS)])
def test_a_read_writes_one_row_that_says_what_was_read(read_world, persona, method, url, form, expected, grant,
                                                       on_case):
    w = read_world
    client = login_client(getattr(w, persona))
    response = client.get(url(w)) if method == "GET" else client.post(url(w), form)
    assert response.status_code in {200, 400}
    rows = list(AccessLogEntry.objects.filter(request_id=response["X-Request-ID"]).order_by("id"))
    assert [(r.event, r.section) for r in rows] == expected
    assert {(r.outcome, r.user_id) for r in rows} == {("success", getattr(w, persona).pk)}
    assert all(r.auth_rule.startswith(grant) for r in rows)
    if on_case:
        assert [r.case_id for r in rows] == [w.case.pk]


def test_a_saved_edit_writes_only_its_change_row(read_world, as_user):
    """The service's row is the one row: no extra read row for the redirect after a save."""
    w = read_world
    response = as_user(w.worker).post(reverse("cases:note_edit", args=[w.case.pk, w.note.pk]), {
        "statement_kind": "opinion", "body": "Gecorrigeerd, fictief.", "version": w.note.version})
    assert response.status_code == 302
    rows = AccessLogEntry.objects.filter(request_id=response["X-Request-ID"])
    assert [(r.event, r.action) for r in rows] == [("signal.updated", "U")]


def test_a_stale_edit_shows_the_conflict_with_one_row_and_fails_closed(read_world, as_user, log_unwritable):
    w = read_world
    url = reverse("cases:note_edit", args=[w.case.pk, w.note.pk])
    stale = {"statement_kind": "opinion", "body": "Oude versie, fictief.", "version": w.note.version - 1 or 999}
    client = as_user(w.worker)
    response = client.post(url, stale)
    assert response.status_code == 409
    assert AccessLogEntry.objects.filter(request_id=response["X-Request-ID"]).count() == 1
    with log_unwritable:
        response = client.post(url, stale)
    assert response.status_code == 503
    assert "Fictief signaal over gezin" not in response.content.decode()
