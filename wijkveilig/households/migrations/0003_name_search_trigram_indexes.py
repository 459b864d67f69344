"""PostgreSQL: trigram indexes for the case search by name (issue 12; decision 0031). SQLite: nothing.

The search matches a household's or a person's name anywhere in the name, case-insensitively (`icontains`, which
PostgreSQL runs as UPPER(col::text) LIKE UPPER('%term%')). A B-tree cannot serve that; a trigram GIN index on the very
same expression can, so the search reads the few matching households instead of every name in the installation.
pg_trgm is a trusted extension: the database owner may create it (the migration does, if it is not there).
"""

from django.db import migrations

INDEXES = {
    "households_household_name_trgm": "households_household (UPPER(name::text) gin_trgm_ops)",
    "households_person_first_name_trgm": "households_person (UPPER(first_name::text) gin_trgm_ops)",
    "households_person_last_name_trgm": "households_person (UPPER(last_name::text) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, target in INDEXES.items():
        table, expression = target.split(" ", 1)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin {expression}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("households", "0002_relation_kind_friend")]
    operations = [migrations.RunPython(create, drop)]
