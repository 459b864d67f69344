"""The municipal overview of incoming concerns: per closed quarter, per buurt and colour, rounded and frozen."""

from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from wijkveilig.areas.models import Buurt, Municipality
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


def municipality_of(user) -> Municipality | None:
    """The municipality whose aggregates the user reads: that of the user's team(s), or, for a user without a team
    (the policy officer), the installation's only municipality. None when it is not one: then nothing is shown.
    The single seam for the multi-municipality work (issue 12 part 4), which gives every user a municipality."""
    found = list(Municipality.objects.filter(teams__memberships__user=user).distinct()[:2])
    if not found:
        found = list(Municipality.objects.all()[:2])
    return found[0] if len(found) == 1 else None


def _in_municipality(municipality: Municipality) -> Q:
    """A concern is the municipality's when its buurt lies there; without a buurt, when its team is the
    municipality's; without either (the address was not found), when the installation has no other municipality."""
    unknown = Q(buurt__isnull=True, team__municipality=municipality)
    if not Municipality.objects.exclude(pk=municipality.pk).exists():
        unknown |= Q(buurt__isnull=True, team__isnull=True)
    return Q(buurt__district__municipality=municipality) | unknown


def _concern_counts(start: date, municipality: Municipality) -> dict:
    """The true counts of one quarter in one municipality; every buurt of it is a row whether or not it had concerns
    (a row that appears only when there is a concern would itself give one away)."""
    begin, end = _bounds(start)
    buurten = Buurt.objects.filter(district__municipality=municipality).order_by("code")
    rows = [(b.code, b.name) for b in buurten] + [(UNKNOWN_BUURT, "")]
    columns = [c.value for c in Colour] + [NOT_TRIAGED]
    counts = {(row["buurt__code"] or UNKNOWN_BUURT, row["final_colour"]): row["n"]
              for row in Concern.objects.filter(_in_municipality(municipality),
                                                received_at__gte=begin, received_at__lt=end)
              .values("buurt__code", "final_colour").annotate(n=Count("pk")).order_by()}
    table = disclosure.controlled_round([[counts.get((code, colour), 0) for colour in columns] for code, _ in rows],
                                        base=settings.DISCLOSURE_THRESHOLD)
    return {"rows": rows, "columns": columns, "cells": table.cells, "row_totals": table.row_totals,
            "column_totals": table.column_totals, "total": table.total}


def concerns_overview(start: date, *, municipality: Municipality) -> PublishedTable:
    """The municipality's published table of a closed quarter: rounded at its first request, then the same for
    ever. Only that municipality's buurten and concerns: the page costs the same whatever the installation holds."""
    if next_quarter(start) > timezone.localdate():
        raise ValueError("only a closed quarter is published")  # live counts would reveal changes by differencing
    base = settings.DISCLOSURE_THRESHOLD
    key = {"kind": CONCERNS_BY_BUURT, "period_start": start, "base": base, "municipality": municipality}
    published = PublishedTable.objects.filter(**key).first()
    if published is not None:
        return published
    try:
        with transaction.atomic():
            return PublishedTable.objects.create(**key, content=_concern_counts(start, municipality))
    except IntegrityError:  # two first requests at once: the one that won is the publication
        return PublishedTable.objects.get(**key)
