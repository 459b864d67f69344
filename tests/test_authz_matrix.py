"""Every URL pattern × every persona answers what tests/authz_matrix.py says, and every pattern has an entry there."""

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from django.views.generic import RedirectView
from ninja.operation import PathView

from tests.authz_matrix import MATRIX, PERSONAS
from tests.conftest import login_client
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from wijkveilig.accounts import services as account_services
from wijkveilig.accounts.models import Role
from wijkveilig.api.api import api
from wijkveilig.assessment.zrm import DOMAIN_CODES as ZRM_DOMAIN_CODES
from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.collaboration import services as collaboration_services
from wijkveilig.intake import services as intake_services
from wijkveilig.intake.models import PostcodeRange
from wijkveilig.intake.triage import TriageAnswers
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import MeldcodeSetting, SpecialistContact, VtReport
from wijkveilig.meldcode.report import report_content
from wijkveilig.safety import services as safety_services

SENTINEL = "Testerink"  # in the household, person and note of the case: never shown to anyone out of scope
API_PREFIX = "/api/v1"


# ---- coverage: every URL pattern is exercised by exactly one entry; names are unique ---------------------

@dataclass(frozen=True)
class Pattern:
    route: str  # the full route string, as ResolverMatch.route gives it
    name: str  # namespace:name, "" for a pattern without a name
    callback: Callable

    @property
    def view(self) -> str:
        func = getattr(self.callback, "view_class", self.callback)
        func = func.func if isinstance(func, partial) else func
        return f"{func.__module__}.{func.__qualname__}"


def url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> list[Pattern]:
    """Every URL pattern of the current ROOT_URLCONF, in resolving order."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = URLResolver._join_route(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, route, f"{namespace}{pattern.namespace}:"
                                  if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern):
            found.append(Pattern(route, f"{namespace}{pattern.name}" if pattern.name else "", pattern.callback))
    return found


def _walk(patterns, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(route, name) of every pattern under `patterns`, for other test modules that walk the URLs too."""
    return [(pattern.route, pattern.name) for pattern in url_patterns(patterns, prefix, namespace)]


# Patterns that never answer because an earlier pattern has the same route string. One login page for everyone:
# the admin's own login form (it would skip enrolment and the session limits) sits behind a redirect.
SHADOWED = {("beheer/login/", "django.contrib.admin.sites.AdminSite.login")}
# URL names that may occur more than once (namespace:name). Django's admin needs none today.
SHARED_NAMES: frozenset[str] = frozenset()
ADMIN_OBJECT_REDIRECT = "admin-model:*/<path:object_id>/"  # every model's unnamed redirect to its change page


def _api_dispatcher(pattern: Pattern):
    """The django-ninja PathView behind an API pattern: one per path, answering every method of that path."""
    cells = getattr(pattern.callback, "__closure__", None) or ()
    return next((cell.cell_contents for cell in cells if isinstance(cell.cell_contents, PathView)), None)


def shadowed_patterns(patterns: list[Pattern]) -> list[Pattern]:
    """Patterns with the route string of an earlier one (the API's operations of one path share a dispatcher)."""
    first: dict[str, Pattern] = {}
    shadowed = []
    for pattern in patterns:
        earlier = first.setdefault(pattern.route, pattern)
        same_api_path = _api_dispatcher(pattern) is not None and _api_dispatcher(pattern) is _api_dispatcher(earlier)
        if earlier is not pattern and not same_api_path and (pattern.route, pattern.view) not in SHADOWED:
            shadowed.append(pattern)
    return shadowed


def duplicate_names(patterns: list[Pattern]) -> list[str]:
    counts = Counter(pattern.name for pattern in patterns if pattern.name)
    return sorted(name for name, count in counts.items() if count > 1 and name not in SHARED_NAMES)


def _admin_model_key(route: str) -> str | None:
    for model in admin.site._registry:
        if route.startswith(f"beheer/{model._meta.app_label}/{model._meta.model_name}/"):
            return f"admin-model:{model._meta.app_label}.{model._meta.model_name}"
    return None


def _is_admin_object_redirect(pattern: Pattern) -> bool:
    return (_admin_model_key(pattern.route) is not None and pattern.route.endswith("/<path:object_id>/")
            and getattr(pattern.callback, "view_class", None) is RedirectView)


def _api_route(path: str) -> str:
    """The route django-ninja registers for an OpenAPI path: /api/v1/cases/{case_id} → api/v1/cases/<case_id>."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path).lstrip("/")


def matrix_key(pattern: Pattern, api_routes: set[str]) -> str | None:
    """The entry of tests/authz_matrix.py that exercises this pattern (None: no entry does)."""
    if pattern.route in MATRIX:
        return pattern.route
    if _is_admin_object_redirect(pattern):
        return ADMIN_OBJECT_REDIRECT
    if (model_key := _admin_model_key(pattern.route)) in MATRIX:
        return model_key
    if pattern.route in api_routes and _api_dispatcher(pattern) is not None:
        return "api:"  # exercised per method: test_every_api_operation_has_a_matrix_entry
    return None


def missing_patterns(patterns: list[Pattern]) -> list[tuple[str, str]]:
    """(route, view) of every reachable pattern no matrix entry exercises."""
    api_routes = {_api_route(path) for path in api.get_openapi_schema()["paths"]}
    shadowed = {(route, view) for route, view in SHADOWED}
    return [(p.route, p.view) for p in patterns
            if (p.route, p.view) not in shadowed and matrix_key(p, api_routes) is None]


def _api_operations() -> set[str]:
    spec = api.get_openapi_schema()
    return {f"api:{method.upper()} {path}" for path, item in spec["paths"].items() for method in item}


def resolution_problem(route: str, url: str, patterns_by_route: dict[str, Pattern]) -> str | None:
    """Why the URL an entry requests is not answered by exactly the pattern the entry is keyed by (None: it is)."""
    expected = patterns_by_route.get(route)
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return f"{url}: resolves to no pattern, expected {route!r}"
    if expected is None or match.route != route or match.func is not expected.callback:
        return f"{url}: resolves to {match.route!r} ({match._func_path}), expected {route!r}"
    return None


def _first_patterns() -> dict[str, Pattern]:
    first: dict[str, Pattern] = {}
    for pattern in url_patterns():
        first.setdefault(pattern.route, pattern)
    return first


def test_every_url_pattern_has_a_matrix_entry():
    missing = missing_patterns(url_patterns())
    assert missing == [], f"patterns without an entry in tests/authz_matrix.py (key: the route string): {missing}"


def test_every_api_operation_has_a_matrix_entry():
    missing = sorted(_api_operations() - set(MATRIX))
    assert missing == [], f"API operations without an entry in tests/authz_matrix.py: {missing}"


def test_url_names_are_unique_across_the_project():
    assert duplicate_names(url_patterns()) == []


def test_no_pattern_hides_behind_another_with_the_same_route():
    patterns = url_patterns()
    assert shadowed_patterns(patterns) == []
    first = _first_patterns()
    for route, view in SHADOWED:  # the allow-list holds only what really is shadowed, by another view
        assert any((p.route, p.view) == (route, view) for p in patterns), (route, view)
        assert first[route].view != view and resolve("/" + route).func is first[route].callback


def test_every_matrix_entry_names_a_real_pattern_and_a_full_row():
    first = _first_patterns()
    routes_by_name = {p.name: p.route for p in url_patterns() if p.name}
    registered = {f"admin-model:{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    api_paths = set(api.get_openapi_schema()["paths"])
    for key, methods in MATRIX.items():
        assert routes_by_name.get(key, key) == key, f"{key!r} is a URL name: key the entry by {routes_by_name[key]!r}"
        if key.startswith("admin-model:") and key != ADMIN_OBJECT_REDIRECT:
            assert key in registered, key
        elif key.startswith("api:"):
            assert key.split(" ", 1)[1] in api_paths, key
        elif key != ADMIN_OBJECT_REDIRECT:
            assert key in first, f"{key!r}: no URL pattern has this route string"
        for method, row in methods.items():
            assert method in {"GET", "POST", "PUT", "PATCH", "DELETE"}
            assert len(row) == len(PERSONAS), f"{key} {method}: {len(row)} statuses for {len(PERSONAS)} personas"


def test_wrong_method_entries_really_are_methods_the_api_does_not_offer():
    wrong = {key for key, methods in MATRIX.items() if key.startswith("api:")
             and all(status == 405 for row in methods.values() for status in row)}
    assert wrong, "the matrix must check wrong methods on the API"
    assert wrong.isdisjoint(_api_operations())


@override_settings(ROOT_URLCONF="tests.urlconf_name_reuse")
def test_meta_tests_catch_a_new_pattern_that_reuses_a_name():
    """Issue 10: `casussen/<id>/export/` named `detail`, with no access check, used to pass every test."""
    patterns = url_patterns()
    export = ("casussen/<int:case_id>/export/", "tests.urlconf_name_reuse.case_export_view")
    assert export in missing_patterns(patterns)
    assert duplicate_names(patterns) == ["cases:detail"]
    assert resolve("/casussen/1/export/").url_name == "detail"  # the attack really is in the urlconf


# ---- the world every entry runs against --------------------------------------------------------------

@pytest.fixture
def matrix_world(world):
    w = world
    w.specialist_consulted = UserFactory(username="t_specialist_consulted", role=Role.SPECIALIST)
    MembershipFactory(user=w.specialist_consulted, team=w.team)
    actor = Actor.system(w.worker)
    services.specialist_consult(actor=actor, access=w.access, specialist_id=w.specialist_consulted.pk)
    w.mother = hh.person_add(actor=actor, access=w.access, first_name="Anna", last_name=SENTINEL,
                             roles=["victim"], gender="f")
    w.child = hh.person_add(actor=actor, access=w.access, first_name="Noa", last_name=SENTINEL, roles=["child"])
    w.note = services.note_add(actor=actor, access=w.access, kind="signal", statement_kind="observation",
                               occurred_at=timezone.now(), body=f"Fictief signaal over gezin {SENTINEL}")
    # A second team case, opened by the coordinator, on which the colleague used the noodknop.
    other = services.case_open(actor=Actor.system(w.coordinator), household_name="Huishouden Proefmans")
    services.emergency_access_grant(actor=Actor.system(w.colleague), case_id=other.case.pk,
                                    reason="Fictieve noodsituatie voor de test.")
    w.emergency = other.case.emergency_accesses.get()
    w.route = meldcode_services.route_start(actor=actor, access=w.access)
    w.team.vt_contact = w.vt_liaison
    w.team.save(update_fields=["vt_contact"])
    content = report_content(w.route, informed_whom="", informed_reaction="", reporter=w.worker,
                             not_informed_reason="Fictief: moeder zou in gevaar komen.")
    w.report = VtReport.objects.create(case=w.case, route=w.route, idempotency_key="matrix-1", sent_by=w.worker,
                                       content=json.dumps(content), assessment_due_on=timezone.localdate())
    actor_vt, now_ = Actor.system(w.vt_liaison), timezone.now()
    w.token, _key = account_services.api_token_create(user=w.worker, name="Proeftoken")
    PostcodeRange.objects.create(postcode_from="9900AA", postcode_to="9900ZZ", number_from=1, number_to=999,
                                 buurt=w.buurt)
    w.concern = intake_services.concern_register(
        actor=actor_vt, source="veilig_thuis", received_at=now_, household_name="Huishouden Intakematrix",
        postcode="9900AB", house_number="5", observation="Fictieve overdracht.",
        answers=TriageAnswers(False, True, False),
        reasons={"direct_danger": "x", "structural_unsafety": "x", "multi_problem": "x"})
    w.municipal_concern = intake_services.concern_register(
        actor=actor_vt, source="veilig_thuis", received_at=now_, household_name="Huishouden Gemeentematrix",
        postcode="9999ZZ", house_number="5", observation="Fictieve overdracht.")
    # The case is MDA++ with the team's coordinator as director and the partner's account added.
    collaboration_services.mda_start(actor=actor, access=w.access, case_director_id=w.coordinator.pk,
                                     criteria=["long_history"], reason="Fictief")
    w.mda_partner = collaboration_services.mda_partner_add(actor=actor, access=w.access, user_id=w.partner.pk,
                                                           sector="police", basis="covenant", basis_note="Fictief")
    Group.objects.create(name="Proefgroep")
    # An object of every admin model, so that its object pages are probed too; a municipality no case is in.
    admin_only = MunicipalityFactory()
    MeldcodeSetting.objects.create(municipality=admin_only)
    SpecialistContact.objects.create(municipality=admin_only, name="Proefcontact (fictief)")
    now = timezone.now()
    AccessAttempt.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                                 path_info="/inloggen/", attempt_time=now, get_data="", post_data="",
                                 failures_since_start=1)
    AccessLog.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                             path_info="/inloggen/", attempt_time=now)
    AccessFailureLog.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test",
                                    http_accept="*/*", path_info="/inloggen/", attempt_time=now, locked_out=False)
    return w

# ---- how to call each entry: (url, body, the route string that must answer it) ---------------------------

def _decision_id(w) -> int:
    """A conference decision owned by the worker (made inside each persona's rolled-back savepoint)."""
    conference = collaboration_services.conference_record(
        actor=Actor.system(w.worker), access=w.access, scheduled_at=timezone.now(), participant_ids=[w.worker.pk],
        question="Fictief", risk_estimate="low",
        decisions=[collaboration_services.DecisionIn("Fictief", w.worker.pk, date(2030, 1, 1))])
    return conference.decisions.get().pk


def _agreement_id(w) -> int:
    """A safety-plan agreement on the world's case (made inside each persona's rolled-back savepoint)."""
    entry = safety_services.AgreementEntry(kind="immediate", who="Fictief", what="Fictief", due_on=date(2030, 1, 1),
                                           is_protective=False)
    return safety_services.safety_agreement_add(actor=Actor.system(w.worker), access=w.access, entry=entry).pk


# What each route or API path parameter stands for in the world (made lazily: some make an object).
ARGUMENTS = {
    "case_id": lambda w: w.case.pk,
    "person_id": lambda w: w.mother.pk,
    "for_person_id": lambda w: w.mother.pk,
    "note_id": lambda w: w.note.pk,
    "route_id": lambda w: w.route.pk,
    "report_id": lambda w: w.report.pk,
    "step": lambda w: 1,
    "concern_id": lambda w: w.concern.pk,
    "token_id": lambda w: w.token.pk,
    "emergency_id": lambda w: w.emergency.pk,
    "partner_id": lambda w: w.mda_partner.pk,
    "decision_id": _decision_id,
    "agreement_id": _agreement_id,
    "member_id": lambda w: w.worker.memberships.get(team=w.team).pk,
    "municipality_id": lambda w: w.team.municipality_id,
    "year": lambda w: timezone.localdate().year,
    "buurt_code": lambda w: w.buurt.code,
}


def _fill(template: str, w) -> str:
    """A URL for a route string (<int:case_id>) or an OpenAPI path ({case_id}), with the world's objects."""
    def value(match):
        name = match.group(1) or match.group(2)
        return str(ARGUMENTS[name](w))
    url = re.sub(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", value, template)
    return url if url.startswith("/") else "/" + url


def _version(w):
    return {"version": w.case.version}


PAGE_BODIES = {
    "analyse/buurten/<str:buurt_code>/risico/": lambda w: {
        "individual": "low", "relationship": "some", "social_network": "unknown", "neighbourhood": "raised",
        "society": "some", "read_on": "2026-01-05", "version": 0},
    "instellingen/": lambda w: {"language": "nl"},
    "instellingen/tokens/": lambda w: {"name": "Matrixtoken"},
    "casussen/nieuw/": lambda w: {"household_name": "Huishouden Matrixproef"},
    "casussen/<int:case_id>/aanleiding/": lambda w: {"summary": "Nieuwe fictieve aanleiding", **_version(w)},
    "casussen/<int:case_id>/sluiten/": lambda w: {"reason": "safety_reached", **_version(w)},
    # no plan yet: the first save makes version 1; an empty submit would change nothing (400)
    "casussen/<int:case_id>/veiligheidsplan/": lambda w: {"vt_conditions": "Fictief", "review_on": "", "version": 1},
    "casussen/<int:case_id>/heropenen/": _version,
    "casussen/<int:case_id>/toewijzen/": lambda w: {"workers": [w.worker.pk, w.duo_partner.pk]},
    "casussen/<int:case_id>/personen/nieuw/": lambda w: {
        "first_name": "Proef", "last_name": "Persoon", "gender": "x", "roles": ["witness"]},
    "casussen/<int:case_id>/personen/<int:person_id>/": lambda w: {
        "first_name": "Anna", "last_name": SENTINEL, "gender": "f", "roles": ["victim"], "version": w.mother.version},
    "casussen/<int:case_id>/relaties/": lambda w: {"person": w.mother.pk, "kind": "parent", "other": w.child.pk},
    "casussen/<int:case_id>/notities/nieuw/": lambda w: {
        "kind": "signal", "statement_kind": "observation", "occurred_at": "2024-05-01T10:00",
        "body": "Fictieve waarneming."},
    "casussen/<int:case_id>/notities/<int:note_id>/": lambda w: {
        "statement_kind": "opinion", "body": "Gecorrigeerd.", "version": w.note.version},
    "casussen/<int:case_id>/geweldsvormen/": lambda w: {"form_child_abuse": "on", "natures_child_abuse": ["physical"]},
    "casussen/<int:case_id>/consulteren/": lambda w: {"specialist": w.specialist.pk, "question": "Fictieve vraag"},
    "casussen/<int:case_id>/noodtoegang/": lambda w: {"reason": "Dringend: fictieve cliënte belt, collega afwezig."},
    "intake/nieuw/": lambda w: {"source": "team", "received_at": "2024-05-01T10:00",
                                "household_name": "Huishouden Nieuw", "observation": "Fictief", **_TRIAGE_FORM},
    "intake/<int:concern_id>/triage/": lambda w: {**_TRIAGE_FORM, "version": w.concern.version},
    "intake/<int:concern_id>/kleur/": lambda w: {"colour": "rood", "reason": "Fictieve reden",
                                                 "version": w.concern.version},
    "intake/<int:concern_id>/casus/": lambda w: {"household": "new", "workers": [w.worker.pk]},
    "intake/<int:concern_id>/melding/": lambda w: {"idempotency_key": "matrix-intake-report", "observation": "Fictief",
                                                   "not_informed_reason": "Fictief: moeder zou in gevaar komen."},
    "intake/<int:concern_id>/veilig-thuis-bekend/": lambda w: {
        "idempotency_key": "matrix-intake-known", "vt_reference": "VT-2024-0001", "vt_known_on": "2024-05-01"},
    # not a team of the outside coordinator: their form error
    "intake/<int:concern_id>/overnemen/": lambda w: {"team": w.team.pk},
    "zorg-delen/": lambda w: {"household_name": "Huishouden Gedeeld", "observation": "Fictief"},
    "team/leden/<int:member_id>/": lambda w: {"discipline": "youth", "max_open_cases": 10, "version": 1},
    "team/leden/<int:member_id>/trainingen/": lambda w: {
        "course": "meldcode", "level": "basic", "completed_on": "2024-05-01", "valid_until": "2026-05-01"},
    "team/reflectie/": lambda w: {"team": w.team.pk, **{f"d{n}": "neither" for n in range(1, 11)}},
    "team/reflectie/openen/": lambda w: {"team": w.team.pk},
    "team/reflectie/sluiten/": lambda w: {"team": w.team.pk},
    "gemeenten/<int:municipality_id>/veilig-thuis/": lambda w: {
        "scenario": "vt_area_based", "regional_agreements": "Fictief", "version": 0},
    "gemeenten/<int:municipality_id>/zelfscan/<int:year>/": lambda w: {"version": 1},
}
_TRIAGE_FORM = {"direct_danger": "no", "direct_danger_reason": "x", "structural_unsafety": "no",
                "structural_unsafety_reason": "x", "multi_problem": "yes", "multi_problem_reason": "x"}
# Routes the world's objects alone do not fill.
PAGE_URLS = {
    # the municipal concern (address unknown): every coordinator may take it, but only into their own team
    "intake/<int:concern_id>/overnemen/": lambda w: f"/intake/{w.municipal_concern.pk}/overnemen/",
    "beheer/r/<path:content_type_id>/<path:object_id>/": lambda w: (
        f"/beheer/r/{ContentType.objects.get_for_model(w.team).pk}/{w.team.pk}/"),
    "beheer/(?P<app_label>auth|axes|areas|accounts|meldcode|teams)/$": lambda w: "/beheer/accounts/",
    "beheer/(?P<url>.*)$": lambda w: "/beheer/bestaat-niet/",
    "beheer/areas/buurt/<path:object_id>/delete/": lambda w: f"/beheer/areas/buurt/{w.buurt.pk}/delete/",
}

MELDCODE = "/api/v1/cases/{case_id}/meldcode/{route_id}"
API_BODIES = {
    "POST /api/v1/cases": lambda w: {"household_name": "Huishouden API-proef"},
    "POST /api/v1/cases/search": lambda w: {"q": "Huishouden"},
    "PATCH /api/v1/cases/{case_id}": lambda w: {"summary": "Via de API", **_version(w)},
    "POST /api/v1/cases/{case_id}/close": lambda w: {"reason": "safety_reached", **_version(w)},
    "POST /api/v1/cases/{case_id}/persons": lambda w: {"first_name": "Proef", "last_name": "Persoon",
                                                       "roles": ["witness"]},
    "PUT /api/v1/cases/{case_id}/persons/{person_id}": lambda w: {
        "first_name": "Anna", "last_name": SENTINEL, "roles": ["victim"], "gender": "f", "birth_date": None,
        "bsn": "", "version": w.mother.version},
    "POST /api/v1/cases/{case_id}/relations": lambda w: {"person_id": w.mother.pk, "other_id": w.child.pk,
                                                         "kind": "parent"},
    "POST /api/v1/cases/{case_id}/notes": lambda w: {"statement_kind": "observation", "body": "Fictief",
                                                     "occurred_at": "2024-05-01T10:00"},
    **{f"POST {MELDCODE}/{suffix}": body for suffix, body in {
        "signals": lambda w: {"supports_suspicion": True, "note_id": w.note.pk},
        "kindcheck": lambda w: {"minors": "yes", "risk_situations": []},
        "consultations": lambda w: {"kind": "colleague", "with_whom": "Collega", "consulted_on": "2024-05-01",
                                    "topic": "Fictief", "advice": "Fictief advies"},
        "conversation": lambda w: {"held": True, "held_on": "2024-05-01", "with_whom": "Moeder",
                                   "facts_presented": "Fictief", "reaction": "Fictief"},
        "weighing": lambda w: {"nature": "Fictief", "severity": "moderate", "risk": "Fictief"},
        "answers": lambda w: {"question": "suspicion", "answer": True, "justification": "Fictief"},
        "monitoring": lambda w: {"what": "Fictief", "checker_text": "Huisarts (fictief)", "due_on": "2030-05-01"},
        "monitoring/checks": lambda w: {"agreement_id": 2**61, "version": 1, "checked_on": "2024-05-01",
                                        "outcome": "safe"},
        "steps/{step}/reopen": lambda w: {"reason": "Fictief"},
        "acute-danger": lambda w: {"police_called_at": "2024-05-01T10:00", "called_by": "Medewerker"},
        "reports": lambda w: {"idempotency_key": "matrix-api-key-1", "not_informed_reason": "Fictief"},
        "returning-violence": lambda w: {"occurred_on": "2024-05-01", "description": "Fictief incident"},
        "vt-answer": lambda w: {"answer": "vt_takes_over", "summary": "Fictief"},
    }.items()},
    "POST /api/v1/cases/{case_id}/balance": lambda w: {"factors": [{"code": "r_micro_addiction", "note": "Fictief"}]},
    "POST /api/v1/cases/{case_id}/kindcheck": lambda w: {"minors": "yes", "action_taken": "Fictief"},
    "POST /api/v1/cases/{case_id}/zrm": lambda w: {
        "person_id": w.mother.pk, "information_on": "2024-05-01",
        "scores": [{"domain": code, "score": 3} for code in ZRM_DOMAIN_CODES]},
    "POST /api/v1/cases/{case_id}/safety-mappings": lambda w: {"scales": [{"party": "worker", "score": 4}]},
    "PUT /api/v1/cases/{case_id}/safety-plan": lambda w: {"vt_conditions": "Fictief", "review_on": None, "version": 1},
    "POST /api/v1/cases/{case_id}/safety-plan/agreements": lambda w: {
        "kind": "immediate", "who": "Vader", "what": "Fictief", "due_on": "2030-05-01"},
    "POST /api/v1/cases/{case_id}/safety-plan/reviews": lambda w: {
        "agreement_id": 2**61, "status": "kept", "reviewed_on": "2024-05-01"},
    "PUT /api/v1/cases/{case_id}/safety-plan/safe-places/{person_id}": lambda w: {
        "answer": "Fictief: bij zus", "version": 0},
    "PUT /api/v1/cases/{case_id}/safety-plan/agreements/{agreement_id}": lambda w: {
        "kind": "immediate", "who": "Vader", "what": "Fictief", "due_on": "2030-05-01", "where": "", "network": "",
        "is_protective": None, "audience_ids": [], "version": 1},
    "POST /api/v1/cases/{case_id}/conferences": lambda w: {
        "scheduled_at": "2024-05-01T10:00", "participant_ids": [w.worker.pk], "question": "Fictief",
        "risk_estimate": "low"},
    "POST /api/v1/cases/{case_id}/ave": lambda w: {"phase": 2, "reason": "Fictief", "case_direction": "Wijkteam",
                                                   "process_direction": "Gemeente",
                                                   "operational_responsibility": "Teamleider wijkteam",
                                                   "administrative_responsibility": "Wethouder"},
    "POST /api/v1/cases/{case_id}/reports/{report_id}/feedback": lambda w: {
        "moment": "after_assessment", "decision": "end", "summary": "Fictief", "received_on": "2024-05-01"},
    "POST /api/v1/intake/concerns": lambda w: {"source": "team", "received_at": "2024-05-01T10:00",
                                               "household_name": "Huishouden API", "observation": "Fictief"},
    "POST /api/v1/intake/concerns/{concern_id}/triage": lambda w: {
        "direct_danger": False, "direct_danger_reason": "x", "structural_unsafety": False,
        "structural_unsafety_reason": "x", "multi_problem": True, "multi_problem_reason": "x",
        "version": w.concern.version},
    "POST /api/v1/intake/concerns/{concern_id}/overrule": lambda w: {"colour": "rood", "reason": "Fictief",
                                                                    "version": w.concern.version},
    "POST /api/v1/intake/concerns/{concern_id}/vt-report": lambda w: {
        "idempotency_key": "matrix-api-report", "observation": "Fictief", "not_informed_reason": "Fictief"},
    "POST /api/v1/intake/concerns/{concern_id}/vt-known": lambda w: {
        "idempotency_key": "matrix-api-known", "vt_reference": "VT-2024-0002", "vt_known_on": "2024-05-01"},
    "POST /api/v1/cases/{case_id}/mda": lambda w: {"case_director_id": w.worker.pk, "criteria": ["long_history"],
                                                   "reason": "Fictief"},
    "PUT /api/v1/cases/{case_id}/mda/director": lambda w: {"case_director_id": w.worker.pk,
                                                           "contact_person_id": None, "version": 1},
    "POST /api/v1/cases/{case_id}/mda/partners": lambda w: {"user_id": w.vt_liaison.pk, "sector": "veilig_thuis",
                                                            "basis": "statutory_task", "basis_note": "Fictief"},
    "POST /api/v1/cases/{case_id}/mda/partners/{partner_id}/remove": lambda w: {"reason": "Fictief"},
    "POST /api/v1/cases/{case_id}/mda/end": lambda w: {"reason": "Fictief"},
    "PUT /api/v1/cases/{case_id}/notes/{note_id}": lambda w: {"statement_kind": "opinion", "body": "Gecorrigeerd",
                                                              "place": "", "observer": "", "source": "",
                                                              "version": w.note.version},
}


def _admin_model(route: str):
    return next((model for model in admin.site._registry
                 if route.startswith(f"beheer/{model._meta.app_label}/{model._meta.model_name}/")), None)


def _admin_probes(key: str) -> list[tuple[str, dict, str]]:
    """Every pattern an admin-model entry covers (changelist, add, the object pages of one object)."""
    probes = []
    for pattern in url_patterns():
        if matrix_key(pattern, set()) != key:
            continue
        obj = _admin_model(pattern.route)._default_manager.order_by("pk").first()
        assert obj is not None or "<" not in pattern.route, f"{pattern.route}: no object in the world to probe"
        probes.append(("/" + re.sub(r"<(?:\w+:)?\w+>", str(obj.pk) if obj else "", pattern.route), {}, pattern.route))
    return probes


def _page_request(key: str):
    def build(w):
        url = PAGE_URLS[key](w) if key in PAGE_URLS else _fill(key, w)
        # Meldcode forms get a bound but incomplete form: who may write sees the form error (400).
        is_meldcode = resolve(urlsplit(url).path).func.__module__ == "wijkveilig.meldcode.views"
        body = PAGE_BODIES.get(key, lambda _w: {"matrix": "1"} if is_meldcode else {})(w)
        return [(url, body, key)]
    return build


def _api_request(key: str):
    def build(w):
        path = key.split(" ", 1)[1]
        url = _fill(path, w)
        if path.endswith("/intake/routing"):
            url += "?postcode=9900AB&house_number=5"
        if path.endswith("/safety-plan/family-pdf"):
            url += f"?for_person_id={w.mother.pk}"
        return [(url, API_BODIES.get(key.split(":", 1)[1], lambda _w: None)(w), _api_route(path))]
    return build


def _builder(key: str):
    if key.startswith("admin-model:"):
        return lambda w: _admin_probes(key)
    if key.startswith("api:"):
        return _api_request(key)
    return _page_request(key)


BUILDERS = {key: _builder(key) for key in MATRIX}


# ---- running one entry for every persona ------------------------------------------------------------

def _client(w, persona: str) -> Client:
    return Client() if persona == "anonymous" else login_client(getattr(w, persona))


def _send(client: Client, method: str, url: str, body, *, is_api: bool):
    if is_api:
        data = json.dumps(body) if body is not None else ""
        return client.generic(method, url, data=data, content_type="application/json")
    if method == "GET":
        return client.get(url)
    return client.post(url, body or {})


def _problems(key, persona, method, url, expected, response) -> list[str]:
    problems = []
    # Any answer may hold personal data (a page, an error, a redirect): no cache keeps it, no device is opened.
    if "no-store" not in response.get("Cache-Control", "") or "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{persona:<21} {method:<6} {url}: no Cache-Control no-store / Permissions-Policy")
    if response.status_code != expected:
        problems.append(f"{persona:<21} {method:<6} {url}: expected {expected}, got {response.status_code}")
    elif persona == "anonymous" and expected == 302 and not key.startswith("api"):
        location = response["Location"]
        if not location.startswith(("/inloggen/", "/beheer/login/")):
            problems.append(f"anonymous {method} {url}: redirected to {location}, not to a login page")
    return problems


REPORT = "casussen/<int:case_id>/meldingen/<int:report_id>/json/"
SHARED_PLAN = "casussen/<int:case_id>/mda/"


def _in_scope(persona: str, key: str) -> bool:
    """Whether this persona may see the case's personal data on this route (VT: only its reports)."""
    index = PERSONAS.index(persona)
    if key in {"casussen/<int:case_id>/meldingen/<int:report_id>/pdf/", REPORT, "veilig-thuis/",
               "veilig-thuis/casussen/<int:case_id>/meldingen/<int:report_id>/",
               "api:GET /api/v1/cases/{case_id}/reports/{report_id}"}:
        return MATRIX[REPORT]["GET"][index] == 200
    if key in {SHARED_PLAN, "mda/", "api:GET /api/v1/mda/cases", "api:GET /api/v1/cases/{case_id}/mda/shared-plan"}:
        return MATRIX[SHARED_PLAN]["GET"][index] == 200
    return MATRIX["casussen/<int:case_id>/"]["GET"][index] == 200


def _denied_rows() -> int:
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()


@pytest.mark.parametrize("key", list(MATRIX))
def test_matrix_entry(matrix_world, key):
    """Each persona in its own savepoint, so every persona meets the same untouched world."""
    w = matrix_world
    problems, patterns, resolved = [], _first_patterns(), set()
    for index, persona in enumerate(PERSONAS):
        for method, row in MATRIX[key].items():
            with transaction.atomic():
                client = _client(w, persona)
                for url, body, route in BUILDERS[key](w):
                    if (url, route) not in resolved:  # the request reaches exactly the pattern of the entry
                        resolved.add((url, route))
                        problems += filter(None, [resolution_problem(route, url, patterns)])
                    denied_before = _denied_rows()
                    response = _send(client, method, url, body, is_api=key.startswith("api:"))
                    problems += _problems(key, persona, method, url, row[index], response)
                    if response.status_code == 403 and _denied_rows() == denied_before:
                        problems.append(f"{persona} {method} {url}: refused (403) without a denied log row")
                    if not _in_scope(persona, key) and SENTINEL in response.content.decode(errors="replace"):
                        problems.append(f"{persona} {method} {url}: response shows data of a case out of scope")
                transaction.set_rollback(True)
    assert problems == [], "\n".join(problems)


def test_every_request_body_and_url_belongs_to_an_entry():
    """A body or URL under a stale key (a URL name, a renamed route) would silently not be sent."""
    stale = (set(PAGE_BODIES) | set(PAGE_URLS) | {f"api:{key}" for key in API_BODIES}) - set(MATRIX)
    assert stale == set(), f"keys that are no entry of tests/authz_matrix.py: {sorted(stale)}"


def test_matrix_size():
    """Guard against the matrix shrinking by accident: every persona has a row for every entry."""
    entries = sum(len(methods) for methods in MATRIX.values()) * len(PERSONAS)
    assert len(MATRIX) >= 60
    assert entries >= 60 * len(PERSONAS)


def test_coverage_check_notices_a_route_without_an_entry():
    def view(request):
        raise AssertionError("never called")
    new = [Pattern("casussen/<int:case_id>/iets-nieuws/", "cases:something_new", view),
           Pattern("ergens/", "", view), Pattern("api/v1/cases/<case_id>/nieuw", "api:new_thing", view)]
    assert [route for route, _view in missing_patterns(new)] == [pattern.route for pattern in new]
    assert missing_patterns([Pattern("casussen/<int:case_id>/", "cases:detail", view)]) == []
