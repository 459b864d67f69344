"""The wijkanalyse: CBS figures per region, buurt shapes for the map, and the team's reading of risk per buurt.

CBS figures and shapes are public statistics, not personal data. The risk reading is the team's professional view of
a buurt (Factor veiligheid §2.2), never about a household.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.areas.models import Buurt
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel


class RegionKind(models.TextChoices):
    COUNTRY = "land", _("Nederland")
    MUNICIPALITY = "gemeente", _("gemeente")
    DISTRICT = "wijk", _("wijk")
    BUURT = "buurt", _("buurt")


class CbsTable(models.Model):
    """One imported CBS table (Kerncijfers wijken en buurten of one year); importing it again updates it."""

    table_id = models.CharField(_("CBS-tabel"), max_length=12, unique=True)
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=250)
    source_url = models.URLField(_("bron"), max_length=300)
    modified_at = models.DateTimeField(_("gewijzigd door CBS op"), null=True, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("CBS-tabel")
        verbose_name_plural = _("CBS-tabellen")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.table_id} ({self.year})"


class RegionFigures(models.Model):
    """The indicators of one region in one table. A value CBS suppressed is stored as null (unknown), never 0."""

    table = models.ForeignKey(CbsTable, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("CBS-code"), max_length=10)  # NL00, GM0363, WK036300, BU03630000
    kind = models.CharField(_("soort regio"), max_length=10, choices=RegionKind.choices)
    name = models.CharField(_("naam"), max_length=120)
    municipality_code = models.CharField(max_length=6, blank=True)
    values = models.JSONField(default=dict)  # indicator key → number, or null when CBS did not publish it

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="region_figures_once_per_table")]
        indexes = [models.Index(fields=["table", "municipality_code"])]


class BuurtShape(models.Model):
    """The outline of one buurt for the map, in WGS84 (GeoJSON order: longitude, latitude), simplified for the web."""

    code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    geometry = models.JSONField()  # a GeoJSON Polygon or MultiPolygon
    source = models.CharField(_("bron"), max_length=250)
    imported_at = models.DateTimeField(default=timezone.now)


class RiskLevel(models.TextChoices):
    """The five levels at which risk factors for domestic violence lie (Factor veiligheid §2.2)."""

    INDIVIDUAL = "individual", _("individueel niveau")
    RELATIONSHIP = "relationship", _("relatieniveau")
    SOCIAL_NETWORK = "social_network", _("sociaal netwerk niveau")
    NEIGHBOURHOOD = "neighbourhood", _("wijkniveau")
    SOCIETY = "society", _("maatschappelijk niveau")


class RiskRating(models.TextChoices):
    UNKNOWN = "unknown", _("geen zicht op")
    LOW = "low", _("weinig risicofactoren")
    SOME = "some", _("enkele risicofactoren")
    RAISED = "raised", _("extra relevant voor deze buurt")


class RiskReading(VersionedModel):
    """The team's current reading of a buurt on the five levels, dated; each change is in the access log."""

    buurt = models.OneToOneField(Buurt, on_delete=models.CASCADE, related_name="risk_reading")
    individual = models.CharField(RiskLevel.INDIVIDUAL.label, max_length=10, choices=RiskRating.choices,
                                  default=RiskRating.UNKNOWN)
    relationship = models.CharField(RiskLevel.RELATIONSHIP.label, max_length=10, choices=RiskRating.choices,
                                    default=RiskRating.UNKNOWN)
    social_network = models.CharField(RiskLevel.SOCIAL_NETWORK.label, max_length=10, choices=RiskRating.choices,
                                      default=RiskRating.UNKNOWN)
    neighbourhood = models.CharField(RiskLevel.NEIGHBOURHOOD.label, max_length=10, choices=RiskRating.choices,
                                     default=RiskRating.UNKNOWN)
    society = models.CharField(RiskLevel.SOCIETY.label, max_length=10, choices=RiskRating.choices,
                               default=RiskRating.UNKNOWN)
    # Meant to be about the buurt only; encrypted at rest all the same, in case a name slips in.
    explanation = EncryptedTextField(_("toelichting"), max_length=2000, blank=True, default="")
    read_on = models.DateField(_("ingeschat op"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("risico-inschatting buurt")
        verbose_name_plural = _("risico-inschattingen buurten")

    def ratings(self) -> list[tuple[str, str]]:
        """(level label, rating label) for the five levels, in the order of Factor veiligheid."""
        return [(level.label, self.get_field_display(level.value)) for level in RiskLevel]

    def raised_levels(self) -> list[str]:
        return [level.label for level in RiskLevel if getattr(self, level.value) == RiskRating.RAISED]

    def get_field_display(self, name: str) -> str:
        return RiskRating(getattr(self, name)).label
