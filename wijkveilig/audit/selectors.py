"""The log officer's view of the access log; reading the log is itself logged."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.hashing import lookup_hash


def access_log_search(*, actor: Actor, filters: dict):
    """Filter the access log per case, user, outcome, period; writes an `access_log.viewed` row first."""
    rows = AccessLogEntry.objects.all()
    if filters.get("case_reference"):
        rows = rows.filter(case_reference=filters["case_reference"].strip())
    if filters.get("username"):
        rows = rows.filter(username=filters["username"].strip())
    if filters.get("outcome") in Outcome.values:
        rows = rows.filter(outcome=filters["outcome"])
    if filters.get("emergency_only"):
        rows = rows.filter(is_emergency=True)
    if filters.get("date_from"):
        rows = rows.filter(at__gte=timezone.make_aware(datetime.combine(filters["date_from"], time.min)))
    if filters.get("date_to"):
        rows = rows.filter(at__lt=timezone.make_aware(datetime.combine(filters["date_to"] + timedelta(days=1), time.min)))
    used = "|".join(f"{key}={value}" for key, value in sorted(filters.items()) if value)
    access_log_write(actor=actor, event="access_log.viewed", action=Action.READ, section="access_log",
                     query_hash=lookup_hash(used) if used else "")
    return rows
