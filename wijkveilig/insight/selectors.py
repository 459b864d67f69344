"""The municipal overview of incoming concerns: per closed quarter, per buurt and colour, rounded and frozen."""

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


def _bounds(start: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), zone),
            timezone.make_aware(datetime.combine(next_quarter(start), time.min), zone))


def _concern_counts(start: date) -> dict:
    """The true counts of one quarter; every buurt is a row whether or not it had concerns (a row that appears
    only when there is a concern would itself give one away)."""
    begin, end = _bounds(start)
    rows = [(b.code, b.name) for b in Buurt.objects.order_by("code")] + [(UNKNOWN_BUURT, "")]
    columns = [c.value for c in Colour] + [NOT_TRIAGED]
    counts = {(row["buurt__code"] or UNKNOWN_BUURT, row["final_colour"]): row["n"]
              for row in Concern.objects.filter(received_at__gte=begin, received_at__lt=end)
              .values("buurt__code", "final_colour").annotate(n=Count("pk")).order_by()}
    table = disclosure.controlled_round([[counts.get((code, colour), 0) for colour in columns] for code, _ in rows],
                                        base=settings.DISCLOSURE_THRESHOLD)
    return {"rows": rows, "columns": columns, "cells": table.cells, "row_totals": table.row_totals,
            "column_totals": table.column_totals, "total": table.total}


def concerns_overview(start: date) -> PublishedTable:
    """The published table of a closed quarter: rounded at its first request, then the same for ever."""
    if next_quarter(start) > timezone.localdate():
        raise ValueError("only a closed quarter is published")  # live counts would reveal changes by differencing
    base = settings.DISCLOSURE_THRESHOLD
    published = PublishedTable.objects.filter(kind=CONCERNS_BY_BUURT, period_start=start, base=base).first()
    if published is not None:
        return published
    try:
        with transaction.atomic():
            return PublishedTable.objects.create(kind=CONCERNS_BY_BUURT, period_start=start, base=base,
                                                 content=_concern_counts(start))
    except IntegrityError:  # two first requests at once: the one that won is the publication
        return PublishedTable.objects.get(kind=CONCERNS_BY_BUURT, period_start=start, base=base)
