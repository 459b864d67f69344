"""The access log (NEN 7513): append-only down to the database, fail closed, complete rows, the log officer's view."""

import html
import re
from datetime import UTC, datetime, timedelta
from unittest import mock
from urllib.parse import parse_qsl

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkveilig.audit.models import AccessLogEntry, AppendOnlyError, Outcome
from wijkveilig.audit.services import Action, Actor, access_log_write

LOG = reverse("audit:log")


def detail(case):
    return reverse("cases:detail", args=[case.pk])


# --- append-only ------------------------------------------------------------------------------------------------


@pytest.fixture
def row(world):
    return AccessLogEntry.objects.filter(case_id=world.case.pk).earliest("id")


def test_a_row_cannot_be_changed_through_the_model(row):
    row.event = "case.nothing_happened"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    assert AccessLogEntry.objects.get(pk=row.pk).event == "case.created"


def test_rows_cannot_be_changed_through_the_queryset(row):
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).update(event="case.nothing_happened")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AccessLogEntry.objects.bulk_update([row], ["event"])
    assert AccessLogEntry.objects.filter(pk=row.pk, event="case.created").exists()


@pytest.mark.parametrize("statement", [
    "UPDATE audit_accesslogentry SET event = 'case.nothing_happened' WHERE id = %s",
    "DELETE FROM audit_accesslogentry WHERE id = %s",
])
def test_the_database_refuses_update_and_delete(row, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [row.pk])
    assert AccessLogEntry.objects.filter(pk=row.pk, event="case.created").exists()


def test_the_database_refuses_a_bulk_delete_of_the_whole_log(row):
    count = AccessLogEntry.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")
    assert AccessLogEntry.objects.count() == count


def test_rows_can_still_be_appended(world):
    before = AccessLogEntry.objects.count()
    access_log_write(actor=Actor.system(world.worker), event="case.viewed", action=Action.READ, case=world.case)
    assert AccessLogEntry.objects.count() == before + 1


# --- fail closed ------------------------------------------------------------------------------------------------


def test_no_case_data_when_the_log_cannot_be_written(world, as_user):
    client = as_user(world.worker)
    before = AccessLogEntry.objects.count()
    with mock.patch.object(AccessLogEntry.objects, "create", side_effect=DatabaseError("disk full")):
        response = client.get(detail(world.case))
    assert response.status_code == 503
    body = response.content.decode()
    assert "Huishouden Testerink" not in body
    assert "Fictieve aanleiding" not in body
    assert world.case.reference not in body
    assert "logboek" in body
    assert AccessLogEntry.objects.count() == before


def test_no_case_list_when_the_log_cannot_be_written(world, as_user):
    client = as_user(world.worker)
    with mock.patch.object(AccessLogEntry.objects, "create", side_effect=DatabaseError("disk full")):
        response = client.post(reverse("cases:list"), {"q": "Testerink"})
    assert response.status_code == 503
    assert "Huishouden Testerink" not in response.content.decode()


def test_no_write_when_the_log_cannot_be_written(world, as_user):
    client = as_user(world.worker)
    with mock.patch.object(AccessLogEntry.objects, "create", side_effect=DatabaseError("disk full")):
        response = client.post(reverse("cases:note_add", args=[world.case.pk]), {
            "kind": "note", "statement_kind": "observation", "occurred_at": "2024-01-01T10:00", "body": "Fictief"})
    assert response.status_code == 503
    assert not world.case.notes.exists()


# --- what a row holds -------------------------------------------------------------------------------------------


def test_a_case_view_row_has_the_nen_7513_fields(world, as_user):
    response = as_user(world.worker).get(detail(world.case), REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 200
    row = AccessLogEntry.objects.latest("id")
    assert row.event == "case.viewed"
    assert row.action == Action.READ
    assert row.outcome == Outcome.SUCCESS
    assert row.at.utcoffset() == timedelta(0)
    assert abs(row.at - datetime.now(UTC)) < timedelta(minutes=1)
    assert (row.case_id, row.case_reference) == (world.case.pk, world.case.reference)
    assert (row.user_id, row.username, row.role) == (world.worker.pk, "t_worker", "worker")
    assert row.organisation == "Testteam Noord"
    assert row.on_behalf_of == "t_worker"
    assert row.request_id == response["X-Request-ID"]
    assert len(row.request_id) == 32
    assert row.ip_address == "192.0.2.10"
    assert row.is_emergency is False
    assert row.auth_rule == "assigned"


def test_every_request_gets_its_own_request_id(world, as_user):
    client = as_user(world.worker)
    first, second = client.get(detail(world.case)), client.get(detail(world.case))
    assert first["X-Request-ID"] != second["X-Request-ID"]
    ids = list(AccessLogEntry.objects.filter(event="case.viewed").values_list("request_id", flat=True))
    assert {first["X-Request-ID"], second["X-Request-ID"]} <= set(ids)


def test_a_refused_attempt_is_logged_as_denied(world, as_user):
    response = as_user(world.outsider).get(detail(world.case))
    assert response.status_code == 404
    row = AccessLogEntry.objects.latest("id")
    assert (row.event, row.outcome, row.case_id, row.user_id) == (
        "case.access_denied", Outcome.DENIED, world.case.pk, world.outsider.pk)
    assert row.organisation == "Testteam Zuid"


def test_emergency_access_is_flagged_on_the_row(world, as_user):
    client = as_user(world.colleague)
    client.post(reverse("cases:emergency", args=[world.case.pk]), {"reason": "Cliënte belt, collega is fictief ziek."})
    response = client.get(detail(world.case))
    assert response.status_code == 200
    row = AccessLogEntry.objects.latest("id")
    assert (row.event, row.is_emergency, row.auth_rule) == ("case.viewed", True, "emergency")


# --- the log officer's view -------------------------------------------------------------------------------------


@pytest.fixture
def history(world, as_user):
    """Some traffic: the worker views, the outsider is refused, a colleague uses the noodknop."""
    as_user(world.worker).get(detail(world.case))
    as_user(world.outsider).get(detail(world.case))
    colleague = as_user(world.colleague)
    colleague.post(reverse("cases:emergency", args=[world.case.pk]),
                   {"reason": "Cliënte belt, collega is fictief ziek."})
    colleague.get(detail(world.case))
    return world


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", [
    "worker", "duo_partner", "specialist", "coordinator", "outsider", "vt_liaison", "policy_officer", "admin",
])
def test_only_the_log_officer_sees_the_log(world, as_user, persona):
    response = as_user(getattr(world, persona)).get(LOG)
    assert response.status_code == 403
    assert world.case.reference not in response.content.decode()
    assert not AccessLogEntry.objects.filter(event="access_log.viewed").exists()


def test_log_officer_sees_every_row_and_the_view_is_logged(history, as_user):
    response = as_user(history.log_officer).get(LOG)
    body = listed(response)
    assert history.case.reference in body
    for username in ("t_worker", "t_outsider", "t_colleague"):
        assert username in body
    row = AccessLogEntry.objects.latest("id")
    assert (row.event, row.user_id, row.role) == ("access_log.viewed", history.log_officer.pk, "log_officer")
    assert row.request_id == response["X-Request-ID"]


def test_the_log_is_read_only_for_the_log_officer(world, as_user):
    assert as_user(world.log_officer).post(LOG, {}).status_code == 405


def rows_on_page(response) -> list[AccessLogEntry]:
    return list(response.context["page"].object_list)


def test_filter_per_case_includes_refused_attempts(history, as_user):
    other = AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome=Outcome.SUCCESS,
                                          case_id=history.case.pk + 1000, case_reference="WV-2000-99999")
    client = as_user(history.log_officer)
    for value in (history.case.reference, str(history.case.pk)):
        rows = rows_on_page(client.get(LOG, {"case_reference": value}))
        assert rows and all(r.case_id == history.case.pk for r in rows)
        assert other not in rows
        assert any(r.event == "case.access_denied" and r.username == "t_outsider" for r in rows)


def test_filter_per_user(history, as_user):
    rows = rows_on_page(as_user(history.log_officer).get(LOG, {"username": "t_outsider"}))
    assert rows and {r.username for r in rows} == {"t_outsider"}


def test_filter_by_outcome(history, as_user):
    rows = rows_on_page(as_user(history.log_officer).get(LOG, {"outcome": Outcome.DENIED}))
    assert rows and {r.outcome for r in rows} == {Outcome.DENIED}
    assert any(r.username == "t_outsider" for r in rows)


def test_filter_emergency_only(history, as_user):
    rows = rows_on_page(as_user(history.log_officer).get(LOG, {"emergency_only": "on"}))
    assert rows and all(r.is_emergency for r in rows)
    assert {r.username for r in rows} == {"t_colleague"}


def test_filter_by_date_range_in_dutch_calendar_days(world, as_user):
    def at(day, hour, minute=0):  # UTC; in March 2024 Amsterdam is UTC+1
        return AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome=Outcome.SUCCESS,
                                             case_id=world.case.pk, at=datetime(2024, 3, day, hour, minute, tzinfo=UTC))

    before, first, last, after = at(9, 22, 59), at(9, 23), at(11, 22, 59), at(11, 23)
    rows = rows_on_page(as_user(world.log_officer).get(LOG, {"date_from": "2024-03-10", "date_to": "2024-03-11"}))
    assert {r.pk for r in rows} == {first.pk, last.pk}
    assert before not in rows and after not in rows


def test_an_invalid_filter_is_a_clear_400(world, as_user):
    response = as_user(world.log_officer).get(LOG, {"date_from": "gisteren"})
    assert response.status_code == 400
    assert "geldige datum" in response.content.decode()


def test_rows_link_to_their_case_and_user_filters(history, as_user):
    body = listed(as_user(history.log_officer).get(LOG))
    assert f'href="?case_reference={history.case.reference}"' in body
    assert 'href="?username=t_outsider"' in body


def _older_link(response) -> dict:
    """The query of the page's "Oudere" link, as the browser would follow it."""
    found = re.search(r'rel="next" href="\?([^"]+)"', response.content.decode())
    return dict(parse_qsl(html.unescape(found[1]))) if found else {}


def test_pages_follow_each_other_keeping_the_filter_without_counting_the_log(world, as_user):
    AccessLogEntry.objects.bulk_create([
        AccessLogEntry(event="case.viewed", action=Action.READ, outcome=Outcome.SUCCESS, username="t_worker",
                       case_id=world.case.pk, at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=i % 100))
        for i in range(125)  # 125 rows over 100 minutes: 25 pairs share a timestamp, and the id decides
    ])
    expected = list(AccessLogEntry.objects.filter(username="t_worker").order_by("-at", "-id").values_list("pk",
                                                                                                          flat=True))
    client = as_user(world.log_officer)
    seen, query, pages = [], {"username": "t_worker"}, []
    while query:
        with CaptureQueriesContext(connection) as executed:
            response = client.get(LOG, query)
        assert not [q for q in executed.captured_queries if "COUNT(" in q["sql"].upper()]
        assert response.status_code == 200
        pages.append(response)
        seen += [r.pk for r in rows_on_page(response)]
        query = _older_link(response)
        assert not query or query["username"] == "t_worker"
    assert seen == expected  # every row once, newest first, across three pages
    assert len(pages) == 3
    back = client.get(LOG, {"username": "t_worker", "voor": pages[2].context["page"].newer_cursor})
    assert [r.pk for r in rows_on_page(back)] == [r.pk for r in rows_on_page(pages[1])]


@pytest.mark.parametrize("cursor", [
    "niet-een-cursor", "t1_i", "t99999999999999999999_i1", "i1_t1", "t1_i1_i2", "x1_i2"])
def test_a_malformed_cursor_shows_the_first_page(world, as_user, cursor):
    response = as_user(world.log_officer).get(LOG, {"na": cursor, "voor": cursor})
    assert response.status_code == 200
    assert rows_on_page(response)


def test_the_log_page_costs_the_same_few_queries_whatever_the_log_holds(world, as_user,
                                                                         django_assert_max_num_queries):
    AccessLogEntry.objects.bulk_create([
        AccessLogEntry(event="case.viewed", action=Action.READ, outcome=Outcome.SUCCESS, username="t_worker",
                       case_id=world.case.pk, case_reference=world.case.reference,
                       at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=i)) for i in range(600)
    ])
    client = as_user(world.log_officer)
    for query in ({}, {"case_reference": world.case.reference}, {"username": "t_worker", "na": "t1704067500000000_i1"}):
        with django_assert_max_num_queries(12):
            assert client.get(LOG, query).status_code == 200


def test_users_without_a_team_are_logged_with_their_organisation(world):
    from wijkveilig.audit.services import Action, Actor, access_log_write

    row = access_log_write(actor=Actor.system(world.vt_liaison), event="vt_report.listed", action=Action.READ)
    assert row.organisation == "Veilig Thuis"
    row = access_log_write(actor=Actor.system(world.policy_officer), event="test.event", action=Action.READ)
    assert row.organisation == "Gemeente"
