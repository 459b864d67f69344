"""The access log partitioned by month on PostgreSQL (decision 0030): append-only on every partition, months made
ahead, months dropped only past retention, by an administrator, and recorded in the log."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from wijkveilig.audit import partitions
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Action, Actor, WithinRetention, access_log_drop_month, access_log_write

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitioning is PostgreSQL only; "
                                   "scripts/test.sh runs the suite on PostgreSQL too")


# --- pure rules -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("month", "today", "retention", "expected"), [
    (date(2026, 11, 1), date(2031, 12, 1), 60, True),    # its last day is five years and a day ago
    (date(2026, 11, 1), date(2031, 11, 30), 60, False),  # its last day is not yet five years ago
    (date(2026, 12, 1), date(2031, 12, 15), 60, False),
    (date(2020, 1, 1), date(2031, 12, 15), 60, True),
    (date(2026, 11, 1), date(2026, 12, 1), 0, True),     # retention 0: a past month may go ...
    (date(2026, 12, 1), date(2026, 12, 31), 0, False),   # ... never the current one
    (date(2026, 11, 1), date(2027, 1, 1), 1, True),
])
def test_a_month_may_be_dropped_only_when_all_its_rows_are_past_retention(month, today, retention, expected):
    assert partitions.droppable(month, today=today, retention_months=retention) is expected


@pytest.mark.parametrize(("month", "count", "expected"), [
    (date(2026, 11, 1), 1, date(2026, 12, 1)),
    (date(2026, 11, 1), 2, date(2027, 1, 1)),
    (date(2026, 1, 1), -1, date(2025, 12, 1)),
    (date(2026, 12, 1), 13, date(2028, 1, 1)),
])
def test_add_months(month, count, expected):
    assert partitions.add_months(month, count) == expected


# --- on PostgreSQL ----------------------------------------------------------------------------------------------

def _relkind(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = %s", [name])
        found = cursor.fetchone()
    return found[0] if found else None


def _partition_of(entry_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_accesslogentry WHERE id = %s", [entry_id])
        return cursor.fetchone()[0]


@postgres_only
@pytest.mark.django_db
def test_the_log_is_partitioned_by_month_and_a_row_lands_in_its_month():
    assert _relkind("audit_accesslogentry") == "p"
    now = datetime.now(UTC).date()
    for step in range(partitions.MONTHS_AHEAD + 1):  # the migration made this month and the next ones
        assert _relkind(partitions.partition_name(partitions.add_months(partitions.month_start(now), step))) == "r"
    row = access_log_write(actor=Actor(user=None), event="case.viewed", action=Action.READ, case_id=7)
    assert _partition_of(row.pk) == partitions.partition_name(partitions.month_start(now))


@postgres_only
@pytest.mark.django_db
def test_a_row_outside_every_month_is_kept_in_the_default_partition():
    far = datetime(2090, 5, 17, 12, tzinfo=UTC)
    row = AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome="success", at=far)
    assert _partition_of(row.pk) == partitions.DEFAULT_PARTITION
    with pytest.raises(CommandError, match="outside every month"):
        call_command("ensure_log_partitions")


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("table", ["audit_accesslogentry", "month", partitions.DEFAULT_PARTITION])
@pytest.mark.parametrize("statement", ["UPDATE {} SET event = 'x'", "DELETE FROM {}", "TRUNCATE {}"])
def test_every_partition_refuses_update_delete_and_truncate(table, statement):
    access_log_write(actor=Actor(user=None), event="case.viewed", action=Action.READ, case_id=7)
    AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome="success",
                                  at=datetime(2090, 5, 17, tzinfo=UTC))
    if table == "month":
        table = partitions.partition_name(partitions.month_start(datetime.now(UTC).date()))
    before = AccessLogEntry.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table))
    assert AccessLogEntry.objects.count() == before


@postgres_only
@pytest.mark.django_db
def test_a_partition_made_later_refuses_changes_too():
    future = partitions.add_months(partitions.month_start(datetime.now(UTC).date()), 9)
    result = partitions.ensure_log_partitions(today=future, months_ahead=0)
    name = partitions.partition_name(future)
    assert result.created == [name]
    row = AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome="success",
                                        at=datetime(future.year, future.month, 3, tzinfo=UTC))
    assert _partition_of(row.pk) == name
    for statement in (f"DELETE FROM {name}", f"TRUNCATE {name}", f"UPDATE {name} SET event = 'x'"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessLogEntry.objects.filter(pk=row.pk, event="case.viewed").exists()


@postgres_only
@pytest.mark.django_db
def test_ensure_log_partitions_makes_months_ahead_and_is_idempotent(capsys):
    call_command("ensure_log_partitions", months_ahead=6)
    created = capsys.readouterr().out
    now = partitions.month_start(datetime.now(UTC).date())
    assert f"created {partitions.partition_name(partitions.add_months(now, 6))}" in created
    call_command("ensure_log_partitions", months_ahead=6)
    assert capsys.readouterr().out.strip() == "all partitions present"


@postgres_only
@pytest.mark.django_db
def test_the_task_makes_the_partitions(settings):
    from wijkveilig.audit.tasks import ensure_log_partitions_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert ensure_log_partitions_task.call() == {"created": [], "default_has_rows": False}


@pytest.fixture
def old_month(db):
    """A month seven years ago with two rows in its own partition."""
    month = partitions.add_months(partitions.month_start(datetime.now(UTC).date()), -84)
    with connection.cursor() as cursor:
        partitions.create_month_partition(cursor, month)
    for day in (2, 20):
        AccessLogEntry.objects.create(event="case.viewed", action=Action.READ, outcome="success", case_id=3,
                                      at=datetime(month.year, month.month, day, tzinfo=UTC))
    return month


@postgres_only
def test_an_administrator_drops_a_month_past_retention_and_the_log_records_it(old_month, world, capsys):
    call_command("drop_expired_log_partitions", by=world.admin.username)
    assert "would drop: " + f"{old_month:%Y-%m}" in capsys.readouterr().out
    assert _relkind(partitions.partition_name(old_month)) == "r"  # listing only, without --yes

    call_command("drop_expired_log_partitions", by=world.admin.username, yes=True)
    assert f"dropped {old_month:%Y-%m}: 2 rows" in capsys.readouterr().out
    assert _relkind(partitions.partition_name(old_month)) is None
    record = AccessLogEntry.objects.get(event="access_log.month_dropped")
    assert (record.username, record.action, record.section) == (world.admin.username, "D", f"{old_month:%Y-%m}:2")


@postgres_only
def test_a_month_within_retention_is_refused_and_nothing_is_dropped(world, settings):
    settings.ACCESS_LOG_RETENTION_MONTHS = 60
    recent = partitions.add_months(partitions.month_start(datetime.now(UTC).date()), -59)
    with connection.cursor() as cursor:
        partitions.create_month_partition(cursor, recent)
    before = AccessLogEntry.objects.count()
    with pytest.raises(CommandError, match="within the retention period"):
        call_command("drop_expired_log_partitions", by=world.admin.username, month=[recent], yes=True)
    with pytest.raises(WithinRetention):
        access_log_drop_month(actor=Actor(user=world.admin), month=recent)
    assert _relkind(partitions.partition_name(recent)) == "r"
    refusals = AccessLogEntry.objects.filter(event="access_log.month_drop_refused", auth_rule="within_retention")
    assert refusals.count() == 2 and AccessLogEntry.objects.count() == before + 2  # the attempts, nothing dropped
    assert {r.username for r in refusals} == {world.admin.username}


@postgres_only
def test_only_an_administrator_may_drop_a_month(old_month, world):
    for user in (world.log_officer, world.coordinator):
        with pytest.raises(CommandError, match="may not drop"):
            call_command("drop_expired_log_partitions", by=user.username, yes=True)
    assert _relkind(partitions.partition_name(old_month)) == "r"
    assert not AccessLogEntry.objects.filter(event="access_log.month_dropped").exists()
    refused = AccessLogEntry.objects.filter(event="access_log.month_drop_refused", outcome="denied")
    assert {r.username for r in refused} == {world.log_officer.username, world.coordinator.username}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps one table")
@pytest.mark.django_db
def test_sqlite_keeps_one_table_and_the_commands_say_so(capsys):
    call_command("ensure_log_partitions")
    assert "nothing to do" in capsys.readouterr().out
    with pytest.raises(CommandError, match="one table"):
        call_command("drop_expired_log_partitions", by="t_admin")


@pytest.mark.django_db
def test_the_command_can_hand_the_work_to_the_task_worker(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("ensure_log_partitions", enqueue=True)
    assert capsys.readouterr().out.startswith("enqueued task ")
