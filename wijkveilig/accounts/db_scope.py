"""Row-level security's second line: each request tells PostgreSQL which municipalities it may touch.

The application filters by municipality through the access policy. The database enforces the same boundary on the
case-bearing tables (`cases_case`, `intake_concern`; migration `cases 0002_row_level_security`) for a connection
whose role is not the tables' owner and has no BYPASSRLS: rows outside `wijkveilig.municipalities` do not exist for
it. Production connects the application as such a role (README, "Row-level security"); migrations run as the owner.
"""


from django.db import connection

from wijkveilig.accounts import policy

SETTING = "wijkveilig.municipalities"
# The signed-in user, for the one policy that is about a person rather than a place: a concern stays visible to
# whoever submitted it, also when its address sent it to another municipality (intake 0004).
USER_SETTING = "wijkveilig.user"


def scope_connection(user) -> None:
    """Set this connection's municipalities for the request (none for an anonymous user): one query, PostgreSQL
    only. Every request sets it anew, so a pooled connection never keeps the previous user's set."""
    if connection.vendor != "postgresql":
        return
    lookup = policy.municipality_lookup(user)
    with connection.cursor() as cursor:
        if lookup is None:
            cursor.execute("SELECT set_config(%s, '', false), set_config(%s, '', false)", [SETTING, USER_SETTING])
            return
        # `sql` is Django's own compiled subquery; its values stay parameters.
        sql, params = lookup.query.sql_with_params()
        cursor.execute(f"SELECT set_config(%s, coalesce((SELECT string_agg(m::text, ',') FROM ({sql}) AS s(m)), ''),"  # noqa: S608
                       " false), set_config(%s, %s, false)", [SETTING, *params, USER_SETTING, str(user.pk)])


def sees_every_row(connection=connection) -> bool:
    """Whether this connection's role reads past row-level security (owner of the case-bearing tables, superuser or
    BYPASSRLS). Commands that must touch every row (key rotation) refuse otherwise: as the application's role,
    outside a request, no municipality is set and every case-bearing row is invisible, so they would skip them
    silently. SQLite has no row-level security."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("""SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(c.relowner, 'USAGE')
                          FROM pg_roles r, pg_class c
                          WHERE r.rolname = current_user AND c.oid = 'cases_case'::regclass""")
        return bool(cursor.fetchone()[0])


class MunicipalityScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope_connection(getattr(request, "user", None))
        return self.get_response(request)
