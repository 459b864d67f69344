"""PostgreSQL row-level security on concerns: the submitter keeps their concern when its address sends it to another
municipality (a referral). The application routes a concern by its address, so a coordinator of A may register a
concern that lands in B's queue; the municipality-only policy refused that insert (and the RETURNING of its id).
Now a concern is visible and writable for the request's municipalities, and for its own submitter
(`wijkveilig.user`, set per request by `accounts.db_scope`; unset, it matches nobody). SQLite: nothing.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION wijkveilig_user() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('wijkveilig.user', true), '')::bigint
$$;
"""
OLD = "municipality_id = ANY (wijkveilig_municipalities())"
NEW = f"{OLD} OR submitted_by_id = wijkveilig_user()"


def _policy(schema_editor, condition: str) -> None:
    schema_editor.execute("DROP POLICY IF EXISTS municipality_boundary ON intake_concern")
    schema_editor.execute(f"CREATE POLICY municipality_boundary ON intake_concern USING ({condition}) "
                          f"WITH CHECK ({condition})")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    _policy(schema_editor, NEW)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _policy(schema_editor, OLD)
    schema_editor.execute("DROP FUNCTION IF EXISTS wijkveilig_user()")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_concern_municipality"),
        ("cases", "0002_row_level_security"),
    ]

    operations = [migrations.RunPython(forward, backward)]
