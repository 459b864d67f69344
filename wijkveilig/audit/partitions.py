"""The access log's monthly partitions on PostgreSQL (decision 0030).

The log is append-only and grows with the country; a month per partition keeps every filter an index range within
a few partitions, and lets the log be shed past its retention period by dropping whole months, which is the only way
rows ever leave it (`drop_expired_log_partitions`, audited). SQLite keeps one plain table: every function here is a
no-op there, so development and the SQLite test run behave as before.

The append-only rule lives in one trigger function. Its row trigger is defined on the partitioned table, which
PostgreSQL copies onto every partition, present and future; TRUNCATE triggers are statement triggers, which are not
copied, so every partition gets its own (`create_month_partition`).
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection as default_connection

TABLE = "audit_accesslogentry"
DEFAULT_PARTITION = f"{TABLE}_default"
_MONTH_NAME = re.compile(rf"^{TABLE}_y(\d{{4}})m(\d{{2}})$")

APPEND_ONLY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'access log is append-only'; END; $$ LANGUAGE plpgsql"""

# SQLite: the same rule, as 0002 has it (the table is remade by some schema changes, which drops its triggers).
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END""",
]


def is_partitioned(connection=default_connection) -> bool:
    return connection.vendor == "postgresql"


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def partition_name(month: date) -> str:
    return f"{TABLE}_y{month.year:04d}m{month.month:02d}"


def _utc(month: date) -> str:
    return datetime(month.year, month.month, 1, tzinfo=UTC).isoformat()


def _truncate_trigger(cursor, table: str) -> None:
    cursor.execute(f"CREATE OR REPLACE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_append_only()")


def guard_partition(cursor, table: str) -> None:
    """What every partition carries besides the rows: the TRUNCATE guard, and row-level security with no policy of
    its own, so that a role which is not the owner reads a month only through the log table's own municipality
    policy (`audit 0006`), never straight from the partition. Idempotent."""
    _truncate_trigger(cursor, table)
    cursor.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def create_month_partition(cursor, month: date) -> bool:
    """Create the partition for one calendar month (UTC) with its TRUNCATE guard; False if it was there already.

    Fails (the database refuses) when the default partition already holds rows of that month: they would belong to
    the new partition. `ensure_log_partitions` runs months ahead so that this does not happen."""
    name = partition_name(month)
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    if cursor.fetchone()[0]:
        return False
    cursor.execute(f"CREATE TABLE {name} PARTITION OF {TABLE} "
                   f"FOR VALUES FROM ('{_utc(month)}') TO ('{_utc(add_months(month, 1))}')")
    guard_partition(cursor, name)
    return True


def attach_month_partition(cursor, table: str, month: date) -> None:
    """Attach a filled table with the log's columns as the partition of `month`: PostgreSQL builds the log's indexes
    on it in one sorted pass and checks every row's month. The benchmark's builder loads months this way."""
    cursor.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {table} "
                   f"FOR VALUES FROM ('{_utc(month)}') TO ('{_utc(add_months(month, 1))}')")
    guard_partition(cursor, table)


@dataclass(frozen=True)
class Partition:
    name: str
    month: date | None  # None: the default partition, which holds rows outside every month made so far
    rows_estimate: int


def list_partitions(connection=default_connection) -> list[Partition]:
    """The log's partitions, oldest month first, the default partition last."""
    if not is_partitioned(connection):
        return []
    with connection.cursor() as cursor:
        cursor.execute("""SELECT c.relname, c.reltuples::bigint FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                          WHERE i.inhparent = %s::regclass ORDER BY c.relname""", [TABLE])
        found = cursor.fetchall()
    months, default = [], []
    for name, estimate in found:
        match = _MONTH_NAME.match(name)
        if match:
            months.append(Partition(name, date(int(match[1]), int(match[2]), 1), max(estimate, 0)))
        else:
            default.append(Partition(name, None, max(estimate, 0)))
    return months + default


def install_append_only(cursor) -> None:
    """The append-only guard on the partitioned table and on every partition (idempotent)."""
    cursor.execute(APPEND_ONLY_FUNCTION)
    cursor.execute(f"CREATE OR REPLACE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
                   f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()")
    _truncate_trigger(cursor, TABLE)
    cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "WHERE i.inhparent = %s::regclass", [TABLE])
    for (name,) in cursor.fetchall():
        _truncate_trigger(cursor, name)


def remove_append_only(cursor) -> None:
    """Lift the guard everywhere (tests' end-of-test flush only: see `flushable_access_log` in tests/conftest.py)."""
    cursor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_append_only() CASCADE")


def lift_append_only(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            remove_append_only(cursor)
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_delete")


def restore_append_only(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            install_append_only(cursor)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement)


MONTHS_AHEAD = 3


@dataclass(frozen=True)
class EnsureResult:
    created: list[str]
    default_has_rows: bool  # rows outside every month partition: a clock far off, or months not made in time


def ensure_log_partitions(*, today: date | None = None, months_ahead: int = MONTHS_AHEAD,
                          connection=default_connection) -> EnsureResult:
    """Make the partitions of this month and `months_ahead` months after it (idempotent; run daily)."""
    if not is_partitioned(connection):
        return EnsureResult([], False)
    month = month_start(today or datetime.now(UTC).date())
    created = []
    with connection.cursor() as cursor:
        for step in range(months_ahead + 1):
            target = add_months(month, step)
            if create_month_partition(cursor, target):
                created.append(partition_name(target))
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT_PARTITION})")  # noqa: S608 - table name is a constant
        default_has_rows = cursor.fetchone()[0]
    return EnsureResult(created, default_has_rows)


def droppable(month: date, *, today: date, retention_months: int) -> bool:
    """Whether every row of `month` is older than the retention period (pure; table-driven tests)."""
    return add_months(month, retention_months + 1) <= month_start(today)


def expired_partitions(*, today: date, retention_months: int, connection=default_connection) -> list[Partition]:
    return [p for p in list_partitions(connection)
            if p.month is not None and droppable(p.month, today=today, retention_months=retention_months)]
