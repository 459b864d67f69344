"""The only writer of access-log rows."""

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial, wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from wijkveilig.accounts import policy as account_policy
from wijkveilig.audit import partitions
from wijkveilig.audit.models import AccessLogEntry, Action, Outcome
from wijkveilig.core.errors import AuditUnavailable


@dataclass(frozen=True)
class Actor:
    """Who acts, from where, within which request: what every log row needs."""

    user: object
    request_id: str = ""
    ip_address: str = ""
    on_behalf_of: str = ""

    @classmethod
    def from_request(cls, request) -> "Actor":
        return cls(
            user=request.user,
            request_id=getattr(request, "request_id", ""),
            ip_address=getattr(request, "client_ip", ""),
        )

    @classmethod
    def system(cls, user) -> "Actor":
        return cls(user=user, request_id="system")


# Users without a team belong to an organisation their role names (NEN 7513: the user's organisation).
ORGANISATION_BY_ROLE = {"vt_liaison": "Veilig Thuis", "partner": "Ketenpartner / vrijwilligersorganisatie"}


def _organisation(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    names = sorted(m.team.name for m in user.memberships.select_related("team"))
    return ", ".join(names) or user.organisation or ORGANISATION_BY_ROLE.get(user.role, "Gemeente")


def _municipality_of(case):
    """The case's municipality: from its team when loaded, else as a subquery inside the INSERT (no query of its
    own); None for a row without a case."""
    if case is None:
        return None
    team = case._state.fields_cache.get("team")
    if team is not None:
        return team.municipality_id
    from django.db.models import Subquery

    from wijkveilig.accounts.models import Team

    return Subquery(Team.objects.filter(pk=case.team_id).values("municipality_id")[:1])


def access_log_write(
    *,
    actor: Actor,
    event: str,
    action: str,
    outcome: str = Outcome.SUCCESS,
    case=None,
    case_id: int | None = None,
    section: str = "",
    is_emergency: bool = False,
    auth_rule: str = "",
    query_hash: str = "",
) -> AccessLogEntry:
    """Append one row; raises AuditUnavailable if it cannot be written (callers then return no data)."""
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            row = AccessLogEntry.objects.create(
                event=event,
                action=action,
                outcome=outcome,
                case_id=case.pk if case is not None else case_id,
                case_reference=case.reference if case is not None else "",
                municipality_id=_municipality_of(case),
                section=section,
                user_id=user.pk if user else None,
                username=user.get_username() if user else "",
                role=user.role if user else "",
                organisation=_organisation(user),
                on_behalf_of=actor.on_behalf_of or (user.get_username() if user else ""),
                request_id=actor.request_id,
                ip_address=actor.ip_address,
                is_emergency=is_emergency,
                auth_rule=auth_rule,
                query_hash=query_hash,
            )
    except DatabaseError as exc:
        raise AuditUnavailable() from exc
    rows = _rows_in_request.get()
    if rows is not None:
        rows.append(row.pk)
    return row


def refuse(*, actor: Actor, event: str, action: str = Action.UPDATE, case=None, case_id: int | None = None,
           section: str = "", is_emergency: bool = False, auth_rule: str = "", message: str = ""):
    """Every refusal writes its row: log it as denied, then raise PermissionDenied (403).

    Call it before the service's transaction starts (a refusal raised inside one would roll its own row back)."""
    from django.core.exceptions import PermissionDenied

    access_log_write(actor=actor, event=event, action=action, outcome=Outcome.DENIED, case=case, case_id=case_id,
                     section=section, is_emergency=is_emergency, auth_rule=auth_rule)
    raise PermissionDenied(message) if message else PermissionDenied


def guard(rule, event: str, *, section: str = ""):
    """Decorate a service so its role or grant rule runs first, outside the service's transaction: when
    `rule(actor=..., **kwargs)` says no, the refusal is logged as denied (with the case, grant and emergency flag of
    an `access` argument) and answered 403, and the denied row is not rolled back with the transaction."""

    def decorate(service):
        @wraps(service)
        def guarded(*, actor: Actor, **kwargs):
            if not rule(actor=actor, **kwargs):
                access = kwargs.get("access")
                refuse(actor=actor, event=event, case=getattr(access, "case", None), section=section,
                       is_emergency=getattr(access, "is_emergency", False), auth_rule=getattr(access, "grant", ""))
            return service(actor=actor, **kwargs)

        return guarded

    return decorate


# The rows written while one request is answered (None outside a request): see ReadLogMiddleware.
_rows_in_request: ContextVar[list | None] = ContextVar("access_log_rows_in_request", default=None)


def request_rows_start():
    """Start counting this request's rows; returns the token to end with `request_rows_end`."""
    return _rows_in_request.set([])


def request_rows_end(token) -> None:
    _rows_in_request.reset(token)


def request_rows() -> int:
    """How many access-log rows this request has written so far."""
    return len(_rows_in_request.get() or ())


def access_log_read_pending(request, **row) -> None:
    """A page opened for writing (a form page, or a form shown again with its errors) also shows the data: note the
    read row it needs. ReadLogMiddleware writes it before such an answer leaves, unless the request already wrote
    one (the service's own row, or its refusal): one row per answer, and 503 without the data if it cannot."""
    request.access_log_pending_read = partial(access_log_write, action=Action.READ, **row)


class _ProbeRolledBack(Exception):
    pass


def access_log_writable() -> bool:
    """Whether a row could be appended now (readiness probe): the insert runs and is rolled back, so probes leave
    nothing in the log."""
    try:
        with transaction.atomic():
            AccessLogEntry.objects.create(event="health.probe", action=Action.READ, outcome=Outcome.SUCCESS,
                                          request_id="probe")
            raise _ProbeRolledBack
    except _ProbeRolledBack:
        return True
    except DatabaseError:
        return False


class WithinRetention(Exception):
    """The month still holds rows inside the retention period: they are kept."""


def access_log_drop_month(*, actor: Actor, month: date, today: date | None = None) -> int:
    """Drop one month of the access log past its retention period; returns how many rows went.

    The only way rows ever leave the log (decision 0030). An administrator only; refused for a month any of whose
    rows are within ACCESS_LOG_RETENTION_MONTHS; a refusal writes its own denied row. The row that records it
    (which month, how many rows) is written in the same transaction as the drop, so the log shows every drop that
    happened and none that did not."""
    month = partitions.month_start(month)
    today = today or datetime.now(UTC).date()
    refused = {"actor": actor, "event": "access_log.month_drop_refused", "action": Action.DELETE,
               "outcome": Outcome.DENIED, "section": f"{month:%Y-%m}"}
    if not account_policy.can_administer(actor.user):
        access_log_write(**refused, auth_rule="not_administrator")
        raise PermissionDenied
    if not partitions.droppable(month, today=today, retention_months=settings.ACCESS_LOG_RETENTION_MONTHS):
        access_log_write(**refused, auth_rule="within_retention")
        raise WithinRetention(month)
    if not partitions.is_partitioned(connection):
        raise RuntimeError("the access log is one table on this database: there are no months to drop")
    name = partitions.partition_name(month)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608 - partition name built from a date
        count = cursor.fetchone()[0]
        access_log_write(actor=actor, event="access_log.month_dropped", action=Action.DELETE,
                         section=f"{month:%Y-%m}:{count}", auth_rule="retention")
        cursor.execute(f"ALTER TABLE {partitions.TABLE} DETACH PARTITION {name}")
        cursor.execute(f"DROP TABLE {name}")
    return count


__all__ = [
    "Action",
    "Actor",
    "Outcome",
    "WithinRetention",
    "access_log_drop_month",
    "access_log_read_pending",
    "access_log_writable",
    "access_log_write",
    "request_rows",
    "request_rows_end",
    "request_rows_start",
]
