"""A PostgreSQL role as production's application connects (README, "Row-level security"): it owns no table, has no
BYPASSRLS, and may read and append the access log but not change it. Tests that prove what row-level security
keeps out switch to it for their rest."""

import os
from contextlib import contextmanager

import pytest
from django.db import connection


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row-level security is PostgreSQL's; SQLite installations hold one municipality")


def grants(role: str) -> list[str]:
    """The README's grants for the application's role: all rows of every table, the log read and append only."""
    return [f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"REVOKE UPDATE, DELETE ON audit_accesslogentry FROM {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"]


@contextmanager
def application_role(name: str):
    """Inside the block this connection runs as a fresh application role (rolled back with the test's
    transaction); the block's end returns to the owner."""
    role = f"wijkveilig_{name}_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN NOBYPASSRLS")
        for statement in grants(role):
            cursor.execute(statement)
        cursor.execute(f"SET ROLE {role}")
    try:
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
