"""Exports: the page's numbers as CSV and Excel, with "onbekend" for suppressed CBS values, the rounded counts,
each table's source and date; never cached, and each export is in the access log."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.demo.volume import volume_seed


@pytest.fixture
def client(aworld, as_user):
    volume_seed(municipality="GM9999", seed=7)
    return as_user(aworld.policy_officer)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_sources_dates_and_the_same_suppression(client):
    response = client.get(reverse("analysis:export_csv"), {"kwartaal": "1999-K1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    text = "\n".join(";".join(r) for r in rows)
    assert "geen CBS-cijfers) (85984NED)" in text and "synthetisch.invalid" in text  # the demo says it is made up
    assert "geïmporteerd op" in text
    assert "afgerond op veelvouden van 5" in text and "gepubliceerd op" in text
    header = next(r for r in rows if r[:2] == ["code", "naam"])
    zandkamp = next(r for r in rows if r[:1] == ["BU99990303"])
    low_income = header.index("huishoudens met een laag inkomen (%)")
    assert zandkamp[low_income] == "onbekend"  # CBS's "." stays unknown, never 0
    stations = next(r for r in rows if r[:1] == ["BU99990103"])
    assert stations[low_income] == "16,5"  # a decimal comma for Dutch spreadsheets
    counts = [header.index(h) for h in header if h.startswith("Binnenkomende zorgen per kleur")]
    assert counts and all(int(stations[k]) % 5 == 0 for k in counts)
    assert AccessLogEntry.objects.filter(event="analysis.exported_csv").count() == 1


def test_excel_has_the_same_rows(client):
    response = client.get(reverse("analysis:export_xlsx"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0].startswith("Wijkanalyse Gemeente Voorbeeld")
    header = next(r for r in rows if r[:2] == ("code", "naam") or list(r[:2]) == ["code", "naam"])
    stations = next(r for r in rows if r[0] == "BU99990103")
    assert stations[list(header).index("huishoudens met een laag inkomen (%)")] == 16.5  # a number, not text
    assert AccessLogEntry.objects.filter(event="analysis.exported_xlsx").count() == 1


def test_text_that_a_spreadsheet_would_run_is_quoted():
    from wijkveilig.analysis.exports import _text

    assert _text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _text(None) == "onbekend" and _text(-3) == -3 and _text("Oude Kern") == "Oude Kern"
