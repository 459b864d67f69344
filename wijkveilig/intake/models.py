"""Incoming concerns (binnenkomende zorgen), their triage and the postcode table that routes them to a buurt."""

from django.conf import settings
from django.db import models
from django.db.models import IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.accounts.models import Team
from wijkveilig.areas.models import Buurt, Municipality
from wijkveilig.cases.models import ParticipantRole
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.routing import Destination
from wijkveilig.intake.triage import COLOUR_RANK, Colour


class Source(models.TextChoices):
    VEILIG_THUIS = "veilig_thuis", _("overdracht Veilig Thuis")
    POLICE = "police", _("zorgmelding politie")
    PARTNER = "partner", _("ketenpartner")
    VOLUNTEER = "volunteer", _("vrijwilligersorganisatie")
    TEAM = "team", _("het wijkteam zelf")


class ConcernStatus(models.TextChoices):
    NEW = "new", _("ontvangen")
    TRIAGED = "triaged", _("getrieerd")
    CASE_OPENED = "case_opened", _("opgepakt in een casus")


class PostcodeRange(models.Model):
    """One row of the importable table: postcodes and house numbers in a range belong to a buurt."""

    postcode_from = models.CharField(_("postcode van"), max_length=6)
    postcode_to = models.CharField(_("postcode tot en met"), max_length=6)
    number_from = models.PositiveIntegerField(_("huisnummer van"))
    number_to = models.PositiveIntegerField(_("huisnummer tot en met"))
    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="postcode_ranges")

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["postcode_from", "number_from"]


class ConcernQuerySet(models.QuerySet):
    def open(self):
        """Open for handling (`closure.is_open_for_handling`): no case made from it and no outcome recorded."""
        return self.exclude(status=ConcernStatus.CASE_OPENED).filter(handling__isnull=True)

    def by_urgency(self):
        """Most urgent colour first (not yet triaged after groen), then the oldest."""
        rank = models.Case(*[When(final_colour=c, then=Value(r)) for c, r in COLOUR_RANK.items()],
                     default=Value(len(COLOUR_RANK)), output_field=IntegerField())
        return self.annotate(colour_rank=rank).order_by("colour_rank", "received_at", "pk")

    def visible_to(self, user):
        """Concerns this user may open (some only for their status); the rule is `intake.policy`."""
        from wijkveilig.intake.policy import concern_ids

        ids = concern_ids(user)
        return self.none() if ids is None else self.filter(pk__in=ids)


class Concern(VersionedModel):
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    household_name = models.CharField(_("naam huishouden"), max_length=120)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    observation = EncryptedTextField(_("wat is waargenomen"))
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="concerns")
    # Whose concern this is: the buurt's municipality, else the team's, else the submitter's; the municipal queue
    # (no team) is that municipality's coordinators' only (`intake.policy`), and row-level security uses it too.
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.NEW)
    destination = models.CharField(_("route"), max_length=20, choices=Destination.choices,
                                   default=Destination.AWAITING_TRIAGE)
    direct_danger = models.BooleanField(null=True)
    direct_danger_reason = EncryptedTextField(blank=True, default="")
    structural_unsafety = models.BooleanField(null=True)
    structural_unsafety_reason = EncryptedTextField(blank=True, default="")
    multi_problem = models.BooleanField(null=True)
    multi_problem_reason = EncryptedTextField(blank=True, default="")
    computed_colour = models.CharField(_("berekende kleur"), max_length=10, choices=Colour.choices, blank=True)
    final_colour = models.CharField(_("kleur"), max_length=10, choices=Colour.choices, blank=True)
    overrule_reason = EncryptedTextField(_("reden aanpassing kleur"), blank=True, default="")
    overruled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="intake_concerns")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="submitted_concerns")

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("binnenkomende zorg")
        verbose_name_plural = _("binnenkomende zorgen")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(final_colour="") | ~Q(computed_colour=""),
                                   name="concern_final_colour_needs_triage"),
        ]

    def __str__(self):
        return f"Z-{self.pk:05d}" if self.pk else "Z-nieuw"

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def is_overruled(self) -> bool:
        return bool(self.final_colour) and self.final_colour != self.computed_colour

    @property
    def needs_specialist_support(self) -> bool:
        return self.final_colour in (Colour.YELLOW, Colour.ORANGE, Colour.RED)


class ConcernPerson(models.Model):
    """A person as the reporter knows them; becomes a Person only when a case is opened."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="persons")
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = EncryptedTextField(_("BSN"), blank=True, default="")
    bsn_hash = models.CharField(max_length=64, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def role_label(self) -> str:
        """The role as the reporter entered it, in words ('' when none was entered)."""
        return str(ParticipantRole(self.role).label) if self.role in ParticipantRole.values else ""


class ConcernHandling(models.Model):
    """How a concern was handled to the end (afhandeling): one row per concern, the outcome `closure` allows.

    A report to Veilig Thuis keeps the content as sent (JSON, encrypted) and whom the coordinator informed; a
    confirmation that Veilig Thuis already has it keeps Veilig Thuis's reference; a case keeps its Meldcode route.
    """

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="handling")
    outcome = models.CharField(_("afhandeling"), max_length=20, choices=Outcome.choices)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    content = EncryptedTextField(blank=True, default="")  # the report as sent to Veilig Thuis (JSON)
    informed_whom = EncryptedTextField(blank=True, default="")
    informed_reaction = EncryptedTextField(blank=True, default="")
    not_informed_reason = EncryptedTextField(blank=True, default="")
    is_acute = models.BooleanField(default=False)
    reported_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="intake_reports_received")
    vt_reference = EncryptedTextField(_("kenmerk Veilig Thuis"), blank=True, default="")
    vt_known_on = models.DateField(_("bij Veilig Thuis bekend sinds"), null=True, blank=True)
    route = models.ForeignKey("meldcode.MeldcodeRoute", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="intake_handlings")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("afhandeling van een zorg")
        verbose_name_plural = _("afhandelingen van zorgen")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.REPORTED) | Q(reported_to__isnull=False, idempotency_key__isnull=False),
                name="intake_handling_report_has_recipient"),
            models.CheckConstraint(condition=~Q(outcome=Outcome.VT_ALREADY_KNOWS) | Q(vt_known_on__isnull=False),
                                   name="intake_handling_vt_known_has_date"),
            models.CheckConstraint(condition=~Q(outcome=Outcome.CASE_WITH_ROUTE) | Q(route__isnull=False),
                                   name="intake_handling_case_has_route"),
        ]

    def __str__(self):
        return f"{self.concern}: {self.get_outcome_display()}"
