"""Storing a CBS table: one transaction per table; importing the same table again updates it in place."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wijkveilig.analysis import indicators
from wijkveilig.analysis.models import BuurtShape, CbsTable, RegionFigures


@dataclass(frozen=True)
class ImportResult:
    table: CbsTable
    created: int
    updated: int
    unknown_values: int  # cells CBS suppressed or left empty, stored as unknown


def table_year(info: dict) -> int:
    """The year a Kerncijfers table describes: its Period ("2024"), else the last year in its title."""
    for text in (str(info.get("Period") or ""), str(info.get("Title") or "")):
        years = re.findall(r"\b(19\d\d|20\d\d)\b", text)
        if years:
            return int(years[-1])
    raise ValueError("table without a year")


def _modified(info: dict) -> datetime | None:
    moment = parse_datetime(str(info.get("Modified") or ""))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@transaction.atomic
def cbs_table_import(*, table_id: str, fetched: dict, progress: Callable[[int, int], None] = lambda d, t: None
                     ) -> ImportResult:
    """Store every region row of a fetched table; a region seen before is updated, so a second import of the same
    table changes values, never duplicates them. Suppressed values are stored as unknown (null)."""
    info, rows = fetched["info"], fetched["rows"]
    columns = indicators.column_map({key for row in rows for key in row})
    table, _ = CbsTable.objects.update_or_create(table_id=table_id, defaults={
        "year": table_year(info), "title": str(info.get("Title") or table_id).strip()[:250],
        "source_url": fetched["source_url"], "modified_at": _modified(info), "imported_at": timezone.now()})
    existing = {region.code: region for region in table.regions.all()}
    new, changed, unknown = [], [], 0
    for done, row in enumerate(rows, start=1):
        parsed = indicators.parse_row(row, columns, fetched["names"])
        if parsed is not None:
            unknown += sum(value is None for value in parsed["values"].values())
            region = existing.get(parsed["code"]) or RegionFigures(table=table, code=parsed["code"])
            region.kind, region.name = parsed["kind"], parsed["name"][:120]
            region.municipality_code, region.values = parsed["municipality_code"], parsed["values"]
            (changed if region.pk else new).append(region)
        progress(done, len(rows))
    RegionFigures.objects.bulk_create(new, batch_size=1000)
    RegionFigures.objects.bulk_update(changed, ["kind", "name", "municipality_code", "values"], batch_size=1000)
    return ImportResult(table=table, created=len(new), updated=len(changed), unknown_values=unknown)


@transaction.atomic
def buurt_shapes_import(*, found: list, source: str) -> tuple[int, int]:
    """Store buurt outlines by CBS code; an outline imported before is replaced. Returns (new, replaced)."""
    existing = {shape.code: shape for shape in BuurtShape.objects.filter(code__in=[o.code for o in found])}
    new, replaced, now = [], [], timezone.now()
    for outline in found:
        shape = existing.get(outline.code) or BuurtShape(code=outline.code)
        shape.name, shape.geometry, shape.source, shape.imported_at = outline.name[:120], outline.geometry, source, now
        (replaced if shape.pk else new).append(shape)
    BuurtShape.objects.bulk_create(new)
    BuurtShape.objects.bulk_update(replaced, ["name", "geometry", "source", "imported_at"])
    return len(new), len(replaced)
