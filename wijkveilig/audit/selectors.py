"""The log officer's view of the access log; reading the log is itself logged."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.hashing import lookup_hash


def _for_case(rows, value: str):
    """Rows about one case, by reference or numeric id; refused attempts carry only the id, so match both."""
    value = value.strip()
    if value.isdigit():
        return rows.filter(case_id=int(value)) if int(value) < 2**63 else rows.none()
    ids = AccessLogEntry.objects.filter(case_reference=value, case_id__isnull=False).values("case_id")
    return rows.filter(Q(case_reference=value) | Q(case_id__in=ids))


def _day_start(day) -> datetime:
    """Midnight of a Dutch calendar day (Europe/Amsterdam, as every time on the page)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(*, actor: Actor, filters: dict):
    """Filter the access log per case, user, outcome, period (Dutch calendar days); writes an `access_log.viewed` row first."""
    rows = AccessLogEntry.objects.all()
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
