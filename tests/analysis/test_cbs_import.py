"""The CBS import, run offline on recorded OData responses: indicators found by key stem in any year, suppressed
values stored as unknown (never 0), a second import updates in place, paging followed, a progress bar shown."""

from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command

from wijkveilig.analysis import cbs, indicators
from wijkveilig.analysis.importer import cbs_table_import
from wijkveilig.analysis.models import CbsTable, RegionFigures

RECORDED = Path(__file__).parent / "recorded"


@pytest.fixture
def recorded(monkeypatch):
    """httpx.Client in the command answers from the recorded files; the requests it made are kept."""
    requests = []
    transport = cbs.recorded_transport(RECORDED)

    def answer(request):
        requests.append(request)
        return transport.handle_request(request)

    original = httpx.Client.__init__

    def client(self, *args, **kwargs):
        original(self, *args, **{**kwargs, "transport": httpx.MockTransport(answer)})

    monkeypatch.setattr(httpx.Client, "__init__", client)
    return requests


def _import(table="85984NED", *extra) -> str:
    out = StringIO()
    call_command("import_cbs_kwb", table, "--municipality", "GM9998", *extra, stdout=out)
    return out.getvalue()


def values(code, table="85984NED") -> dict:
    return RegionFigures.objects.get(table__table_id=table, code=code).values


@pytest.mark.parametrize(("raw", "expected"), [
    (17942942, 17942942), (14.2, 14.2), ("  1234", 1234), ("12,5", 12.5), (0, 0), ("0", 0),
    (".", None), ("       .", None), ("", None), ("   ", None), (None, None), (-99999999, None),
    (-99999997, None), ("-99999999", None), (float("nan"), None), ("x", None), (True, None),
])
def test_a_cbs_cell_becomes_a_number_or_unknown_never_zero(raw, expected):
    assert indicators.parse_value(raw) == expected


@pytest.mark.parametrize(("key", "ours"), [
    ("AantalInwoners_5", "inhabitants"), ("AantalInwoners_4", "inhabitants"), ("k_0Tot15Jaar_8", "age_0_15"),
    ("k_15Tot25Jaar_9", "age_15_25"), ("Eenpersoonshuishoudens_29", "single_person_households"),
    ("Eenouderhuishoudens_32", "single_parent_households"), ("GemiddeldeHuishoudensgrootte_32", "household_size"),
    ("GemiddeldeHuishoudensgrootte_33", "household_size"), ("HuishoudensMetEenLaagInkomen_78", "low_income_pct"),
    ("HuishoudensMetEenLaagInkomen_85", "low_income_pct"), ("HuishOnderOfRondSociaalMinimum_86", "social_minimum_pct"),
    ("PersonenPerSoortUitkeringBijstand_90", "social_assistance"), ("InBezitWoningcorporatie_49",
                                                                    "corporation_rental_pct"),
    ("MateVanStedelijkheid_122", "urbanisation"),
])
def test_columns_are_recognised_by_their_stem_whatever_the_year(key, ours):
    assert indicators.column_map([key, "Mannen_6", "ID"]) == {key: ours}


@pytest.mark.django_db
def test_import_loads_country_municipality_wijken_and_buurten_across_pages(recorded):
    output = _import()
    table = CbsTable.objects.get(table_id="85984NED")
    assert (table.year, table.title) == (2024, "Kerncijfers wijken en buurten 2024")
    kinds = dict(RegionFigures.objects.filter(table=table).values_list("code", "kind"))
    assert kinds == {"NL00": "land", "GM9998": "gemeente", "WK999801": "wijk", "WK999802": "wijk",
                     "BU99980101": "buurt", "BU99980102": "buurt", "BU99980201": "buurt"}  # 4 on page 1, 3 on page 2
    assert RegionFigures.objects.get(code="BU99980101").name == "Testkern-Noord"  # padding stripped, dimension title
    assert values("BU99980101")["low_income_pct"] == 14.2 and values("NL00")["inhabitants"] == 17942942
    assert "#" in output and "100%" in output  # the progress bar reached its end
    filters = [r.url.params.get("$filter") for r in recorded if r.url.path.endswith("TypedDataSet")]
    assert "startswith(WijkenEnBuurten,'BU9998')" in filters[0]


@pytest.mark.django_db
def test_suppressed_values_are_unknown_not_zero(recorded):
    _import()
    partly = values("BU99980102")
    assert partly["low_income_pct"] is None          # "       ."
    assert partly["social_minimum_pct"] is None      # ""
    assert partly["social_assistance"] is None       # -99999999
    assert values("BU99980201")["single_parent_households"] is None  # null
    assert values("BU99980201")["corporation_rental_pct"] is None    # "."
    assert partly["inhabitants"] == 8300              # the rest of the row is kept


@pytest.mark.django_db
def test_importing_the_same_table_twice_updates_in_place(recorded):
    _import()
    RegionFigures.objects.filter(code="BU99980101").update(values={"inhabitants": 1})
    output = _import()
    assert RegionFigures.objects.filter(table__table_id="85984NED").count() == 7
    assert CbsTable.objects.filter(table_id="85984NED").count() == 1
    assert values("BU99980101")["inhabitants"] == 10100
    assert "0 regio's nieuw, 7 bijgewerkt" in output


@pytest.mark.django_db
def test_an_older_year_with_other_suffixes_and_without_a_column_is_read_too(recorded):
    _import("85318NED")
    assert CbsTable.objects.get(table_id="85318NED").year == 2022
    buurt = values("BU99980101", "85318NED")
    assert buurt["low_income_pct"] == 14.2 and buurt["inhabitants"] == 9800
    assert "single_parent_households" not in buurt  # 2022 has no such column: absent, not 0


@pytest.mark.django_db
def test_bad_arguments_and_an_unknown_table_give_a_clear_message(recorded):
    with pytest.raises(CommandError, match="vijf cijfers"):
        _import("85984")
    with pytest.raises(CommandError, match="GM gevolgd door vier cijfers"):
        call_command("import_cbs_kwb", "85984NED", "--municipality", "0363", stdout=StringIO())
    with pytest.raises(CommandError, match="geen bruikbaar antwoord"):
        _import("99999NED")
    assert not CbsTable.objects.exists()


@pytest.mark.django_db
def test_rows_without_a_region_code_are_skipped_and_the_import_is_one_transaction():
    fetched = {"info": {"Title": "Kerncijfers wijken en buurten 2024", "Period": "2024"}, "names": {},
               "source_url": "https://example.invalid", "rows": [
                   {"WijkenEnBuurten": "  ", "AantalInwoners_5": 3},
                   {"WijkenEnBuurten": "BU99980101", "SoortRegio_2": "Buurt     ", "AantalInwoners_5": 5}]}
    result = cbs_table_import(table_id="85984NED", fetched=fetched)
    assert (result.created, result.updated) == (1, 0)
    assert values("BU99980101") == {"inhabitants": 5}
