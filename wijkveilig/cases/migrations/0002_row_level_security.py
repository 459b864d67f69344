"""PostgreSQL row-level security on the case-bearing tables: the municipality boundary as a second line.

A role that is neither the owner nor BYPASSRLS sees and writes only rows of the municipalities its request set in
`wijkveilig.municipalities` (`accounts.db_scope`); unset or empty, it sees none (fails closed). SQLite: nothing.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION wijkveilig_municipalities() RETURNS bigint[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_to_array(nullif(current_setting('wijkveilig.municipalities', true), ''), ',')::bigint[],
                    '{}'::bigint[])
$$;
"""
POLICIES = {
    "cases_case": "team_id IN (SELECT id FROM accounts_team WHERE municipality_id = ANY (wijkveilig_municipalities()))",
    "intake_concern": "municipality_id = ANY (wijkveilig_municipalities())",
}


def enable(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table, condition in POLICIES.items():
        schema_editor.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        schema_editor.execute(f"CREATE POLICY municipality_boundary ON {table} USING ({condition}) "
                              f"WITH CHECK ({condition})")


def disable(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in POLICIES:
        schema_editor.execute(f"DROP POLICY IF EXISTS municipality_boundary ON {table}")
        schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    schema_editor.execute("DROP FUNCTION IF EXISTS wijkveilig_municipalities()")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("intake", "0003_concern_municipality"),
    ]

    operations = [migrations.RunPython(enable, disable)]
