"""Assessments on a case, each a dated row so they can be repeated and compared: Balansmodel, ZRM, Signs of Safety."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.assessment import danger_statement
from wijkveilig.cases.models import Case
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.households.models import Person

User = settings.AUTH_USER_MODEL


class BalanceAssessment(models.Model):
    """One Balansmodel assessment; only the ticked factors are stored, as BalanceFactor rows."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="balance_assessments")
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-assessed_at", "-id"]


class BalanceFactor(models.Model):
    assessment = models.ForeignKey(BalanceAssessment, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField(max_length=60)  # a code of balansmodel.FACTORS
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "code"], name="assessment_factor_once")]


class ZrmAssessment(models.Model):
    """One ZRM 2017 scoring of one person; `information_on` is the date of the information it rests on."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="zrm_assessments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="zrm_assessments")
    information_on = models.DateField(_("datum van de informatie"))
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-assessed_at", "-id"]


class ZrmScore(models.Model):
    assessment = models.ForeignKey(ZrmAssessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(max_length=30)  # a code of zrm.DOMAINS
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="zrm_domain_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="zrm_score_1_5"),
        ]


class SafetyMapping(models.Model):
    """One Signs of Safety mapping: worries, what works well, what needs to happen, and each party's scale."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_mappings")
    harm = EncryptedTextField(_("schade (wat is er gebeurd)"), blank=True, default="")
    complicating_factors = EncryptedTextField(_("complicerende factoren"), blank=True, default="")
    strengths = EncryptedTextField(_("krachten"), blank=True, default="")
    existing_safety = EncryptedTextField(_("bestaande veiligheid"), blank=True, default="")
    next_steps = EncryptedTextField(_("volgende stappen"), blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]


class DangerStatement(models.Model):
    """Who is worried, about what behaviour, what could happen if nothing changes; paired with its safety goal."""

    mapping = models.ForeignKey(SafetyMapping, on_delete=models.CASCADE, related_name="danger_statements")
    position = models.PositiveSmallIntegerField()
    who_worried = EncryptedTextField(_("wie maakt zich zorgen"))
    behaviour = EncryptedTextField(_("over welk gedrag"))
    consequence = EncryptedTextField(_("wat kan er gebeuren als er niets verandert"))
    safety_goal = EncryptedTextField(_("veiligheidsdoel"))
    # The statement as one sentence, as the worker wrote or accepted it; empty on statements recorded before.
    statement = EncryptedTextField(_("gevarenuitspraak"), blank=True, default="")

    class Meta:
        ordering = ["position"]

    def sentence(self) -> str:
        return self.statement or danger_statement.compose(who_worried=self.who_worried, behaviour=self.behaviour,
                                                          consequence=self.consequence)


class SafetyParty(models.TextChoices):
    WORKER = "worker", _("medewerker")
    PARENT = "parent", _("ouder")
    CHILD = "child", _("kind")
    NETWORK = "network", _("netwerk")


class SafetyScale(models.Model):
    """A party's answer on the 0-10 safety scale (0: cannot live at home; 10: safe enough to close)."""

    mapping = models.ForeignKey(SafetyMapping, on_delete=models.CASCADE, related_name="scales")
    party = models.CharField(max_length=10, choices=SafetyParty.choices)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=10), name="safety_scale_0_10"),
        ]
