"""Every route × every persona answers what tests/authz_matrix.py says, and every route has an entry there."""

import json
import re
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.authz_matrix import MATRIX, PERSONAS
from tests.conftest import login_client
from tests.factories import MembershipFactory, UserFactory
from wijkveilig.accounts import services as account_services
from wijkveilig.accounts.models import Role
from wijkveilig.api.api import api
from wijkveilig.assessment.zrm import DOMAIN_CODES as ZRM_DOMAIN_CODES
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.collaboration import services as collaboration_services
from wijkveilig.intake import services as intake_services
from wijkveilig.intake.models import PostcodeRange
from wijkveilig.intake.triage import TriageAnswers
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import VtReport
from wijkveilig.meldcode.report import report_content
from wijkveilig.safety import services as safety_services

SENTINEL = "Testerink"  # in the household, person and note of the case: never shown to anyone out of scope
API_PREFIX = "/api/v1"



# ---- coverage: every URL pattern and API operation has an entry ------------------------------------------

def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else namespace


def _admin_model_key(route: str) -> str | None:
    for model in admin.site._registry:
        if route.startswith(f"beheer/{model._meta.app_label}/{model._meta.model_name}/"):
            return f"admin-model:{model._meta.app_label}.{model._meta.model_name}"
    return None


def _api_spec_route(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _is_covered(route: str, name: str, api_paths: set[str]) -> bool:
    """Whether some matrix entry covers this URL pattern; API operation paths are checked per method below."""
    if name in MATRIX or (not name and f"route:{route}" in MATRIX):
        return True
    if name.startswith("admin:"):
        return ("admin:catch_all" if route.endswith("(?P<url>.*)$") else _admin_model_key(route)) in MATRIX
    if name.startswith("api:"):
        return _api_spec_route(route) in api_paths
    return False


def _api_operations() -> set[str]:
    spec = api.get_openapi_schema()
    return {f"api:{method.upper()} {path}" for path, item in spec["paths"].items() for method in item}


def test_every_url_pattern_has_a_matrix_entry():
    api_paths = {path for path in api.get_openapi_schema()["paths"]}
    missing = [(route, name) for route, name in _walk(get_resolver().url_patterns)
               if not _is_covered(route, name, api_paths)]
    assert missing == [], f"routes without an entry in tests/authz_matrix.py: {missing}"


def test_every_api_operation_has_a_matrix_entry():
    missing = sorted(_api_operations() - set(MATRIX))
    assert missing == [], f"API operations without an entry in tests/authz_matrix.py: {missing}"


def test_every_matrix_entry_names_a_real_route_and_a_full_row():
    routes = {name for _route, name in _walk(get_resolver().url_patterns)}
    registered = {f"admin-model:{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    api_paths = set(api.get_openapi_schema()["paths"])
    for key, methods in MATRIX.items():
        if key.startswith("admin-model:"):
            assert key in registered, key
        elif key.startswith("api:") and " " in key:
            assert key.split(" ", 1)[1] in api_paths, key
        elif key.startswith("route:"):
            assert key.split(":", 1)[1] in {route for route, name in _walk(get_resolver().url_patterns) if not name}
        elif key != "admin:catch_all":
            assert key in routes, key
        assert key in BUILDERS, f"{key}: no request builder in this test module"
        for method, row in methods.items():
            assert method in {"GET", "POST", "PUT", "PATCH", "DELETE"}
            assert len(row) == len(PERSONAS), f"{key} {method}: {len(row)} statuses for {len(PERSONAS)} personas"


def test_wrong_method_entries_really_are_methods_the_api_does_not_offer():
    wrong = {key for key, methods in MATRIX.items() if key.startswith("api:") and " " in key
             and all(status == 405 for row in methods.values() for status in row)}
    assert wrong, "the matrix must check wrong methods on the API"
    assert wrong.isdisjoint(_api_operations())


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
        postcode="9900AB", house_number="5", observation="Fictieve overdracht.", answers=TriageAnswers(False, True, False),
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
    now = timezone.now()
    AccessAttempt.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                                 path_info="/inloggen/", attempt_time=now, get_data="", post_data="",
                                 failures_since_start=1)
    AccessLog.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                             path_info="/inloggen/", attempt_time=now)
    AccessFailureLog.objects.create(username="t_nobody", ip_address="192.0.2.1", user_agent="test",
                                    http_accept="*/*", path_info="/inloggen/", attempt_time=now, locked_out=False)
    return w


# ---- how to call each entry: (url, body per method) --------------------------------------------------

def _case_url(name, namespace="cases", **kwargs):
    return lambda w: reverse(f"{namespace}:{name}",
                             kwargs={"case_id": w.case.pk, **{key: f(w) for key, f in kwargs.items()}})


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


def _meldcode_url(name, **kwargs):
    return _case_url(name, namespace="meldcode", route_id=lambda w: w.route.pk, **kwargs)


def _report_url(name):
    return _case_url(name, namespace="meldcode", report_id=lambda w: w.report.pk)


def _concern_url(name):
    return lambda w: reverse(f"intake:{name}", args=[w.concern.pk])


def _version(w):
    return {"version": w.case.version}


PAGE_BODIES = {
    "safety:plan": lambda w: {"vt_conditions": "Fictief", "review_on": ""},  # an empty submit changes nothing (400)
    "accounts:settings": lambda w: {"language": "nl"},
    "accounts:token_create": lambda w: {"name": "Matrixtoken"},
    "cases:new": lambda w: {"household_name": "Huishouden Matrixproef"},
    "cases:summary": lambda w: {"summary": "Nieuwe fictieve aanleiding", **_version(w)},
    "cases:close": lambda w: {"reason": "safety_reached", **_version(w)},
    "cases:reopen": _version,
    "cases:assign": lambda w: {"workers": [w.worker.pk, w.duo_partner.pk]},
    "cases:person_add": lambda w: {"first_name": "Proef", "last_name": "Persoon", "gender": "x", "roles": ["witness"]},
    "cases:person_edit": lambda w: {"first_name": "Anna", "last_name": SENTINEL, "gender": "f", "roles": ["victim"],
                                    "version": w.mother.version},
    "cases:relation_add": lambda w: {"person": w.mother.pk, "kind": "parent", "other": w.child.pk},
    "cases:note_add": lambda w: {"kind": "signal", "statement_kind": "observation", "occurred_at": "2024-05-01T10:00",
                                 "body": "Fictieve waarneming."},
    "cases:note_edit": lambda w: {"statement_kind": "opinion", "body": "Gecorrigeerd.", "version": w.note.version},
    "cases:violence_forms": lambda w: {"form_child_abuse": "on", "natures_child_abuse": ["physical"]},
    "cases:consult": lambda w: {"specialist": w.specialist.pk, "question": "Fictieve vraag"},
    "cases:emergency": lambda w: {"reason": "Dringend: fictieve cliënte belt, collega afwezig."},
    "intake:new": lambda w: {"source": "team", "received_at": "2024-05-01T10:00", "household_name": "Huishouden Nieuw",
                             "observation": "Fictief", **_TRIAGE_FORM},
    "intake:triage": lambda w: _TRIAGE_FORM,
    "intake:overrule": lambda w: {"colour": "rood", "reason": "Fictieve reden"},
    "intake:case_open": lambda w: {"household": "new", "workers": [w.worker.pk]},
    "intake:vt_report": lambda w: {"idempotency_key": "matrix-intake-report", "observation": "Fictief",
                                   "not_informed_reason": "Fictief: moeder zou in gevaar komen."},
    "intake:vt_known": lambda w: {"idempotency_key": "matrix-intake-known", "vt_reference": "VT-2024-0001",
                                  "vt_known_on": "2024-05-01"},
    "intake:claim": lambda w: {"team": w.team.pk},  # not a team of the outside coordinator: their form error
    "intake:share": lambda w: {"household_name": "Huishouden Gedeeld", "observation": "Fictief"},
}
_TRIAGE_FORM = {"direct_danger": "no", "direct_danger_reason": "x", "structural_unsafety": "no",
                "structural_unsafety_reason": "x", "multi_problem": "yes", "multi_problem_reason": "x"}

PAGE_URLS = {
    "home": lambda w: reverse("home"),
    "accounts:token_revoke": lambda w: reverse("accounts:token_revoke", args=[w.token.pk]),
    "cases:detail": _case_url("detail"),
    "cases:summary": _case_url("summary"),
    "cases:close": _case_url("close"),
    "cases:reopen": _case_url("reopen"),
    "cases:assign": _case_url("assign"),
    "cases:person_add": _case_url("person_add"),
    "cases:person_edit": _case_url("person_edit", person_id=lambda w: w.mother.pk),
    "cases:relation_add": _case_url("relation_add"),
    "cases:note_add": _case_url("note_add"),
    "cases:note_edit": _case_url("note_edit", note_id=lambda w: w.note.pk),
    "cases:violence_forms": _case_url("violence_forms"),
    "cases:consult": _case_url("consult"),
    "cases:emergency": _case_url("emergency"),
    "cases:emergency_review": lambda w: reverse("cases:emergency_review", args=[w.emergency.pk]),
    **{f"intake:{name}": _concern_url(name) for name in ("detail", "triage", "overrule", "case_open", "vt_report",
                                                          "vt_known")},
    "intake:claim": lambda w: reverse("intake:claim", args=[w.municipal_concern.pk]),
    **{f"meldcode:{name}": _meldcode_url(name) for name in (
        "route", "signal_link", "signal_add", "kindcheck", "consultation", "conversation", "weighing", "answer",
        "confirm", "acute", "report", "monitoring_add", "monitoring_check", "returning_violence", "vt_answer")},
    "meldcode:start": _case_url("start", namespace="meldcode"),
    **{f"assessment:{name}": _case_url(name, namespace="assessment")
       for name in ("overview", "balance", "safety", "conversation", "kindcheck")},
    "assessment:zrm": _case_url("zrm", namespace="assessment", person_id=lambda w: w.mother.pk),
    **{f"safety:{name}": _case_url(name, namespace="safety")
       for name in ("plan", "agreement_add", "review_add", "agree")},
    "safety:safe_place": _case_url("safe_place", namespace="safety", person_id=lambda w: w.mother.pk),
    "safety:family_pdf": _case_url("family_pdf", namespace="safety", for_person_id=lambda w: w.mother.pk),
    "safety:agreement_edit": _case_url("agreement_edit", namespace="safety", agreement_id=_agreement_id),
    **{f"collaboration:{name}": _case_url(name, namespace="collaboration") for name in ("overview", "conference", "ave")},
    **{f"collaboration:{name}": _case_url(name, namespace="collaboration")
       for name in ("mda", "mda_director", "mda_partner_add", "mda_end", "mda_join", "shared")},
    "collaboration:mda_partner_remove": _case_url("mda_partner_remove", namespace="collaboration",
                                                  partner_id=lambda w: w.mda_partner.pk),
    "collaboration:decision_done": _case_url("decision_done", namespace="collaboration",
                                             decision_id=lambda w: _decision_id(w)),
    "meldcode:step_complete": _meldcode_url("step_complete", step=lambda w: 1),
    "meldcode:step_reopen": _meldcode_url("step_reopen", step=lambda w: 1),
    "meldcode:report_pdf": _report_url("report_pdf"),
    "meldcode:report_json": _report_url("report_json"),
    "meldcode:vt_report": _report_url("vt_report"),
    "admin:view_on_site": lambda w: reverse("admin:view_on_site", args=[
        ContentType.objects.get_for_model(w.team).pk, w.team.pk]),
    "admin:app_list": lambda w: reverse("admin:app_list", args=["accounts"]),
    "admin:catch_all": lambda w: "/beheer/bestaat-niet/",
    "route:beheer/login/": lambda w: "/beheer/login/",
    "admin:areas_buurt_delete": lambda w: reverse("admin:areas_buurt_delete", args=[w.buurt.pk]),
}

MELDCODE = "/api/v1/cases/{case_id}/meldcode/{route_id}"
API_BODIES = {
    "POST /api/v1/cases": lambda w: {"household_name": "Huishouden API-proef"},
    "POST /api/v1/cases/search": lambda w: {"q": "Huishouden"},
    "PATCH /api/v1/cases/{case_id}": lambda w: {"summary": "Via de API", **_version(w)},
    "POST /api/v1/cases/{case_id}/close": lambda w: {"reason": "safety_reached", **_version(w)},
    "POST /api/v1/cases/{case_id}/persons": lambda w: {"first_name": "Proef", "last_name": "Persoon",
                                                       "roles": ["witness"]},
    "PUT /api/v1/cases/{case_id}/persons/{person_id}": lambda w: {"first_name": "Anna", "last_name": SENTINEL,
                                                                  "roles": ["victim"], "gender": "f", "birth_date": None,
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
    "PUT /api/v1/cases/{case_id}/safety-plan": lambda w: {"vt_conditions": "Fictief", "review_on": None},
    "POST /api/v1/cases/{case_id}/safety-plan/agreements": lambda w: {
        "kind": "immediate", "who": "Vader", "what": "Fictief", "due_on": "2030-05-01"},
    "POST /api/v1/cases/{case_id}/safety-plan/reviews": lambda w: {
        "agreement_id": 2**61, "status": "kept", "reviewed_on": "2024-05-01"},
    "PUT /api/v1/cases/{case_id}/safety-plan/safe-places/{person_id}": lambda w: {"answer": "Fictief: bij zus"},
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
        "structural_unsafety_reason": "x", "multi_problem": True, "multi_problem_reason": "x"},
    "POST /api/v1/intake/concerns/{concern_id}/overrule": lambda w: {"colour": "rood", "reason": "Fictief"},
    "POST /api/v1/intake/concerns/{concern_id}/vt-report": lambda w: {
        "idempotency_key": "matrix-api-report", "observation": "Fictief", "not_informed_reason": "Fictief"},
    "POST /api/v1/intake/concerns/{concern_id}/vt-known": lambda w: {
        "idempotency_key": "matrix-api-known", "vt_reference": "VT-2024-0002", "vt_known_on": "2024-05-01"},
    "POST /api/v1/cases/{case_id}/mda": lambda w: {"case_director_id": w.worker.pk, "criteria": ["long_history"],
                                                   "reason": "Fictief"},
    "PUT /api/v1/cases/{case_id}/mda/director": lambda w: {"case_director_id": w.worker.pk,
                                                           "contact_person_id": None},
    "POST /api/v1/cases/{case_id}/mda/partners": lambda w: {"user_id": w.vt_liaison.pk, "sector": "veilig_thuis",
                                                            "basis": "statutory_task", "basis_note": "Fictief"},
    "POST /api/v1/cases/{case_id}/mda/partners/{partner_id}/remove": lambda w: {"reason": "Fictief"},
    "POST /api/v1/cases/{case_id}/mda/end": lambda w: {"reason": "Fictief"},
    "PUT /api/v1/cases/{case_id}/notes/{note_id}": lambda w: {"statement_kind": "opinion", "body": "Gecorrigeerd",
                                                              "place": "", "observer": "", "source": "",
                                                              "version": w.note.version},
}


def _admin_model_probes(key: str, w) -> list[str]:
    """Every named admin URL of one registered model: changelist, add, and the object pages of one object."""
    label = key.split(":", 1)[1]
    model = next(m for m in admin.site._registry if f"{m._meta.app_label}.{m._meta.model_name}" == label)
    obj = model._default_manager.order_by("pk").first()
    probes = []
    for route, name in _walk(get_resolver().url_patterns):
        if not name.startswith("admin:") or name == "admin:" or name in MATRIX or _admin_model_key(route) != key:
            continue
        if "<" not in route:
            probes.append("/" + route)
        elif obj is not None:
            probes.append("/" + re.sub(r"<(?:\w+:)?\w+>", str(obj.pk), route))
    return probes


def _page_request(key: str):
    def build(w):
        url = PAGE_URLS[key](w) if key in PAGE_URLS else reverse(key)
        # Meldcode forms get a bound but incomplete form: who may write sees the form error (400).
        default = {"matrix": "1"} if key.startswith("meldcode:") else {}
        body = PAGE_BODIES.get(key, lambda _w: default)(w)
        return [(url, body)]
    return build


def _api_request(key: str):
    def build(w):
        path = key.split(" ", 1)[1]
        url = path.format(case_id=w.case.pk, person_id=w.mother.pk, note_id=w.note.pk, route_id=w.route.pk,
                          report_id=w.report.pk, step=1, concern_id=w.concern.pk,
                          decision_id=_decision_id(w) if "{decision_id}" in path else 0,
                          agreement_id=_agreement_id(w) if "{agreement_id}" in path else 0,
                          partner_id=w.mda_partner.pk)
        if path.endswith("/intake/routing"):
            url += "?postcode=9900AB&house_number=5"
        if path.endswith("/safety-plan/family-pdf"):
            url += f"?for_person_id={w.mother.pk}"
        return [(url, API_BODIES.get(key.split(":", 1)[1], lambda _w: None)(w))]
    return build


def _builder(key: str):
    if key.startswith("admin-model:"):
        return lambda w: [(url, {}) for url in _admin_model_probes(key, w)]
    if key.startswith("api:") and " " in key:
        return _api_request(key)
    if key.startswith("api:"):
        return lambda w: [(reverse(key), None)]
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


def _in_scope(persona: str, key: str) -> bool:
    """Whether this persona may see the case's personal data on this route (VT: only its reports)."""
    index = PERSONAS.index(persona)
    if key in {"meldcode:report_pdf", "meldcode:report_json", "meldcode:vt_report", "meldcode:vt_inbox",
               "api:GET /api/v1/cases/{case_id}/reports/{report_id}"}:
        return MATRIX["meldcode:report_json"]["GET"][index] == 200
    if key in {"collaboration:shared", "collaboration:partner_cases", "api:GET /api/v1/mda/cases",
               "api:GET /api/v1/cases/{case_id}/mda/shared-plan"}:
        return MATRIX["collaboration:shared"]["GET"][index] == 200
    return MATRIX["cases:detail"]["GET"][index] == 200


@pytest.mark.parametrize("key", list(MATRIX))
def test_matrix_entry(matrix_world, key):
    """Each persona in its own savepoint, so every persona meets the same untouched world."""
    w = matrix_world
    problems = []
    for index, persona in enumerate(PERSONAS):
        for method, row in MATRIX[key].items():
            with transaction.atomic():
                client = _client(w, persona)
                for url, body in BUILDERS[key](w):
                    response = _send(client, method, url, body, is_api=key.startswith("api:"))
                    problems += _problems(key, persona, method, url, row[index], response)
                    if not _in_scope(persona, key) and SENTINEL in response.content.decode(errors="replace"):
                        problems.append(f"{persona} {method} {url}: response shows data of a case out of scope")
                transaction.set_rollback(True)
    assert problems == [], "\n".join(problems)


def test_matrix_size():
    """Guard against the matrix shrinking by accident: every persona has a row for every entry."""
    entries = sum(len(methods) for methods in MATRIX.values()) * len(PERSONAS)
    assert len(MATRIX) >= 60
    assert entries >= 60 * len(PERSONAS)


def test_coverage_check_notices_a_route_without_an_entry():
    api_paths = set(api.get_openapi_schema()["paths"])
    assert not _is_covered("casussen/<int:case_id>/iets-nieuws/", "cases:something_new", api_paths)
    assert not _is_covered("ergens/", "", api_paths)
    assert not _is_covered("api/v1/cases/<case_id>/nieuw", "api:new_thing", api_paths)
    assert _is_covered("casussen/<int:case_id>/", "cases:detail", api_paths)
