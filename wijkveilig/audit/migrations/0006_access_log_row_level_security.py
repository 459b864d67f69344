"""PostgreSQL row-level security on the access log: the municipality boundary as a second line (decision 0021).

A role that is neither the owner nor BYPASSRLS reads only the log rows of the municipalities its request set in
`wijkveilig.municipalities` (`accounts.db_scope`), plus the rows that belong to no municipality (sign-ins, lists),
as the log officer's application filter does (`audit.policy.log_scope`). Writing is never refused by the policy: a
log row that cannot be written would hide an access. There is no UPDATE or DELETE policy, so such a role can do
neither (the append-only triggers refuse them for every role). Each partition has row-level security switched on
with no policy of its own: read straight from a partition, a month shows nothing (`partitions.guard_partition`).
SQLite: nothing.
"""

from django.db import migrations

from wijkveilig.audit import partitions

TABLE = partitions.TABLE
READ = "municipality_id IS NULL OR municipality_id = ANY (wijkveilig_municipalities())"


def enable(apps, schema_editor):
    if not partitions.is_partitioned(schema_editor.connection):
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
        cursor.execute(f"CREATE POLICY municipality_read ON {TABLE} FOR SELECT USING ({READ})")
        cursor.execute(f"CREATE POLICY always_written ON {TABLE} FOR INSERT WITH CHECK (true)")
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = %s::regclass", [TABLE])
        for (name,) in cursor.fetchall():
            partitions.guard_partition(cursor, name)


def disable(apps, schema_editor):
    if not partitions.is_partitioned(schema_editor.connection):
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = %s::regclass", [TABLE])
        for (name,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY")
        cursor.execute(f"DROP POLICY IF EXISTS municipality_read ON {TABLE}")
        cursor.execute(f"DROP POLICY IF EXISTS always_written ON {TABLE}")
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE ROW LEVEL SECURITY")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_access_log_municipality"),
        ("cases", "0002_row_level_security"),  # wijkveilig_municipalities()
    ]

    operations = [migrations.RunPython(enable, disable)]
