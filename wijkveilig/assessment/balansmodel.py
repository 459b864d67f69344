"""The Balansmodel huiselijk geweld as data: every risk and protective factor per level, exactly as in the source.

Source: Movisie, 'Veilig thuis, ook achter de voordeur', appendix 'Balansmodel huiselijk geweld' (original
balansmodel Bakker e.a. 1998 / NJi; Balansmodel huiselijk geweld, St. Blijfgroep 2007). Codes are stable:
stored rows refer to them, so never rename or reuse a code; add new ones instead.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Level(StrEnum):
    MICRO = "micro"
    MESO = "meso"
    MACRO = "macro"


class Side(StrEnum):
    RISK = "risk"  # draaglast
    PROTECTIVE = "protective"  # draagkracht


LEVEL_LABELS = {Level.MICRO: _("Microniveau"), Level.MESO: _("Mesoniveau"), Level.MACRO: _("Macroniveau")}
SIDE_LABELS = {Side.RISK: _("Risicofactoren (draaglast)"), Side.PROTECTIVE: _("Beschermende factoren (draagkracht)")}
# The source splits the meso level in two groups; the group is shown as a sub-heading.
GROUP_LABELS = {
    "personal": _("Persoonlijke factoren"),
    "family": _("Sociale gezinsfactoren"),
    "environment": _("Factoren in de sociale omgeving"),
    "society": _("Maatschappelijke factoren"),
}


@dataclass(frozen=True)
class Factor:
    code: str
    side: Side
    level: Level
    group: str
    label: str


def _factors(side: Side, level: Level, group: str, rows: list[tuple[str, str]]) -> list[Factor]:
    return [Factor(code=code, side=side, level=level, group=group, label=label) for code, label in rows]


R, P = Side.RISK, Side.PROTECTIVE
FACTORS: tuple[Factor, ...] = tuple(
    _factors(R, Level.MICRO, "personal", [
        ("r_micro_negative_self_image", _("Negatief zelfbeeld")),
        ("r_micro_childhood_trauma", _("Jeugdtrauma's")),
        ("r_micro_psychiatric", _("Psychiatrische problematiek")),
        ("r_micro_childhood_abuse", _("Incest/mishandeling in jeugd")),
        ("r_micro_addiction", _("Verslaving")),
    ])
    + _factors(R, Level.MESO, "family", [
        ("r_meso_isolation", _("Isolement")),
        ("r_meso_conflicts", _("Conflicten")),
        ("r_meso_poor_social_bonds", _("Gebrekkige sociale bindingen")),
        ("r_meso_unemployment", _("Werkloosheid")),
        ("r_meso_poverty", _("Armoede")),
        ("r_meso_illness", _("Ziekte")),
        ("r_meso_trivialising_violence", _("Bagatelliseren van het geweld")),
    ])
    + _factors(R, Level.MESO, "environment", [
        ("r_meso_no_social_services", _("Ontbreken van sociale voorzieningen")),
        ("r_meso_social_disintegration", _("Sociale desintegratie")),
        ("r_meso_impoverishment", _("Verpaupering")),
        ("r_meso_discrimination", _("Discriminatie")),
        ("r_meso_accepting_violence_women", _("Acceptatie geweld tegen vrouwen")),
    ])
    + _factors(R, Level.MACRO, "society", [
        ("r_macro_no_dv_approach", _("Ontbreken van aanpak huiselijk geweld")),
        ("r_macro_culture_legitimising_violence", _("Cultuur die geweld legitimeert")),
        ("r_macro_economic_crisis", _("Economische crisis")),
        ("r_macro_unemployment", _("Werkloosheid")),
        ("r_macro_dependency", _("Afhankelijkheid (bv afhankelijke verblijfsstatus)")),
    ])
    + _factors(P, Level.MICRO, "personal", [
        ("p_micro_stable_personality", _("Stabiele persoonlijkheid")),
        ("p_micro_good_health", _("Goede gezondheid")),
        ("p_micro_positive_childhood", _("Positieve jeugdervaringen")),
        ("p_micro_social_skills", _("Sociale vaardigheden")),
    ])
    + _factors(P, Level.MESO, "family", [
        ("p_meso_social_support", _("Sociale steun")),
        ("p_meso_good_social_bonds", _("Goede sociale bindingen")),
        ("p_meso_family_friends", _("Familie en vrienden")),
        ("p_meso_talking_out_tensions", _("Uitpraten van spanningen en conflicten")),
        ("p_meso_acknowledging_violence", _("Erkenning van het geweld")),
    ])
    + _factors(P, Level.MESO, "environment", [
        ("p_meso_material_conditions", _("Materiële bestaansvoorwaarden in orde")),
        ("p_meso_social_cohesion", _("Sociale cohesie")),
        ("p_meso_help_available", _("Beschikbaarheid van hulp (politie, amw, vrouwen opvang e.d.)")),
    ])
    + _factors(P, Level.MACRO, "society", [
        ("p_macro_stable_climate", _("Stabiel sociaal en politiek klimaat")),
        ("p_macro_open_tolerant_society", _("Open tolerante samenleving")),
        ("p_macro_gender_equality", _("Gelijkwaardigheid vrouwen en mannen")),
        ("p_macro_culture_rejecting_violence", _("Cultuur die gebruik geweld afwijst")),
    ])
)
BY_CODE: dict[str, Factor] = {factor.code: factor for factor in FACTORS}


def factors_of(side: Side, level: Level) -> list[Factor]:
    return [f for f in FACTORS if f.side == side and f.level == level]
