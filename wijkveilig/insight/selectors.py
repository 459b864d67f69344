"""Published count tables: per municipality and closed quarter, per buurt, rounded (decision 0016) and frozen at
first request.

`published` is the one way a count table reaches a reader: the concern overview here and the wijkanalyse
(`wijkveilig.analysis.aggregates`) both go through it."""

from collections.abc import Callable
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from wijkveilig.accounts.policy import municipality_ids
from wijkveilig.areas.models import Buurt, Municipality
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


def municipality_of(user) -> Municipality | None:
    """The municipality whose aggregates the user reads (`accounts.policy.municipality_ids`); None when that is not
    exactly one: then nothing is shown."""
    found = municipality_ids(user)
    return Municipality.objects.filter(pk=found[0]).first() if len(found) == 1 else None


def buurt_rows(municipality: Municipality) -> list[tuple[str, str]]:
    """Every buurt of the municipality is a row whether or not it had anything (a row that appears only with data
    would itself give a household away), plus one row for what has no known buurt."""
    buurten = Buurt.objects.filter(district__municipality=municipality).order_by("code")
    return [(b.code, b.name) for b in buurten] + [(UNKNOWN_BUURT, "")]


def rounded_content(rows: list[tuple[str, str]], columns: list[str], counts: dict) -> dict:
    """The stored content of a table: true counts {(buurt code, column): n} rounded by the one disclosure rule."""
    table = disclosure.controlled_round([[counts.get((code, column), 0) for column in columns] for code, _ in rows],
                                        base=settings.DISCLOSURE_THRESHOLD)
    return {"rows": rows, "columns": columns, "cells": table.cells, "row_totals": table.row_totals,
            "column_totals": table.column_totals, "total": table.total}


def _concern_counts(start: date, municipality: Municipality) -> dict:
    """Concerns of one municipality (`Concern.municipality`: its buurt's, else its team's or submitter's)."""
    begin, end = bounds(start)
    counts = {(row["buurt__code"] or UNKNOWN_BUURT, row["final_colour"]): row["n"]
              for row in Concern.objects.filter(municipality=municipality, received_at__gte=begin, received_at__lt=end)
              .values("buurt__code", "final_colour").annotate(n=Count("pk")).order_by()}
    return rounded_content(buurt_rows(municipality), [c.value for c in Colour] + [NOT_TRIAGED], counts)


Compute = Callable[[date, Municipality], dict]


def published(kind: str, start: date, compute: Compute, *, municipality: Municipality,
              found: PublishedTable | None = None) -> PublishedTable:
    """The municipality's published table of a closed quarter: computed and rounded at its first request, then the
    same for ever (`found`: the stored table when the caller already read it). Only that municipality's buurten
    and rows: the page costs the same whatever the installation holds."""
    if next_quarter(start) > timezone.localdate():
        raise ValueError("only a closed quarter is published")  # live counts would reveal changes by differencing
    key = {"kind": kind, "period_start": start, "base": settings.DISCLOSURE_THRESHOLD, "municipality": municipality}
    if found is None:
        found = PublishedTable.objects.filter(**key).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return PublishedTable.objects.create(**key, content=compute(start, municipality))
    except IntegrityError:  # two first requests at once: the one that won is the publication
        return PublishedTable.objects.get(**key)


def published_many(computes: dict[str, Compute], starts: list[date], *, municipality: Municipality
                   ) -> dict[tuple[str, date], PublishedTable]:
    """Every (kind, quarter) table of the municipality, read in one query; only tables never published before are
    computed."""
    stored = {(t.kind, t.period_start): t for t in PublishedTable.objects.filter(
        kind__in=list(computes), period_start__in=starts, base=settings.DISCLOSURE_THRESHOLD,
        municipality=municipality)}
    return {(kind, start): published(kind, start, compute, municipality=municipality,
                                     found=stored.get((kind, start)))
            for kind, compute in computes.items() for start in starts}


def concerns_overview(start: date, *, municipality: Municipality) -> PublishedTable:
    """The municipality's published table of concerns per buurt and colour of a closed quarter."""
    return published(CONCERNS_BY_BUURT, start, _concern_counts, municipality=municipality)


def concern_counts(start: date, municipality: Municipality) -> dict:
    """What `concerns_overview` publishes for a quarter, for callers that publish it with other tables."""
    return _concern_counts(start, municipality)
