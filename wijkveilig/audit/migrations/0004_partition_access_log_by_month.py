"""PostgreSQL: the access log becomes a table partitioned by month on `at` (decision 0030). SQLite keeps one table.

The rows move into the new table inside this migration's transaction; the primary key becomes (id, at) and the event
id is unique per (event_id, at), as a partitioned table requires; the indexes keep the names the model declares.
A default partition takes rows outside every month made so far (a clock far off, a test travelling in time), so a
log row is never refused for want of a partition. Months from the oldest row to three months ahead are made here;
`ensure_log_partitions` keeps making them ahead.

Not reversible on PostgreSQL: going back would mean copying a national log into one table again.
"""


from django.db import migrations
from django.utils import timezone

from wijkveilig.audit import partitions

TABLE = partitions.TABLE
OLD = f"{TABLE}_unpartitioned"
INDEXES = [
    f"CREATE INDEX audit_log_at_idx ON {TABLE} (at DESC, id DESC)",
    f"CREATE INDEX audit_log_case_idx ON {TABLE} (case_id, at DESC, id DESC)",
    f"CREATE INDEX audit_log_case_ref_idx ON {TABLE} (case_reference, at DESC, id DESC)",
    f"CREATE INDEX audit_log_user_idx ON {TABLE} (user_id, at DESC, id DESC)",
    f"CREATE INDEX audit_log_username_idx ON {TABLE} (username, at DESC, id DESC)",
]


def partition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        # 0003 remade the table, which dropped its triggers: put them back.
        partitions.restore_append_only(connection)
        return
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        partitions.remove_append_only(cursor)  # the old table's triggers go with the function
        cursor.execute(partitions.APPEND_ONLY_FUNCTION)
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
                       [OLD])
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {OLD} DROP CONSTRAINT "{name}"')
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [OLD])
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(f"ALTER TABLE {OLD} ALTER COLUMN id DROP IDENTITY IF EXISTS")

        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS) PARTITION BY RANGE (at)")
        cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, at)")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT audit_log_event_id_unique UNIQUE (event_id, at)")
        for statement in INDEXES:
            cursor.execute(statement)
        cursor.execute(f"CREATE TABLE {partitions.DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")

        cursor.execute(f"SELECT min(at), max(id) FROM {OLD}")
        oldest, last_id = cursor.fetchone()
        now = timezone.now().date()
        month = partitions.month_start(min(oldest.date(), now) if oldest else now)
        until = partitions.add_months(partitions.month_start(now), 3)
        while month <= until:
            partitions.create_month_partition(cursor, month)
            month = partitions.add_months(month, 1)

        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")
        cursor.execute(f"DROP TABLE {OLD}")
        if last_id:
            cursor.execute(f"SELECT setval('{TABLE}_id_seq', %s)", [last_id])
        partitions.install_append_only(cursor)


def refuse_reversal(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        raise RuntimeError("The partitioned access log is not put back into one table (see this migration).")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_log_officer_indexes")]
    operations = [migrations.RunPython(partition, refuse_reversal)]
