"""The wijkanalyse as CSV and Excel: the same numbers as the page (CBS figures with "onbekend" where CBS suppressed
them; Wijkveilig's figures as published, rounded), with each table's source and date above the rows."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from wijkveilig.analysis import indicators
from wijkveilig.insight.periods import quarter_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    """A cell as written: numbers stay numbers; text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return _("onbekend")
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _sources(data: dict, choice) -> list[list]:
    table, when = data["cbs_table"], timezone.localtime()
    lines = [[_("Wijkanalyse %(name)s (%(code)s)") % {"name": choice.municipality.name,
                                                      "code": choice.municipality.code}],
             [_("Gemaakt op"), date_format(when, "DATETIME_FORMAT")]]
    if table is not None:
        lines.append([_("Bron kerncijfers"), f"{table.title} ({table.table_id})", table.source_url,
                      _("geïmporteerd op") + " " + date_format(timezone.localtime(table.imported_at), "DATE_FORMAT")])
    for aggregate in data["aggregates"]:
        lines.append([_("Bron %(title)s") % {"title": aggregate["title"]},
                      _("Wijkveilig, kwartaal %(quarter)s, afgerond op veelvouden van %(base)s (gecontroleerde "
                        "afronding), gepubliceerd op %(date)s") % {
                          "quarter": quarter_label(choice.quarter), "base": aggregate["base"],
                          "date": date_format(timezone.localtime(aggregate["published_at"]), "DATE_FORMAT")}])
    lines.append([_("Onbekend: door CBS niet gepubliceerd (te kleine aantallen of niet beschikbaar); nooit 0.")])
    return lines


def rows(data: dict, choice) -> list[list]:
    """Source lines, an empty line, the header and one row per wijk, buurt, the municipality and the country."""
    keys = indicators.all_indicators()
    header = [_("code"), _("naam"), _("soort")] + [f"{label} ({unit})" for _k, label, unit in keys]
    for aggregate in data["aggregates"]:
        header += [f"{aggregate['title']}: {label}" for label in aggregate["headers"]]
        header += [f"{aggregate['title']}: {_('totaal')}"] if aggregate["has_total"] else []
    regions = [(a.code, a.name, a.kind) for a in data["areas"]] + [
        (choice.municipality.code, choice.municipality.name, "gemeente"), ("NL00", _("Nederland"), "land")]
    body = []
    for code, name, kind in regions:
        values = data["figures"].get(code, {}).get("values", {})
        line = [code, name, kind] + [values.get(key) for key, _l, _u in keys]
        for aggregate in data["aggregates"]:
            found = next((r for r in aggregate["rows"] if r["code"] == code), None)
            width = len(aggregate["headers"]) + aggregate["has_total"]
            line += ([""] * width if found is None else
                     found["cells"] + ([found["total"]] if aggregate["has_total"] else []))
        body.append(line)
    return [*_sources(data, choice), [], header, *body]


def response(data: dict, choice, file_format: str) -> HttpResponse:
    table = [[_text(cell) for cell in line] for line in rows(data, choice)]
    name = f"wijkanalyse-{choice.municipality.code}-{quarter_label(choice.quarter)}"
    if file_format == "csv":
        buffer = io.StringIO()
        # ";" and a decimal comma: what a spreadsheet with Dutch settings reads as numbers
        csv.writer(buffer, delimiter=";").writerows(
            [[str(cell).replace(".", ",") if isinstance(cell, float) else cell for cell in line] for line in table])
        answer = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Wijkanalyse"))
        for line in table:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        answer = HttpResponse(buffer.getvalue(), content_type=XLSX)
    answer["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return answer
