"""The Zelfredzaamheid-Matrix 2017 (GGD Amsterdam) as data: 13 domains, scores 1-5 with the official labels."""

from django.utils.translation import gettext_lazy as _

# Stable codes in the official order; stored scores refer to them.
DOMAINS: tuple[tuple[str, str], ...] = (
    ("finances", _("Financiën")),
    ("work_education", _("Werk & Opleiding")),
    ("daytime_activities", _("Tijdsbesteding")),
    ("housing", _("Huisvesting")),
    ("domestic_relations", _("Huiselijke relaties")),
    ("mental_health", _("Geestelijke gezondheid")),
    ("physical_health", _("Lichamelijke gezondheid")),
    ("substance_use", _("Middelengebruik")),
    ("basic_adl", _("Basale ADL")),
    ("instrumental_adl", _("Instrumentele ADL")),
    ("social_network", _("Sociaal netwerk")),
    ("social_participation", _("Maatschappelijke participatie")),
    ("justice", _("Justitie")),
)
DOMAIN_LABELS = dict(DOMAINS)
DOMAIN_CODES = tuple(code for code, _label in DOMAINS)

SCORES: tuple[tuple[int, str], ...] = (
    (1, _("Acute problematiek")),
    (2, _("Niet zelfredzaam")),
    (3, _("Beperkt zelfredzaam")),
    (4, _("Voldoende zelfredzaam")),
    (5, _("Volledig zelfredzaam")),
)
SCORE_LABELS = dict(SCORES)
