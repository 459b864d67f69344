"""Team profile (disciplines, expertise, training), the municipality's agreements with Veilig Thuis, the yearly
Kwaliteitskader self-scan and the anonymous drempels reflection. What a role may do lives in policy.py."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkveilig.accounts.models import Membership, Team
from wijkveilig.areas.models import Municipality
from wijkveilig.core.models import VersionedModel


class Discipline(models.TextChoices):
    SOCIAL_WORK = "social_work", _("maatschappelijk werk")
    YOUTH = "youth", _("jeugd")
    WMO = "wmo", _("Wmo")
    DEBT = "debt", _("schuldhulpverlening")
    MENTAL_HEALTH = "mental_health", _("GGZ")
    COMMUNITY = "community", _("opbouwwerk")
    OTHER = "other", _("anders")


class MemberProfile(VersionedModel):
    """What the team knows about one member beyond the account: discipline, duo partner, availability, caseload."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="profile")
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices, blank=True, default="")
    duo_partner = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("vaste duopartner"))
    absent_until = models.DateField(_("afwezig tot en met"), null=True, blank=True)
    max_open_cases = models.PositiveSmallIntegerField(_("maximaal aantal open casussen"), default=12)

    class Meta:
        verbose_name = _("teamprofiel van een lid")
        verbose_name_plural = _("teamprofielen van leden")

    def __str__(self):
        return str(self.membership)


class Course(models.TextChoices):
    MELDCODE = "meldcode", _("Meldcode huiselijk geweld en kindermishandeling")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Signaleren en bespreken van huiselijk geweld")
    CHILD_ABUSE = "child_abuse", _("Kindermishandeling")
    ELDER_ABUSE = "elder_abuse", _("Ouderenmishandeling")
    HONOUR_VIOLENCE = "honour_violence", _("Eergerelateerd geweld")
    SAFETY_ASSESSMENT = "safety_assessment", _("Veiligheid taxeren en veiligheidsplan")


class TrainingLevel(models.TextChoices):
    BASIC = "basic", _("basis")
    ADVANCED = "advanced", _("verdieping")


class TrainingRecord(models.Model):
    """A course a member finished; only ever added (a refresher is a new record)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("training"), max_length=30, choices=Course.choices)
    level = models.CharField(_("niveau"), max_length=10, choices=TrainingLevel.choices)
    completed_on = models.DateField(_("gevolgd op"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")
        ordering = ["-completed_on", "-pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("completed_on")),
            name="training_valid_after_completion")]

    def __str__(self):
        return f"{self.get_course_display()} ({self.get_level_display()})"


class Scenario(models.TextChoices):
    """The three VNG scenarios for Veilig Thuis and the social domain (Factor veiligheid §5)."""

    VT_CONCENTRATED = "vt_concentrated", _("Expertise vooral geconcentreerd bij Veilig Thuis op regioniveau")
    VT_AREA_BASED = "vt_area_based", _("Veilig Thuis gebiedsgericht")
    LOCAL_EXPERTISE = "local_expertise", _("Expertise in het sociale domein")


class ExtraTask(models.TextChoices):
    """Bovenwettelijke taken a municipality may agree with Veilig Thuis (Factor veiligheid §5: 'zoals voorlichting,
    monitoring van de aanpak, casusregie en dergelijke')."""

    INFORMATION = "information", _("voorlichting")
    MONITORING = "monitoring", _("monitoring van de aanpak")
    CASE_DIRECTION = "case_direction", _("casusregie")
    CONSULTATION = "consultation", _("consultatie op locatie bij het wijkteam")
    TRAINING = "training", _("deskundigheidsbevordering van het wijkteam")


class VtAgreement(VersionedModel):
    """Per municipality: the collaboration scenario with Veilig Thuis and the regional agreements."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="vt_agreement")
    scenario = models.CharField(_("samenwerkingsscenario"), max_length=20, choices=Scenario.choices)
    regional_agreements = models.TextField(_("regionale samenwerkingsafspraken"), blank=True, default="")
    agreed_on = models.DateField(_("afspraken vastgesteld op"), null=True, blank=True)
    extra_tasks = models.JSONField(_("bovenwettelijke taken van Veilig Thuis"), default=list, blank=True)
    extra_tasks_other = models.CharField(_("andere bovenwettelijke taken"), max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("samenwerkingsafspraak met Veilig Thuis")
        verbose_name_plural = _("samenwerkingsafspraken met Veilig Thuis")

    def __str__(self):
        return str(self.municipality)

    def extra_task_labels(self) -> list[str]:
        labels = dict(ExtraTask.choices)
        return [str(labels[t]) for t in self.extra_tasks if t in labels] + (
            [self.extra_tasks_other] if self.extra_tasks_other else [])


class SelfScanTheme(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("thema"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema van de zelfscan")
        verbose_name_plural = _("thema's van de zelfscan")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class SelfScanStatement(models.Model):
    """One statement of the self-scan; Wijkveilig's own wording from the source texts (decision 0051)."""

    theme = models.ForeignKey(SelfScanTheme, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField(_("stelling"))
    source = models.CharField(_("bron"), max_length=200, blank=True, default="")
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("stelling van de zelfscan")
        verbose_name_plural = _("stellingen van de zelfscan")
        ordering = ["theme__order", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class SelfScan(VersionedModel):
    """One municipality's self-scan of one year; its answers are saved together under this version."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="self_scans")
    year = models.PositiveSmallIntegerField(_("jaar"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zelfscan Kwaliteitskader")
        verbose_name_plural = _("zelfscans Kwaliteitskader")
        ordering = ["municipality", "year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="selfscan_unique_year")]

    def __str__(self):
        return f"{self.municipality} {self.year}"


class Score(models.IntegerChoices):
    NOT_ARRANGED = 1, _("1 – niet geregeld")
    STARTED = 2, _("2 – in ontwikkeling")
    MOSTLY = 3, _("3 – grotendeels op orde")
    ARRANGED = 4, _("4 – op orde en geborgd")


class SelfScanAnswer(models.Model):
    scan = models.ForeignKey(SelfScan, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(SelfScanStatement, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices, null=True, blank=True)
    evidence = models.TextField(_("onderbouwing"), blank=True, default="")
    action = models.TextField(_("actiepunt"), blank=True, default="")
    action_owner = models.CharField(_("eigenaar actiepunt"), max_length=120, blank=True, default="")
    action_due_on = models.DateField(_("actiepunt gereed op"), null=True, blank=True)

    class Meta:
        verbose_name = _("antwoord in de zelfscan")
        verbose_name_plural = _("antwoorden in de zelfscan")
        constraints = [models.UniqueConstraint(fields=["scan", "statement"], name="selfscan_answer_unique")]


class ReflectionRound(models.Model):
    """One round of the anonymous drempels questionnaire in a team. Results show only once it is closed."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="reflection_rounds")
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    respondents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reflectieronde drempels")
        verbose_name_plural = _("reflectierondes drempels")
        ordering = ["team", "-opened_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["team"], condition=models.Q(closed_on__isnull=True),
                                               name="reflection_one_open_round_per_team")]


class ReflectionTally(models.Model):
    """How many in a round chose one answer to one statement. Counters only: no answer row exists that could be
    put next to the 'has answered' row or the access log (decision 0053)."""

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="tallies")
    statement = models.PositiveSmallIntegerField()
    answer = models.CharField(max_length=12)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "statement", "answer"], name="reflection_tally_unique")]


class ReflectionParticipation(models.Model):
    """That a member answered in a round (to refuse a second answer); says nothing about the answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="reflection_answer_once")]
