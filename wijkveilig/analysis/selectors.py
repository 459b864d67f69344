"""What the wijkanalyse page shows, read in a fixed number of queries whatever the number of buurten or cases."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkveilig.analysis import aggregates, classes, indicators
from wijkveilig.analysis.models import BuurtShape, CbsTable, RegionFigures, RiskReading
from wijkveilig.areas.models import Buurt, Municipality
from wijkveilig.insight.periods import quarter_label
from wijkveilig.intake.triage import Colour

NATIONAL = "NL00"
TREND = (  # (label, kind, columns summed) for the trend chart of an area
    (gettext_lazy("binnenkomende zorgen"), aggregates.CONCERNS, None),
    (gettext_lazy("zorgen rood of oranje"), aggregates.CONCERNS, (Colour.RED.value, Colour.ORANGE.value)),
    (gettext_lazy("meldingen Veilig Thuis (Meldcode-route)"), aggregates.ACTIVITY, ("meldcode_reports",)),
    (gettext_lazy("meldingen Veilig Thuis (intake)"), aggregates.ACTIVITY, ("intake_reports",)),
    (gettext_lazy("veiligheidsplannen afgesproken"), aggregates.ACTIVITY, ("safety_plans",)),
    (gettext_lazy("opschalingen"), aggregates.ACTIVITY, ("escalations",)),
)


@dataclass
class Area:
    code: str
    name: str
    kind: str  # "buurt" or "wijk"
    buurt_codes: list = field(default_factory=list)
    district_code: str = ""


def municipalities(ids) -> list[Municipality]:
    """Of the given municipalities (the reader's, `policy.analysis_municipality_ids`), those with buurten: the only
    ones an analysis can be about."""
    return list(Municipality.objects.filter(pk__in=ids, districts__buurten__isnull=False).distinct().order_by("code"))


def installation_municipality_ids() -> list[int]:
    return list(Municipality.objects.values_list("pk", flat=True))


def areas_of(municipality: Municipality) -> list[Area]:
    """Each wijk followed by its buurten, in code order."""
    found, wijken = [], {}
    for buurt in Buurt.objects.filter(district__municipality=municipality).select_related("district") \
            .order_by("district__code", "code"):
        district = buurt.district
        if district.code not in wijken:
            wijken[district.code] = Area(district.code, district.name, "wijk")
            found.append(wijken[district.code])
        wijken[district.code].buurt_codes.append(buurt.code)
        found.append(Area(buurt.code, buurt.name, "buurt", [buurt.code], district.code))
    return found


def display(value, unit: str) -> str:
    """A figure as the page shows it: "onbekend" when CBS did not publish it, never 0."""
    if value is None:
        return _("onbekend")
    if unit in (indicators.COUNT, indicators.CODE):
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return number_format(value, decimal_pos=1 if unit != indicators.MEAN else 2, use_l10n=True)


def cbs_figures(municipality: Municipality) -> tuple[CbsTable | None, dict]:
    """The newest imported table with this municipality, and its figures by region code (derived shares added)."""
    table = CbsTable.objects.filter(regions__municipality_code=municipality.code).order_by("-year").first()
    if table is None:
        return None, {}
    regions = RegionFigures.objects.filter(Q(municipality_code=municipality.code) | Q(code=NATIONAL), table=table)
    return table, {r.code: {"name": r.name, "values": indicators.with_derived(r.values)} for r in regions}


def comparison(area: Area, figures: dict, municipality: Municipality) -> dict:
    """Every indicator for the area, beside its wijk (for a buurt), the municipality and the country."""
    columns = [(area.code, area.name)]
    if area.kind == "buurt":
        columns.append((area.district_code, figures.get(area.district_code, {}).get("name", area.district_code)))
    columns += [(municipality.code, municipality.name), (NATIONAL, _("Nederland"))]
    rows = [{"label": label, "unit": unit,
             "values": [display(figures.get(code, {}).get("values", {}).get(key), unit) for code, _name in columns]}
            for key, label, unit in indicators.all_indicators()]
    return {"columns": [name for _code, name in columns], "rows": rows}


def choropleth(indicator: str, areas: list[Area], figures: dict, shapes: dict, unit: str) -> dict:
    """Map features (colour by class), the legend and the same numbers as a table row per buurt."""
    buurten = [a for a in areas if a.kind == "buurt"]
    values = {a.code: figures.get(a.code, {}).get("values", {}).get(indicator) for a in buurten}
    bounds = classes.breaks(list(values.values()))
    rows, features = [], []
    for area in buurten:
        index = classes.class_of(values[area.code], bounds)
        row = {"code": area.code, "name": area.name, "value": display(values[area.code], unit),
               "colour": classes.colour(index, bounds), "swatch": classes.swatch(index, bounds),
               "class": "" if index is None else str(index + 1)}
        rows.append(row)
        if area.code in shapes:
            features.append({"type": "Feature", "geometry": shapes[area.code], "properties": row})
    lower = [None, *bounds[:-1]]
    legend = [{"swatch": classes.swatch(k, bounds), "class": str(k + 1),
               "range": (_("t/m %(high)s") % {"high": display(high, unit)} if low is None else
                         _("meer dan %(low)s t/m %(high)s") % {"low": display(low, unit),
                                                              "high": display(high, unit)})}
              for k, (low, high) in enumerate(zip(lower, bounds))]
    return {"rows": rows, "legend": legend, "geojson": {"type": "FeatureCollection", "features": features},
            "unknown_colour": classes.UNKNOWN_COLOUR}


def _index(table) -> dict:
    content = table.content
    return {code: (dict(zip(content["columns"], cells)), total)
            for (code, _name), cells, total in zip(content["rows"], content["cells"], content["row_totals"])}


def _sum(cells: list) -> int | None:
    known = [c for c in cells if c is not None]
    return sum(known) if known else None


def aggregate_tables(quarter: date, published: dict, areas: list[Area], municipality: Municipality, *,
                     unlocated: bool) -> list[dict]:
    """Per kind: each wijk's buurten, the wijk (sum of its published buurt cells) and the municipality; with
    `unlocated`, the municipality's row of addresses without a known buurt."""
    tables = []
    for kind in aggregates.kinds():
        table = published[(kind.key, quarter)]
        index, columns = _index(table), table.content["columns"]
        rows = []
        for area in areas:
            cells = [_sum([index.get(code, ({}, None))[0].get(column) for code in area.buurt_codes])
                     for column in columns]
            total = _sum([index.get(code, ({}, None))[1] for code in area.buurt_codes])
            rows.append({"name": area.name, "code": area.code, "kind": area.kind, "cells": cells, "total": total})
        every = [a for a in areas if a.kind == "buurt"]
        rows.append({"name": municipality.name, "code": municipality.code, "kind": "gemeente",
                     "cells": [_sum([r["cells"][k] for r in rows if r["kind"] == "buurt"])
                               for k in range(len(columns))],
                     "total": _sum([r["total"] for r in rows if r["kind"] == "buurt"]) if every else None})
        if unlocated:
            unknown_cells, unknown_total = index.get(aggregates.UNKNOWN, ({}, None))
            rows.append({"name": _("adres zonder bekende buurt"), "code": "", "kind": "onbekend",
                         "cells": [unknown_cells.get(column) for column in columns], "total": unknown_total})
        tables.append({"key": kind.key, "title": kind.title, "has_total": kind.has_total, "rows": rows,
                       "headers": [kind.column_labels.get(column, column) for column in columns],
                       "base": table.base, "published_at": table.published_at})
    return tables


def trend(area: Area, quarters: list[date], published: dict) -> dict:
    """Per quarter (oldest first) the published figures of the area's buurten, summed."""
    ordered = sorted(quarters)
    series = []
    for label, kind, columns in TREND:
        values = []
        for quarter in ordered:
            index = _index(published[(kind, quarter)])
            per_buurt = [index.get(code) for code in area.buurt_codes]
            values.append(_sum([None if found is None else (found[1] if columns is None else
                                                            _sum([found[0].get(c) for c in columns]))
                                for found in per_buurt]))
        series.append({"label": str(label), "values": values})
    return {"labels": [quarter_label(q) for q in ordered], "series": series}


def shapes_of(areas: list[Area]) -> dict:
    return dict(BuurtShape.objects.filter(code__in=[a.code for a in areas if a.kind == "buurt"])
                .values_list("code", "geometry"))


def readings_of(municipality: Municipality) -> dict:
    return {r.buurt.code: r for r in RiskReading.objects.filter(buurt__district__municipality=municipality)
            .select_related("buurt", "recorded_by")}


@dataclass(frozen=True)
class Choice:
    """What the reader chose (each parsed from the query string, unknown values replaced by the default), within
    the reader's municipalities: `municipalities` are theirs, `unlocated` whether they may see the installation's
    row of addresses without a known buurt."""

    municipality: Municipality
    quarters: list
    quarter: date
    indicator: str
    area_code: str
    municipalities: list = field(default_factory=list)
    unlocated: bool = False  # fails closed: the installation-wide row only when the reader's scope covers it


def analysis(choice: Choice) -> dict:
    """Everything the page, and the export, show for one choice."""
    areas = areas_of(choice.municipality)
    area = next((a for a in areas if a.code == choice.area_code), None) or next(
        (a for a in areas if a.kind == "buurt"), None)
    table, figures = cbs_figures(choice.municipality)
    units = {key: unit for key, _label, unit in indicators.all_indicators()}
    published = aggregates.published_for(choice.quarters, choice.municipality)
    return {
        "areas": areas, "area": area, "cbs_table": table, "figures": figures,
        "comparison": comparison(area, figures, choice.municipality) if area else None,
        "map": choropleth(choice.indicator, areas, figures, shapes_of(areas), units[choice.indicator]),
        "aggregates": aggregate_tables(choice.quarter, published, areas, choice.municipality,
                                       unlocated=choice.unlocated),
        "trend": trend(area, choice.quarters, published) if area else None,
    }
