"""Case conferences with their decisions, and the AVE escalation phase of a case (every change its own row)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.models import Case
from wijkveilig.core.encryption import EncryptedTextField

User = settings.AUTH_USER_MODEL


class RiskEstimate(models.TextChoices):
    LOW = "low", _("laag")
    MODERATE = "moderate", _("matig")
    HIGH = "high", _("hoog")
    UNKNOWN = "unknown", _("nog niet in te schatten")


class CaseConference(models.Model):
    """A casusbespreking: the question, what is known / not known / still to find out, and a risk estimate."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    scheduled_at = models.DateTimeField(_("datum en tijd"))
    participants = models.ManyToManyField(User, related_name="+")
    question = EncryptedTextField(_("vraag"))
    known = EncryptedTextField(_("wat weten we"), blank=True, default="")
    not_known = EncryptedTextField(_("wat weten we niet"), blank=True, default="")
    to_find_out = EncryptedTextField(_("wat moeten we nog uitzoeken"), blank=True, default="")
    risk_estimate = models.CharField(_("risico-inschatting"), max_length=10, choices=RiskEstimate.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-scheduled_at", "-id"]


class ConferenceDecision(models.Model):
    """A decision of a case conference with its owner and due date; done when the owner marks it so."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="decisions")
    description = EncryptedTextField(_("besluit"))
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="conference_decisions")
    due_on = models.DateField(_("uiterlijk op"))
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]


class AvePhase(models.IntegerChoices):
    """AVE (Aanpak Voorkoming Escalatie), Bureau HHM 2018: from green to dark red."""

    NONE_OR_SUSPECTED = 1, _("AVE 1: geen problemen of alleen vermoedens van problemen")
    QUESTION = 2, _("AVE 2: er is een vraag of een probleem")
    COMPLEX = 3, _("AVE 3: complexe problemen op meerdere leefgebieden en sectoren")
    ESCALATED = 4, _("AVE 4: de situatie escaleert volledig")


class AvePhaseChange(models.Model):
    """One scaling of a case up or down (or the first phase set), with the mandatory reason: who, when, why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ave_changes")
    phase = models.PositiveSmallIntegerField(_("AVE-fase"), choices=AvePhase.choices)
    previous_phase = models.PositiveSmallIntegerField(choices=AvePhase.choices)
    case_direction = EncryptedTextField(_("casusregie"))
    process_direction = EncryptedTextField(_("procesregie"))
    reason = EncryptedTextField(_("reden"))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(phase__gte=1, phase__lte=4),
                                              name="collaboration_ave_phase_1_4")]
