"""Case conferences with their decisions, and the AVE escalation phase of a case (every change its own row)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.models import Case
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel
from wijkveilig.households.models import Household

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
    # AVE assigns per phase who holds operational and administrative responsibility (empty on rows from before).
    operational_responsibility = EncryptedTextField(_("operationele verantwoordelijkheid"), blank=True, default="")
    administrative_responsibility = EncryptedTextField(_("bestuurlijke verantwoordelijkheid"), blank=True,
                                                       default="")
    # The phase the rules suggested when this change was made: a deliberate choice below it is not asked again.
    suggested_phase = models.PositiveSmallIntegerField(null=True, blank=True, choices=AvePhase.choices)
    reason = EncryptedTextField(_("reden"))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(phase__gte=1, phase__lte=4),
                                              name="collaboration_ave_phase_1_4")]


class MdaCriterion(models.TextChoices):
    """Why a case needs MDA++: the examples of the target group (domain-facts.md §4.2)."""

    STRUCTURAL_UNSAFETY = "structural_unsafety", _("structurele onveiligheid met herhaalde incidenten")
    HELP_EXHAUSTED = "help_exhausted", _("reguliere hulp is maximaal ingezet zonder resultaat")
    LONG_HISTORY = "long_history", _("een lange geschiedenis van meldingen")
    ESCALATION_RISK = "escalation_risk", _("hoog risico op escalatie")
    SEVERAL_DOMAINS = "several_domains", _("problemen op meerdere leefgebieden")


class MdaSector(models.TextChoices):
    POLICE = "police", _("politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    MENTAL_HEALTH = "mental_health", _("GGZ")
    ADDICTION_CARE = "addiction_care", _("verslavingszorg")
    PROBATION = "probation", _("reclassering")
    CHILD_PROTECTION = "child_protection", _("jeugdbescherming")
    PROSECUTION = "prosecution", _("Openbaar Ministerie")
    SHELTER = "shelter", _("vrouwen- of maatschappelijke opvang")
    OTHER = "other", _("andere organisatie")


class SharingBasis(models.TextChoices):
    """On what ground the team shares the plan with this partner (to be confirmed by the privacy officer)."""

    CONSENT = "consent", _("toestemming van de betrokkenen")
    COVENANT = "covenant", _("convenant (bijvoorbeeld Zorg- en Veiligheidshuis)")
    STATUTORY_TASK = "statutory_task", _("wettelijke taak van de partner")
    CONFLICT_OF_DUTIES = "conflict_of_duties", _("conflict van plichten (veiligheid gaat voor)")


class MdaEnrolment(VersionedModel):
    """A period in which a household is worked as MDA++: one family, one plan, one case director (casusregisseur).

    Keyed by household: every open case of the household joins the one open enrolment (`MdaCase` rows)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="mda_enrolments")
    cases = models.ManyToManyField(Case, through="MdaCase", related_name="mda_enrolments")
    case_director = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("casusregisseur"))
    contact_person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("vast contactpersoon voor het gezin"))
    criteria = models.JSONField(_("criteria"), default=list)
    reason = EncryptedTextField(_("toelichting"))
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    end_reason = EncryptedTextField(_("reden van beëindigen"), blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["household"], condition=models.Q(ended_at__isnull=True),
                                               name="collaboration_one_active_mda_per_household")]


class MdaCase(models.Model):
    """A case of the household that is part of this MDA++ (the first one and every case that joined later)."""

    enrolment = models.ForeignKey(MdaEnrolment, on_delete=models.CASCADE, related_name="links")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mda_links")
    joined_at = models.DateTimeField(default=timezone.now)
    joined_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "case"], name="collaboration_mda_case_once")]


class MdaPartner(models.Model):
    """An external partner's account on an MDA++ case: sees the shared plan, agreements and decisions, never notes."""

    enrolment = models.ForeignKey(MdaEnrolment, on_delete=models.CASCADE, related_name="partners")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="mda_partnerships")
    sector = models.CharField(_("sector"), max_length=20, choices=MdaSector.choices)
    basis = models.CharField(_("grondslag voor het delen"), max_length=20, choices=SharingBasis.choices)
    basis_note = EncryptedTextField(_("toelichting op de grondslag"))
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    removal_reason = EncryptedTextField(_("reden van verwijderen"), blank=True, default="")

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "user"],
                                               condition=models.Q(removed_at__isnull=True),
                                               name="collaboration_one_active_partnership")]
