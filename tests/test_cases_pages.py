"""The case pages as each persona uses them: what is saved, what is refused (in Dutch, input kept), what is logged."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.models import (
    Assignment,
    Case,
    CaseStatus,
    CaseViolenceForm,
    Consultation,
    EmergencyAccess,
    Note,
    Participant,
)
from wijkveilig.cases.policy import access_for
from wijkveilig.households.models import Person, Relation


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def last_row(event: str) -> AccessLogEntry:
    return AccessLogEntry.objects.filter(event=event).latest("id")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def worker(world, as_user):
    return as_user(world.worker)


@pytest.fixture
def family(world):
    """Two persons in the household of the world's case."""
    actor = Actor.system(world.worker)
    world.mother = hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink",
                                 roles=["victim"], gender="f")
    world.child = hh.person_add(actor=actor, access=world.access, first_name="Noa", last_name="Testerink",
                                roles=["child"])
    return world


# ---- open, edit, close, reopen -----------------------------------------------------------------------

def test_worker_opens_a_case_and_is_assigned(world, worker):
    response = worker.post(reverse("cases:new"), {"household_name": "Huishouden Proefmans", "postcode": "9999 XX",
                                                  "summary": "Fictieve zorg"})
    case = Case.objects.get(household__name="Huishouden Proefmans")
    assert response.status_code == 302 and response["Location"] == url("detail", case)
    assert case.team == world.team and case.household.postcode == "9999XX"
    assert list(case.assignments.values_list("user_id", flat=True)) == [world.worker.pk]
    row = last_row("case.created")
    assert (row.outcome, row.case_id, row.user_id) == (Outcome.SUCCESS, case.pk, world.worker.pk)


def test_opening_a_case_without_household_name_keeps_the_input(world, worker):
    before = Case.objects.count()
    response = worker.post(reverse("cases:new"), {"household_name": "", "street": "Proefstraat", "postcode": "12"})
    assert response.status_code == 400
    assert "Vul ‘Naam huishouden’ in." in text(response)  # the message names the field
    assert "Vul een postcode in als 1234 AB." in text(response)
    assert 'value="Proefstraat"' in text(response)
    assert Case.objects.count() == before


def test_summary_is_saved_and_logged(world, worker):
    response = worker.post(url("summary", world.case), {"summary": "Nieuwe fictieve aanleiding", "version": 1})
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.summary == "Nieuwe fictieve aanleiding" and world.case.version == 2
    row = last_row("case.updated")
    assert (row.outcome, row.case_id, row.auth_rule) == (Outcome.SUCCESS, world.case.pk, "assigned")


def test_too_long_summary_is_refused_in_dutch_and_kept(world, worker):
    typed = "Fictief " * 1300
    response = worker.post(url("summary", world.case), {"summary": typed, "version": 1})
    assert response.status_code == 400
    assert "niet meer dan 10000 tekens" in text(response)
    assert typed.strip() in text(response)
    world.case.refresh_from_db()
    assert world.case.summary == "Fictieve aanleiding"
    assert not AccessLogEntry.objects.filter(event="case.updated").exists()


def test_close_with_other_needs_an_explanation_then_reopen(world, worker):
    refused = worker.post(url("close", world.case), {"reason": "other", "note": "  ", "version": 1})
    assert refused.status_code == 400
    assert "Licht de reden" in text(refused)
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.OPEN

    closed = worker.post(url("close", world.case), {"reason": "other", "note": "Fictief: verhuisd", "version": 1})
    assert closed.status_code == 302
    world.case.refresh_from_db()
    assert (world.case.status, world.case.close_reason) == ("closed", "other")
    assert world.case.close_note == "Fictief: verhuisd"
    assert last_row("case.closed").case_id == world.case.pk

    reopened = worker.post(url("reopen", world.case), {"version": world.case.version})
    assert reopened.status_code == 302
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.OPEN and world.case.close_reason == ""
    assert last_row("case.reopened").outcome == Outcome.SUCCESS


def test_close_with_a_listed_reason_needs_no_explanation(world, worker):
    assert worker.post(url("close", world.case), {"reason": "safety_reached", "version": 1}).status_code == 302
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.CLOSED and world.case.closed_at is not None


def test_close_with_an_unknown_reason_is_refused(world, worker):
    response = worker.post(url("close", world.case), {"reason": "verzonnen", "version": 1})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in text(response)


def test_a_closed_case_refuses_notes(world, worker):
    services.case_close(actor=Actor.system(world.worker), access=world.access, expected_version=1,
                        reason="safety_reached")
    response = worker.post(url("note_add", world.case), {
        "kind": "note", "statement_kind": "observation", "occurred_at": "2024-05-01T10:00", "body": "Fictief"})
    assert response.status_code == 400
    assert "Deze casus is gesloten" in text(response)
    assert not Note.objects.exists()


# ---- assignment --------------------------------------------------------------------------------------

def test_coordinator_assigns_a_duo(world, as_user):
    response = as_user(world.coordinator).post(url("assign", world.case),
                                               {"workers": [world.worker.pk, world.duo_partner.pk]})
    assert response.status_code == 302
    active = set(world.case.assignments.filter(ended_at__isnull=True).values_list("user_id", flat=True))
    assert active == {world.worker.pk, world.duo_partner.pk}
    assert last_row("case.assigned").user_id == world.coordinator.pk
    assert as_user(world.duo_partner).get(url("detail", world.case)).status_code == 200


def test_more_than_two_workers_are_refused(world, as_user):
    response = as_user(world.coordinator).post(url("assign", world.case), {
        "workers": [world.worker.pk, world.duo_partner.pk, world.colleague.pk]})
    assert response.status_code == 400
    assert "Wijs één of twee medewerkers toe" in text(response)
    active = world.case.assignments.filter(ended_at__isnull=True).values_list("user_id", flat=True)
    assert list(active) == [world.worker.pk]


def test_a_worker_of_another_team_cannot_be_assigned(world, as_user):
    response = as_user(world.coordinator).post(url("assign", world.case), {"workers": [world.outsider.pk]})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in text(response)
    assert not Assignment.objects.filter(user=world.outsider).exists()


def test_reassigning_ends_the_earlier_assignment(world, as_user):
    as_user(world.coordinator).post(url("assign", world.case), {"workers": [world.colleague.pk]})
    assert as_user(world.worker).get(url("detail", world.case)).status_code == 404
    assert Assignment.objects.get(user=world.worker).ended_at is not None


# ---- persons and relations -----------------------------------------------------------------------------

def test_add_a_person_with_two_roles(world, worker):
    response = worker.post(url("person_add", world.case), {
        "first_name": "Bas", "last_name": "Testerink", "birth_date": "1985-03-04", "gender": "m",
        "roles": ["suspected_perpetrator", "informal_carer"]})
    assert response.status_code == 302
    person = Person.objects.get(first_name="Bas")
    assert set(Participant.objects.filter(person=person).values_list("role", flat=True)) == {
        "suspected_perpetrator", "informal_carer"}
    assert last_row("person.added").case_id == world.case.pk
    assert "Bas Testerink" in text(worker.get(url("detail", world.case)))


@pytest.mark.parametrize("data, message", [
    ({"first_name": "Bas", "last_name": "Testerink", "gender": "m"}, "Maak een keuze bij ‘Rol in de casus’."),
    ({"first_name": "Bas", "last_name": "Testerink", "gender": "m", "roles": ["victim"], "bsn": "123456789"},
     "elfproef"),
    ({"first_name": "Bas", "last_name": "Testerink", "gender": "m", "roles": ["victim"], "birth_date": "31-31-2020"},
     "Voer een geldige datum in."),
    ({"first_name": "Bas", "last_name": "Testerink", "gender": "m", "roles": ["victim"],
      "birth_date": (timezone.localdate() + timedelta(days=3)).isoformat()}, "De geboortedatum ligt in de toekomst."),
])
def test_invalid_person_is_refused_and_kept(world, worker, data, message):
    response = worker.post(url("person_add", world.case), data)
    assert response.status_code == 400
    assert message in text(response)
    assert 'value="Testerink"' in text(response)
    assert not Person.objects.filter(first_name="Bas").exists()


def test_edit_a_person(family, worker):
    response = worker.post(url("person_edit", family.case, family.mother.pk), {
        "first_name": "Anna", "last_name": "Testerink-Proef", "gender": "f", "roles": ["victim", "witness"],
        "version": family.mother.version})
    assert response.status_code == 302
    family.mother.refresh_from_db()
    assert family.mother.last_name == "Testerink-Proef"
    assert set(family.mother.participations.values_list("role", flat=True)) == {"victim", "witness"}
    assert last_row("person.updated").case_id == family.case.pk


def test_a_person_of_another_household_is_not_found(family, worker, as_user):
    other = services.case_open(actor=Actor.system(family.outsider), household_name="Huishouden Elders")
    stranger = hh.person_add(actor=Actor.system(family.outsider), access=other, first_name="Eva", last_name="Elders",
                             roles=["victim"])
    assert worker.get(url("person_edit", family.case, stranger.pk)).status_code == 404


def test_add_a_relation_and_refuse_self_and_duplicate(family, worker):
    ok = worker.post(url("relation_add", family.case), {"person": family.mother.pk, "kind": "parent",
                                                        "other": family.child.pk})
    assert ok.status_code == 302
    assert Relation.objects.filter(person=family.mother, other=family.child, kind="parent").count() == 1
    assert last_row("relation.added").case_id == family.case.pk

    same = worker.post(url("relation_add", family.case), {"person": family.mother.pk, "kind": "partner",
                                                          "other": family.mother.pk})
    assert same.status_code == 400
    assert "Kies twee verschillende personen." in text(same)

    again = worker.post(url("relation_add", family.case), {"person": family.mother.pk, "kind": "parent",
                                                           "other": family.child.pk})
    assert again.status_code == 400
    assert "Deze relatie is al vastgelegd." in text(again)
    assert Relation.objects.count() == 1


# ---- notes, signals, timeline --------------------------------------------------------------------------

SIGNAL = {"kind": "signal", "statement_kind": "observation", "occurred_at": "2024-05-01T10:30",
          "place": "Schoolplein (fictief)", "observer": "Leerkracht (fictief)", "source": "Gesprek met school",
          "body": "Kind had blauwe plek op de arm (fictief)."}


def test_signal_is_recorded_with_its_context_and_shown_on_the_timeline(world, worker):
    response = worker.post(url("note_add", world.case), SIGNAL)
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.kind, note.statement_kind, note.place, note.observer, note.source) == (
        "signal", "observation", "Schoolplein (fictief)", "Leerkracht (fictief)", "Gesprek met school")
    row = last_row("signal.added")
    assert (row.outcome, row.case_id, row.section) == (Outcome.SUCCESS, world.case.pk, "notes")
    page = text(worker.get(url("detail", world.case)))
    assert "Kind had blauwe plek op de arm (fictief)." in page
    assert "Schoolplein (fictief)" in page and "waarneming (feit)" in page


@pytest.mark.parametrize("change, message", [
    ({"statement_kind": ""}, "Kies een antwoord op de vraag ‘Is dit een waarneming, een mening of een hypothese?’"),
    ({"occurred_at": "gisteren"}, "Voer een geldige datum/tijd in."),
    ({"occurred_at": (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
     "Het tijdstip ligt in de toekomst."),
    ({"body": "   "}, "Beantwoord de vraag ‘Wat is er gezien, gehoord of gezegd?’"),
])
def test_invalid_signal_is_refused_and_kept(world, worker, change, message):
    response = worker.post(url("note_add", world.case), SIGNAL | change)
    assert response.status_code == 400
    assert message in text(response)
    assert "Leerkracht (fictief)" in text(response)
    assert not Note.objects.exists()


def test_edit_a_note(world, worker):
    note = services.note_add(actor=Actor.system(world.worker), access=world.access, kind="note",
                             statement_kind="hypothesis", occurred_at=timezone.now(), body="Eerste versie")
    response = worker.post(url("note_edit", world.case, note.pk), {
        "statement_kind": "opinion", "body": "Gecorrigeerde versie", "place": "", "observer": "", "source": "",
        "version": note.version})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.body, note.statement_kind, note.version) == ("Gecorrigeerde versie", "opinion", 2)
    assert last_row("note.updated").case_id == world.case.pk


def test_a_note_of_another_case_is_not_found(world, worker):
    other = services.case_open(actor=Actor.system(world.outsider), household_name="Huishouden Elders")
    note = services.note_add(actor=Actor.system(world.outsider), access=other, kind="note",
                             statement_kind="observation", occurred_at=timezone.now(), body="Elders")
    assert worker.get(url("note_edit", world.case, note.pk)).status_code == 404


# ---- violence forms, consultation, emergency access ------------------------------------------------------

def test_violence_forms_with_natures(world, worker):
    response = worker.post(url("violence_forms", world.case), {
        "form_child_abuse": "on", "natures_child_abuse": ["physical", "neglect"], "form_partner_violence": "on"})
    assert response.status_code == 302
    saved = {vf.form: vf.natures for vf in CaseViolenceForm.objects.filter(case=world.case)}
    assert saved == {"child_abuse": ["neglect", "physical"], "partner_violence": []}
    assert last_row("case.violence_forms_changed").case_id == world.case.pk
    assert worker.post(url("violence_forms", world.case), {"natures_fgm": ["verzonnen"]}).status_code == 400


def test_consulting_the_specialist_grants_read_access(world, worker, as_user):
    specialist = as_user(world.specialist)
    assert specialist.get(url("detail", world.case)).status_code == 404
    response = worker.post(url("consult", world.case), {"specialist": world.specialist.pk, "question": "Fictief"})
    assert response.status_code == 302
    assert Consultation.objects.filter(case=world.case, specialist=world.specialist).exists()
    assert last_row("case.specialist_consulted").case_id == world.case.pk
    page = specialist.get(url("detail", world.case))
    assert page.status_code == 200 and "U kunt deze casus inzien maar niet wijzigen." in text(page)
    assert last_row("case.viewed").auth_rule == "consulted"


def test_only_a_specialist_of_the_team_can_be_consulted(world, worker):
    response = worker.post(url("consult", world.case), {"specialist": world.colleague.pk})
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_emergency_access_is_flagged_for_the_coordinator_and_in_the_log(world, as_user):
    colleague = as_user(world.colleague)
    response = colleague.post(url("emergency", world.case), {"reason": "Fictief: cliënte belt in paniek."})
    assert response.status_code == 302
    grant = last_row("case.emergency_access")
    assert (grant.is_emergency, grant.case_id, grant.user_id) == (True, world.case.pk, world.colleague.pk)
    page = colleague.get(url("detail", world.case))
    assert "U werkt met noodtoegang" in text(page)
    assert last_row("case.viewed").is_emergency is True
    colleague.post(url("note_add", world.case), SIGNAL)
    assert last_row("signal.added").is_emergency is True

    coordinator = as_user(world.coordinator)
    review = coordinator.get(reverse("cases:emergency_review_list"))
    assert "Fictief: cliënte belt in paniek." in text(review)
    item = EmergencyAccess.objects.get()
    assert coordinator.post(reverse("cases:emergency_review", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.reviewed_by == world.coordinator
    assert last_row("case.emergency_reviewed").case_id == world.case.pk


def test_emergency_access_needs_a_reason(world, as_user):
    response = as_user(world.colleague).post(url("emergency", world.case), {"reason": "kort"})
    assert response.status_code == 400
    assert "ten minste 10 tekens" in text(response)
    assert not EmergencyAccess.objects.exists()


# ---- search on the case list -------------------------------------------------------------------------

@pytest.fixture
def two_cases(world):
    services.violence_forms_set(actor=Actor.system(world.worker), access=world.access,
                                forms={"partner_violence": ["physical"]})
    other = services.case_open(actor=Actor.system(world.worker), household_name="Huishouden Proefmans")
    hh.person_add(actor=Actor.system(world.worker), access=other, first_name="Zoë", last_name="Nepveld",
                  roles=["victim"])
    services.case_close(actor=Actor.system(world.worker), access=other, expected_version=1, reason="safety_reached")
    world.other = other.case
    return world


@pytest.mark.parametrize("query, found", [
    ({"q": "Testerink"}, ["Huishouden Testerink"]),
    ({"q": "nepveld"}, ["Huishouden Proefmans"]),
    ({"status": "closed"}, ["Huishouden Proefmans"]),
    ({"status": "open"}, ["Huishouden Testerink"]),
    ({"form": "partner_violence"}, ["Huishouden Testerink"]),
    ({}, ["Huishouden Testerink", "Huishouden Proefmans"]),
])
def test_search_finds_by_name_status_and_form(two_cases, worker, query, found):
    page = text(worker.post(reverse("cases:list"), query))
    assert [name for name in ("Huishouden Testerink", "Huishouden Proefmans") if name in page] == found


def test_search_by_reference(two_cases, worker):
    page = text(worker.post(reverse("cases:list"), {"q": two_cases.other.reference}))
    assert "Huishouden Proefmans" in page and "Huishouden Testerink" not in page


def test_search_writes_one_row_with_only_a_hash(two_cases, worker):
    before = AccessLogEntry.objects.count()
    worker.post(reverse("cases:list"), {"q": "Nepveld"})
    rows = list(AccessLogEntry.objects.order_by("id")[before:])
    assert [row.event for row in rows] == ["case.searched"]
    assert len(rows[0].query_hash) == 64
    for row in AccessLogEntry.objects.all():
        assert all("nepveld" not in str(value).lower() for value in row.__dict__.values())


def test_invalid_search_is_a_400_not_a_500(two_cases, worker):
    response = worker.post(reverse("cases:list"), {"status": "verzonnen", "q": "x" * 101})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in text(response)


# ---- bounded query counts ------------------------------------------------------------------------------

def _many_cases(world, n: int) -> None:
    actor = Actor.system(world.worker)
    for i in range(n - 1):
        access = services.case_open(actor=actor, household_name=f"Huishouden Proef {i}", buurt=world.buurt)
        services.violence_forms_set(actor=actor, access=access, forms={"child_abuse": ["neglect"]})
        services.case_assign(actor=Actor.system(world.coordinator), access=access_for(access.case, "team"),
                             user_ids=[world.worker.pk, world.duo_partner.pk])


def _rich_case(world, n: int) -> None:
    actor = Actor.system(world.worker)
    persons = [hh.person_add(actor=actor, access=world.access, first_name=f"Proef{i}", last_name="Testerink",
                             roles=["child", "witness"]) for i in range(n)]
    for i in range(n):
        services.note_add(actor=actor, access=world.access, kind="signal", statement_kind="observation",
                          occurred_at=timezone.now() - timedelta(hours=i), body=f"Fictief signaal {i}",
                          place="Thuis", observer="Buurvrouw")
    for first, second in itertools.pairwise(persons):
        hh.relation_add(actor=actor, access=world.access, person_id=first.pk, other_id=second.pk, kind="sibling")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# The real guard is the next test (no growth). detail +7: AVE phase and stagnation signals (incl. missed monitoring),
# +1: kindcheck prompt; caseload +2: monitoring and returning-violence lines; caseload 42: the werkvoorraad of
# issue 11 (every kind of line, a fixed number each, see tests/test_worklist.py). +1 on every page on PostgreSQL:
# the request's row-level-security scope (accounts.db_scope, one statement).
MAX_QUERIES = {"caseload": 43, "list": 21, "detail": 33}


@pytest.mark.parametrize("n", [2, 30])
def test_case_lists_use_a_bounded_number_of_queries(world, worker, django_assert_max_num_queries, n):
    _many_cases(world, n)
    assert Case.objects.count() == n
    with django_assert_max_num_queries(MAX_QUERIES["caseload"]):
        page = worker.get(reverse("cases:caseload"))
    assert text(page).count("/casussen/") >= n
    with django_assert_max_num_queries(MAX_QUERIES["list"]):
        worker.post(reverse("cases:list"), {"q": "Huishouden"})


@pytest.mark.parametrize("n", [2, 30])
def test_case_detail_uses_a_bounded_number_of_queries(world, worker, django_assert_max_num_queries, n):
    _rich_case(world, n)
    with django_assert_max_num_queries(MAX_QUERIES["detail"]):
        page = worker.get(url("detail", world.case))
    assert text(page).count("Fictief signaal") == n


def test_query_count_does_not_grow_with_the_data(world, worker):
    pages = {"caseload": reverse("cases:caseload"), "list": reverse("cases:list"), "detail": url("detail", world.case)}
    _many_cases(world, 2)
    _rich_case(world, 2)
    worker.get(pages["caseload"])  # the first view after login renews the session (once a minute, not per view)
    small = {name: _queries(worker, path) for name, path in pages.items()}
    _many_cases(world, 12)
    _rich_case(world, 12)
    large = {name: _queries(worker, path) for name, path in pages.items()}
    assert large == small


def _timeline_event_codes() -> set[str]:
    """Every event code a service writes to a case's timeline (read from the service modules)."""
    import re
    from pathlib import Path

    codes = set()
    for path in Path("wijkveilig").glob("*/*services.py"):
        source = path.read_text()
        for call in re.finditer(r"(?:_record|_timeline|TimelineEvent\.objects\.create)\((.*?)\)\n", source, re.S):
            codes |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', call.group(1)))
    return codes


def test_every_timeline_event_has_a_readable_label(world, worker):
    """A social worker reads "Veiligheidsplan vastgesteld", never a code like safety.plan_agreed."""
    from wijkveilig.cases.models import TimelineEvent

    codes = _timeline_event_codes()
    assert {"case.opened", "safety.plan_agreed", "collaboration.mda_started", "meldcode.reported"} <= codes
    TimelineEvent.objects.bulk_create(TimelineEvent(case=world.case, actor=world.worker, event=code, detail="Fictief")
                                      for code in codes)
    body = worker.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    shown_raw = sorted(code for code in codes if code in body)
    assert shown_raw == []
