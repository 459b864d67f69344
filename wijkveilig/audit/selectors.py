"""The log officer's view of the access log; reading the log is itself logged."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wijkveilig.audit import policy
from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.hashing import lookup_hash


def _for_case(rows, value: str):
    """Rows about one case, by reference or numeric id. Refused attempts carry only the id, so a reference is first
    turned into its case's id (one index probe, LIMIT 1); the page is then one range of the (case_id, at, id) index
    per partition, where an OR with a subquery scanned the whole log twice (issue 12)."""
    value = value.strip()
    if value.isdigit():
        return rows.filter(case_id=int(value)) if int(value) < 2**63 else rows.none()
    case_id = (AccessLogEntry.objects.filter(case_reference=value, case_id__isnull=False)
               .values_list("case_id", flat=True).order_by().first())
    return rows.filter(case_id=case_id) if case_id is not None else rows.filter(case_reference=value)


def _day_start(day) -> datetime:
    """Midnight of a Dutch calendar day (Europe/Amsterdam, as every time on the page)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(*, actor: Actor, filters: dict):
    """Filter the access log per case, user, outcome, period (Dutch calendar days); writes an `access_log.viewed`
    row first."""
    rows = policy.log_scope(actor.user, AccessLogEntry.objects.all())
    if filters.get("case_reference"):
        rows = _for_case(rows, filters["case_reference"])
    if filters.get("username"):
        rows = rows.filter(username=filters["username"].strip())
    if filters.get("outcome") in Outcome.values:
        rows = rows.filter(outcome=filters["outcome"])
    if filters.get("emergency_only"):
        rows = rows.filter(is_emergency=True)
    if filters.get("date_from"):
        rows = rows.filter(at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        rows = rows.filter(at__lt=_day_start(filters["date_to"] + timedelta(days=1)))
    used = "|".join(f"{key}={value}" for key, value in sorted(filters.items()) if value)
    access_log_write(actor=actor, event="access_log.viewed", action=Action.READ, section="access_log",
                     query_hash=lookup_hash(used) if used else "")
    return rows
