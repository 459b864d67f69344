"""Published count tables: per closed quarter, per buurt, rounded (decision 0016) and frozen at first request.

`published` is the one way a count table reaches a reader: the concern overview here and the wijkanalyse
(`wijkveilig.analysis.aggregates`) both go through it."""

from collections.abc import Callable
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from wijkveilig.areas.models import Buurt
from wijkveilig.core import disclosure
from wijkveilig.insight.models import PublishedTable
from wijkveilig.insight.periods import next_quarter
from wijkveilig.intake.models import Concern
from wijkveilig.intake.triage import Colour

CONCERNS_BY_BUURT = "concerns_by_buurt_colour"
UNKNOWN_BUURT = ""  # concerns whose address the postcode table did not know
NOT_TRIAGED = ""


def bounds(start: date) -> tuple[datetime, datetime]:
    """The quarter from `start` as aware datetimes in the installation's time zone (Europe/Amsterdam)."""
    zone = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), zone),
            timezone.make_aware(datetime.combine(next_quarter(start), time.min), zone))


def buurt_rows() -> list[tuple[str, str]]:
    """Every buurt is a row whether or not it had anything (a row that appears only with data would itself give a
    household away), plus one row for what has no known buurt."""
    return [(b.code, b.name) for b in Buurt.objects.order_by("code")] + [(UNKNOWN_BUURT, "")]


def rounded_content(rows: list[tuple[str, str]], columns: list[str], counts: dict) -> dict:
    """The stored content of a table: true counts {(buurt code, column): n} rounded by the one disclosure rule."""
    table = disclosure.controlled_round([[counts.get((code, column), 0) for column in columns] for code, _ in rows],
                                        base=settings.DISCLOSURE_THRESHOLD)
    return {"rows": rows, "columns": columns, "cells": table.cells, "row_totals": table.row_totals,
            "column_totals": table.column_totals, "total": table.total}


def _concern_counts(start: date) -> dict:
    begin, end = bounds(start)
    counts = {(row["buurt__code"] or UNKNOWN_BUURT, row["final_colour"]): row["n"]
              for row in Concern.objects.filter(received_at__gte=begin, received_at__lt=end)
              .values("buurt__code", "final_colour").annotate(n=Count("pk")).order_by()}
    return rounded_content(buurt_rows(), [c.value for c in Colour] + [NOT_TRIAGED], counts)


def published(kind: str, start: date, compute: Callable[[date], dict], *, found: PublishedTable | None = None
              ) -> PublishedTable:
    """The published table of a closed quarter: computed and rounded at its first request, then the same for ever
    (`found`: the stored table when the caller already read it)."""
    if next_quarter(start) > timezone.localdate():
        raise ValueError("only a closed quarter is published")  # live counts would reveal changes by differencing
    base = settings.DISCLOSURE_THRESHOLD
    if found is None:
        found = PublishedTable.objects.filter(kind=kind, period_start=start, base=base).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return PublishedTable.objects.create(kind=kind, period_start=start, base=base, content=compute(start))
    except IntegrityError:  # two first requests at once: the one that won is the publication
        return PublishedTable.objects.get(kind=kind, period_start=start, base=base)


def published_many(computes: dict[str, Callable[[date], dict]], starts: list[date]
                   ) -> dict[tuple[str, date], PublishedTable]:
    """Every (kind, quarter) table, read in one query; only tables never published before are computed."""
    stored = {(t.kind, t.period_start): t for t in PublishedTable.objects.filter(
        kind__in=list(computes), period_start__in=starts, base=settings.DISCLOSURE_THRESHOLD)}
    return {(kind, start): published(kind, start, compute, found=stored.get((kind, start)))
            for kind, compute in computes.items() for start in starts}


def concerns_overview(start: date) -> PublishedTable:
    """The published table of concerns per buurt and colour of a closed quarter."""
    return published(CONCERNS_BY_BUURT, start, _concern_counts)


def concern_counts(start: date) -> dict:
    """What `concerns_overview` publishes for a quarter, for callers that publish it with other tables."""
    return _concern_counts(start)
