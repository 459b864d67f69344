"""The safety plan (veiligheidsplan) of a case: SMART agreements, reviews, and each victim's safe place."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.models import Case
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel
from wijkveilig.households.models import Person

User = settings.AUTH_USER_MODEL


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    AGREED = "agreed", _("afgesproken")


class SafetyPlan(VersionedModel):
    """The one current plan of a case; its agreements and reviews are its history. `version` guards the Veilig Thuis
    conditions and the review date (the plan form); agreements and safe places carry their own."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="safety_plan")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    vt_conditions = EncryptedTextField(_("veiligheidsvoorwaarden van Veilig Thuis"), blank=True, default="")
    review_on = models.DateField(_("volgende evaluatiedatum"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")


class AgreementKind(models.TextChoices):
    IMMEDIATE = "immediate", _("directe veiligheid")
    LASTING = "lasting", _("duurzame veiligheid")


class Agreement(VersionedModel):
    """One SMART agreement: who does what, when and where, carried by whom of the network.

    `audience` is for whom of the household the agreement is (who gets it in their family version);
    `is_protective` marks an agreement that protects a victim: it never reaches a (suspected) perpetrator,
    decided when it is read (`selectors.plan_for_person`), not when it was written.
    """

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("soort"), max_length=10, choices=AgreementKind.choices)
    who = EncryptedTextField(_("wie"))
    what = EncryptedTextField(_("wat"))
    due_on = models.DateField(_("wanneer (uiterlijk)"))
    where = EncryptedTextField(_("waar"), blank=True, default="")
    network = EncryptedTextField(_("wie uit het netwerk draagt dit mee"), blank=True, default="")
    is_protective = models.BooleanField(_("beschermt een slachtoffer"), default=False)
    audience = models.ManyToManyField(Person, related_name="+", blank=True, verbose_name=_("zichtbaar voor"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        # Immediate safety first, then lasting safety ("immediate" < "lasting" alphabetically as well).
        ordering = ["kind", "due_on", "id"]


class ReviewStatus(models.TextChoices):
    KEPT = "kept", _("nagekomen")
    PARTLY = "partly", _("deels nagekomen")
    NOT_KEPT = "not_kept", _("niet nagekomen")


class AgreementReview(models.Model):
    """One review of one agreement: kept, partly kept or not kept, with a note; never overwritten."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(_("uitkomst"), max_length=10, choices=ReviewStatus.choices)
    note = EncryptedTextField(_("toelichting"), blank=True, default="")
    reviewed_on = models.DateField(_("geëvalueerd op"))
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-id"]


NO_ANSWER_VERSION = 0  # the version a writer sends for a safe place not recorded yet


class SafePlace(VersionedModel):
    """A victim's answer to "Waar kan je heen als het opnieuw gebeurt?"; shown only to that person. Before the first
    answer there is no row: a writer then sends version 0 (`NO_ANSWER_VERSION`)."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="safe_places")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    answer = EncryptedTextField(_("waar kan deze persoon heen"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="safe_place_once")]
