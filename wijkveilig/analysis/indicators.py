"""CBS Kerncijfers wijken en buurten: which columns we read, and how a raw value becomes a number or "unknown".

CBS numbers its columns per table (`AantalInwoners_5` in one year, `AantalInwoners_4` in another), so a column is
recognised by its key stem: the key without its numeric suffix. Pure functions over plain data; no Django models.
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    key: str          # ours, stable across years
    stems: tuple      # CBS key stems that carry it (older tables spell some differently)
    label: str
    unit: str         # "aantal", "%", "gemiddelde", "code"

    @property
    def is_share(self) -> bool:
        return self.unit in ("%", "gemiddelde", "code")


COUNT, PERCENT, MEAN, CODE = "aantal", "%", "gemiddelde", "code"
INDICATORS = (
    Indicator("inhabitants", ("AantalInwoners",), _("inwoners"), COUNT),
    Indicator("age_0_15", ("k_0Tot15Jaar",), _("inwoners 0 tot 15 jaar"), COUNT),
    Indicator("age_15_25", ("k_15Tot25Jaar",), _("inwoners 15 tot 25 jaar"), COUNT),
    Indicator("households", ("HuishoudensTotaal",), _("huishoudens"), COUNT),
    Indicator("single_person_households", ("Eenpersoonshuishoudens",), _("eenpersoonshuishoudens"), COUNT),
    Indicator("single_parent_households", ("Eenouderhuishoudens", "EenouderHuishoudens"),
              _("eenouderhuishoudens"), COUNT),
    Indicator("household_size", ("GemiddeldeHuishoudensgrootte",), _("gemiddelde huishoudensgrootte"), MEAN),
    Indicator("low_income_pct", ("HuishoudensMetEenLaagInkomen",), _("huishoudens met een laag inkomen"), PERCENT),
    Indicator("social_minimum_pct", ("HuishOnderOfRondSociaalMinimum",),
              _("huishoudens onder of rond het sociaal minimum"), PERCENT),
    Indicator("social_assistance", ("PersonenPerSoortUitkeringBijstand",), _("personen met bijstand"), COUNT),
    Indicator("corporation_rental_pct", ("InBezitWoningcorporatie",), _("huurwoningen van een corporatie"), PERCENT),
    Indicator("urbanisation", ("MateVanStedelijkheid",), _("mate van stedelijkheid (1 zeer sterk – 5 niet)"), CODE),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
_BY_STEM = {stem: indicator.key for indicator in INDICATORS for stem in indicator.stems}
# CBS marks values it does not publish with "." (and in the map files with -99999999 and its neighbours); an empty
# value means not available. All of these are "unknown": 0 would be a claim that there is nothing.
_SUPPRESSED_TEXT = {"", ".", "x", "-", "?"}
_SUPPRESSED_BELOW = -99_999_990
_SUFFIX = re.compile(r"_\d+$")

KIND_BY_SOORT_REGIO = {"Land": "land", "Gemeente": "gemeente", "Wijk": "wijk", "Buurt": "buurt"}


def stem(key: str) -> str:
    """`AantalInwoners_5` → `AantalInwoners`; `k_0Tot15Jaar_8` → `k_0Tot15Jaar`."""
    return _SUFFIX.sub("", key)


def column_map(keys) -> dict[str, str]:
    """CBS column key → our indicator key, for the columns of one table we know."""
    return {key: _BY_STEM[stem(key)] for key in keys if stem(key) in _BY_STEM}


def parse_value(raw) -> float | int | None:
    """A CBS cell as a number, or None when CBS suppressed it or left it empty (never 0 for unknown)."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = raw.strip().replace(",", ".")
        if text in _SUPPRESSED_TEXT:
            return None
        try:
            raw = float(text)
        except ValueError:
            return None
    if not isinstance(raw, int | float) or math.isnan(raw) or raw <= _SUPPRESSED_BELOW:
        return None
    return int(raw) if float(raw).is_integer() else float(raw)


def parse_row(row: dict, columns: dict[str, str], names: dict[str, str]) -> dict | None:
    """One TypedDataSet row as {code, kind, name, municipality_code, values}; None for a row that is no region.

    CBS pads codes and texts with spaces; `names` is the WijkenEnBuurten dimension (code → title)."""
    code = str(row.get("WijkenEnBuurten") or "").strip()
    soort = next((str(v).strip() for k, v in row.items() if stem(k) == "SoortRegio"), "")
    kind = KIND_BY_SOORT_REGIO.get(soort) or _kind_from_code(code)
    if not code or kind is None:
        return None
    municipality_name = next((str(v).strip() for k, v in row.items() if stem(k) == "Gemeentenaam"), "")
    return {"code": code, "kind": kind, "name": names.get(code) or municipality_name or code,
            "municipality_code": _municipality_code(code),
            "values": {ours: parse_value(row.get(key)) for key, ours in columns.items()}}


def _kind_from_code(code: str) -> str | None:
    return {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}.get(code[:2])


def _municipality_code(code: str) -> str:
    """GM + the four digits of the municipality inside the region's own code (GM0363, WK036301, BU03630101)."""
    if code[:2] in ("GM", "WK", "BU"):
        return "GM" + code[2:6]
    return ""


def share(part, whole) -> float | None:
    """part as a percentage of whole, or None when either is unknown or whole is 0."""
    if part is None or whole in (None, 0):
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class Derived:
    """A share computed from two published counts (CBS publishes the counts; the map needs a rate)."""

    key: str
    label: str
    part: str
    whole: str
    unit: str = PERCENT


DERIVED = (
    Derived("age_0_15_pct", _("inwoners 0 tot 15 jaar (% van de inwoners)"), "age_0_15", "inhabitants"),
    Derived("single_parent_pct", _("eenouderhuishoudens (% van de huishoudens)"), "single_parent_households",
            "households"),
    Derived("social_assistance_per_1000", _("personen met bijstand per 1.000 inwoners"), "social_assistance",
            "inhabitants", "‰"),
)


def with_derived(values: dict) -> dict:
    """The stored values plus the derived shares (unknown when a part is unknown)."""
    derived = {d.key: share(values.get(d.part), values.get(d.whole)) for d in DERIVED}
    for d in DERIVED:
        if d.unit == "‰" and derived[d.key] is not None:
            derived[d.key] = round(derived[d.key] * 10, 1)
    return {**values, **derived}


def all_indicators() -> list[tuple[str, str, str]]:
    """(key, label, unit) of every indicator shown: CBS's own, then the derived shares."""
    return [(i.key, i.label, i.unit) for i in INDICATORS] + [(d.key, d.label, d.unit) for d in DERIVED]
