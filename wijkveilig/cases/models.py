"""The case file: a household's case, its participants, forms of violence, notes and grants."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.accounts.models import Team
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel
from wijkveilig.households.models import Household, Person


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class CloseReason(models.TextChoices):
    SAFETY_REACHED = "safety_reached", _("veiligheid bereikt, geen zorgen meer")
    NO_SUSPICION = "no_suspicion", _("geen vermoeden (meer)")
    TRANSFERRED = "transferred", _("overgedragen aan andere organisatie")
    MOVED = "moved", _("huishouden verhuisd buiten het werkgebied")
    CLIENT_REFUSED = "client_refused", _("hulp geweigerd; Veilig Thuis geïnformeerd")
    OTHER = "other", _("anders (toelichting verplicht)")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CaseStatus.OPEN)

    def visible_to(self, user, *, resolved: bool = False):
        """Cases this user may open (in some section); the rule is `cases.policy` (a UNION of indexed lookups).

        `resolved=True` reads the ids first (one query) and filters on that list: PostgreSQL then starts a list page
        from the user's own cases, which it cannot estimate across the UNION and the row-level-security policy (it
        may scan all of the municipality's cases instead). The list is bounded by the user's own teams and cases."""
        from wijkveilig.cases.policy import case_ids

        ids = case_ids(user)
        if ids is None:
            return self.none()
        return self.filter(pk__in=list(ids) if resolved else ids)

    def in_teams_of(self, user):
        """Cases owned by one of the user's teams (existence only, for the team list)."""
        return self.filter(team__memberships__user=user)


class Case(VersionedModel):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    summary = EncryptedTextField(_("aanleiding"), blank=True, default="")
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    close_reason = models.CharField(_("reden sluiting"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = EncryptedTextField(_("toelichting sluiting"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN) | ~Q(close_reason=""), name="case_closed_has_reason"
            )
        ]

    def __str__(self):
        return self.reference


class Assignment(models.Model):
    """A worker assigned to a case; at most two active at a time (a duo)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(ended_at__isnull=True), name="assignment_one_active_per_user"
            )
        ]


class ParticipantRole(models.TextChoices):
    VICTIM = "victim", _("slachtoffer")
    SUSPECTED_PERPETRATOR = "suspected_perpetrator", _("(vermoedelijk) pleger")
    CHILD = "child", _("kind")
    WITNESS = "witness", _("getuige")
    INFORMAL_CARER = "informal_carer", _("mantelzorger")
    OTHER = "other", _("anders betrokken")


class Participant(models.Model):
    """A person's role in a case (one person can hold several roles)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("rol in de casus"), max_length=30, choices=ParticipantRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person", "role"], name="participant_unique")]


class ViolenceForm(models.TextChoices):
    CHILD_ABUSE = "child_abuse", _("kindermishandeling (incl. verwaarlozing, getuige van huiselijk geweld)")
    PARTNER_VIOLENCE = "partner_violence", _("(ex-)partnergeweld")
    ELDER_ABUSE = "elder_abuse", _("ouderenmishandeling, -uitbuiting en -verwaarlozing")
    HONOUR_RELATED = "honour_related", _("eergerelateerd geweld")
    FGM = "fgm", _("vrouwelijke genitale verminking")
    FORCED_MARRIAGE = "forced_marriage", _("huwelijksdwang")
    SEXUAL_VIOLENCE = "sexual_violence", _("seksueel geweld")
    TRAFFICKING = "trafficking", _("mensenhandel / loverboyproblematiek")
    DERAILED_CARE = "derailed_care", _("ontspoorde mantelzorg")


class ViolenceNature(models.TextChoices):
    PHYSICAL = "physical", _("lichamelijk")
    PSYCHOLOGICAL = "psychological", _("psychisch")
    SEXUAL = "sexual", _("seksueel")
    NEGLECT = "neglect", _("verwaarlozing")


class CaseViolenceForm(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="violence_forms")
    form = models.CharField(_("vorm van geweld"), max_length=30, choices=ViolenceForm.choices)
    natures = models.JSONField(_("aard"), default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "form"], name="violence_form_unique")]

    def get_natures_display(self) -> list[str]:
        labels = dict(ViolenceNature.choices)
        return [str(labels.get(value, value)) for value in self.natures]


class NoteKind(models.TextChoices):
    NOTE = "note", _("notitie")
    SIGNAL = "signal", _("signaal")


class StatementKind(models.TextChoices):
    OBSERVATION = "observation", _("waarneming (feit)")
    OPINION = "opinion", _("mening van iemand")
    HYPOTHESIS = "hypothesis", _("hypothese / vermoeden")


class Note(VersionedModel):
    """A note or signal; free text is encrypted at rest."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("soort"), max_length=10, choices=NoteKind.choices, default=NoteKind.NOTE)
    statement_kind = models.CharField(_("aard van de uitspraak"), max_length=12, choices=StatementKind.choices)
    occurred_at = models.DateTimeField(_("datum en tijd"))
    place = EncryptedTextField(_("plaats"), blank=True, default="")
    observer = EncryptedTextField(_("waargenomen door"), blank=True, default="")
    source = EncryptedTextField(_("bron (informatie van derden)"), blank=True, default="")
    body = EncryptedTextField(_("tekst"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["-occurred_at", "-id"]


class Consultation(models.Model):
    """The aandachtsfunctionaris was consulted on this case, which grants them read access."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultations")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    question = EncryptedTextField(_("vraag"), blank=True, default="")
    requested_at = models.DateTimeField(default=timezone.now)


class EmergencyAccess(models.Model):
    """Noodknop: a team member opened a case outside their assignment, with a reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses")
    reason = EncryptedTextField(_("reden"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]


class TimelineEvent(models.Model):
    """A line on the case timeline; carries codes and references, never free text."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    event = models.CharField(max_length=40)
    note = models.ForeignKey(Note, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    detail = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
