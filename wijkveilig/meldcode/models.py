"""A Meldcode route on a case: every step event, answer and report is its own row (who, when, what)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.areas.models import Municipality
from wijkveilig.cases.models import Case, Note
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel
from wijkveilig.households.models import Person
from wijkveilig.meldcode.monitoring import CheckOutcome
from wijkveilig.meldcode.weighing import ComplexityKind

User = settings.AUTH_USER_MODEL


class RouteStatus(models.TextChoices):
    ACTIVE = "active", _("lopend")
    CLOSED = "closed", _("afgesloten")


class MeldcodeRoute(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meldcode_routes")
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=RouteStatus.choices, default=RouteStatus.ACTIVE)
    evaluation_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(status="active"),
                                               name="meldcode_one_active_route_per_case")]


class StepAction(models.TextChoices):
    COMPLETED = "completed", _("afgerond")
    REOPENED = "reopened", _("teruggegaan naar deze stap")


class StepEvent(models.Model):
    """A step completed or reopened; the route's progress is the replay of these rows."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="step_events")
    step = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=10, choices=StepAction.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["at", "id"]


class RouteSignal(models.Model):
    """Step 1: a signal on the route, marked as supporting or refuting the suspicion."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="signals")
    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="+")
    supports_suspicion = models.BooleanField(_("ondersteunt het vermoeden"))
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["route", "note"], name="meldcode_signal_once")]


class RiskSituation(models.TextChoices):
    PSYCHIATRIC = "psychiatric", _("ernstige psychiatrische problemen")
    ADDICTION = "addiction", _("verslaving (drugs, alcohol)")
    VIOLENT_PARTNER = "violent_partner", _("gewelddadige partner")
    EVICTION = "eviction", _("dreigende huisuitzetting")
    WEAPON = "weapon", _("wapenbezit")
    DEBTS = "debts", _("ernstige schulden")


class MinorsAnswer(models.TextChoices):
    YES = "yes", _("ja, er wonen of horen minderjarigen bij het huishouden")
    NO = "no", _("nee, geen minderjarigen en geen zwangerschap")
    UNCLEAR = "unclear", _("onduidelijk of ontwijkend antwoord")
    NOT_APPLICABLE = "not_applicable", _("niet van toepassing")


class Kindcheck(models.Model):
    """The kindcheck of a case: in step 1 of a Meldcode route (`route` set) or outside a route (`route` empty)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="kindchecks")
    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="kindchecks", null=True,
                              blank=True)
    risk_situations = models.JSONField(default=list)
    minors = models.CharField(max_length=15, choices=MinorsAnswer.choices, blank=True)
    not_applicable_reason = EncryptedTextField(blank=True, default="")
    includes_partner_children = models.BooleanField(default=False)
    pregnancy = models.BooleanField(default=False)
    where_children_stay = EncryptedTextField(blank=True, default="")
    action_taken = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]


class ConsultationKind(models.TextChoices):
    COLLEAGUE = "colleague", _("collega")
    SPECIALIST = "specialist", _("aandachtsfunctionaris")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis (anoniem advies)")
    INJURY_EXPERT = "injury_expert", _("deskundige letselduiding (bijv. forensisch arts)")


class RouteConsultation(models.Model):
    """Step 2 (and the Veilig Thuis consultation that step 4 needs in doubt): with whom, what, when, advice."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(max_length=15, choices=ConsultationKind.choices)
    with_whom = EncryptedTextField()
    specialist = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    consulted_on = models.DateField()
    topic = EncryptedTextField()
    advice = EncryptedTextField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class SkipReason(models.TextChoices):
    DANGER_CLIENT = "danger_client", _("het gesprek brengt de cliënt in gevaar")
    DANGER_PROFESSIONAL = "danger_professional", _("het gesprek brengt mijzelf in gevaar")
    DANGER_OTHERS = "danger_others", _("het gesprek brengt anderen in gevaar")
    FEAR_LOSING_CONTACT = "fear_losing_contact", _("goede reden om te vrezen dat de cliënt het contact verbreekt")


class RouteConversation(models.Model):
    """Step 3: the conversation with the client(s), or why it was skipped."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="conversations")
    held = models.BooleanField()
    held_on = models.DateField(null=True, blank=True)
    with_whom = EncryptedTextField(blank=True, default="")
    facts_presented = EncryptedTextField(blank=True, default="")
    reaction = EncryptedTextField(blank=True, default="")
    skip_reason = models.CharField(max_length=25, choices=SkipReason.choices, blank=True)
    skip_explanation = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class Severity(models.TextChoices):
    LOW = "low", _("licht")
    MODERATE = "moderate", _("matig")
    SERIOUS = "serious", _("ernstig")


class RouteWeighing(models.Model):
    """Step 4: nature, severity and risk; 'in doubt' needs a Veilig Thuis consultation before completing."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="weighings")
    nature = EncryptedTextField()
    severity = models.CharField(max_length=10, choices=Severity.choices)
    risk = EncryptedTextField()
    is_in_doubt = models.BooleanField(default=False)
    # Factor veiligheid §5: "Wie worden bedreigd? Is er grote schade? Is de situatie complex?"
    threatened_persons = models.ManyToManyField(Person, blank=True, related_name="+")
    has_great_harm = models.BooleanField(default=False)
    complexity_kinds = models.JSONField(default=list, blank=True)
    is_complex = models.BooleanField(default=False)
    complexity_note = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def complexity_labels(self) -> list[str]:
        labels = dict(Complexity.choices)
        return [str(labels[kind]) for kind in self.complexity_kinds if kind in labels]


class Complexity(models.TextChoices):
    """The complexity kinds of step 4 (values from `meldcode.weighing.ComplexityKind`)."""

    HONOUR_RELATED = ComplexityKind.HONOUR_RELATED.value, _("eergerelateerd geweld (ook dreigende eerwraak)")
    TRAFFICKING = ComplexityKind.TRAFFICKING.value, _("loverboyproblematiek / mensenhandel")
    FORCED_MARRIAGE = ComplexityKind.FORCED_MARRIAGE.value, _("huwelijksdwang")
    FGM = ComplexityKind.FGM.value, _("vrouwelijke genitale verminking")
    PSYCHIATRY_WITH_VIOLENCE = ComplexityKind.PSYCHIATRY_WITH_VIOLENCE.value, _(
        "flinke psychiatrische stoornissen in combinatie met geweld")
    SEXUAL_ABUSE_MULTIPLE_VICTIMS = ComplexityKind.SEXUAL_ABUSE_MULTIPLE_VICTIMS.value, _(
        "seksueel misbruik met meerdere slachtoffers")


class SpecialistContact(models.Model):
    """Per municipality: whom a team calls in for specialist help in a complex situation (set in the admin)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="specialist_contacts",
                                     verbose_name=_("gemeente"))
    name = models.CharField(_("naam"), max_length=200)
    expertise = models.JSONField(_("expertise"), default=list, blank=True,
                                 help_text=_("Leeg: voor elke complexe situatie."))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("specialistisch contact")
        verbose_name_plural = _("specialistische contacten")

    def __str__(self):
        return self.name

    def expertise_labels(self) -> list[str]:
        labels = dict(Complexity.choices)
        return [str(labels[kind]) for kind in self.expertise if kind in labels]


class DecisionAnswer(models.Model):
    """Step 5: one answer to one afwegingskader question, with its justification. Latest per question counts."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=20)
    answer = models.BooleanField()
    justification = EncryptedTextField()
    answered_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["answered_at", "id"]


class DecisionConfirmation(models.Model):
    """Where the organisation requires it, the coordinator confirms the step-5 outcome."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="confirmations")
    outcome = models.CharField(max_length=25)
    confirmed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class AcuteDanger(models.Model):
    """Acute danger at any step: 112 called (time, by whom); leads to a report to Veilig Thuis."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="acute_dangers")
    police_called_at = models.DateTimeField()
    called_by = EncryptedTextField()
    note = EncryptedTextField(blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")


class FinalResponsibility(models.TextChoices):
    WORKER = "worker", _("de medewerker neemt stap 5 zelf")
    COORDINATOR_CONFIRMS = "coordinator_confirms", _("de teamcoördinator moet stap 5 bevestigen")


class MeldcodeSetting(models.Model):
    """Per organisation (municipality): who takes final responsibility for step 5."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="meldcode_setting")
    final_responsibility = models.CharField(max_length=25, choices=FinalResponsibility.choices,
                                            default=FinalResponsibility.WORKER)

    class Meta:
        verbose_name = _("Meldcode-instelling")
        verbose_name_plural = _("Meldcode-instellingen")


class VtDecision(models.TextChoices):
    OWN_INVESTIGATION = "own_investigation", _("onderzoek door Veilig Thuis")
    RVDK_REQUEST = "rvdk_request", _("verzoek tot onderzoek aan de Raad voor de Kinderbescherming")
    CONDITIONS = "conditions", _("voorwaarden en vervolg (veiligheidsvoorwaarden)")
    TRANSFER = "transfer", _("overdracht aan het wijkteam of anderen")
    END = "end", _("einde bemoeienis")


class FeedbackMoment(models.TextChoices):
    AFTER_ASSESSMENT = "after_assessment", _("na de veiligheidsbeoordeling")
    AFTER_INVESTIGATION = "after_investigation", _("na het onderzoek")


class VtReport(models.Model):
    """A report (melding) to Veilig Thuis: minimised content, who was informed, feedback deadline."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="vt_reports")
    route = models.ForeignKey(MeldcodeRoute, on_delete=models.PROTECT, related_name="reports")
    idempotency_key = models.CharField(max_length=64, unique=True)
    content = EncryptedTextField()  # JSON: the data-minimised report as sent
    informed_whom = EncryptedTextField(blank=True, default="")
    informed_reaction = EncryptedTextField(blank=True, default="")
    not_informed_reason = EncryptedTextField(blank=True, default="")
    is_acute = models.BooleanField(default=False)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assessment_due_on = models.DateField()
    # Set when the first feedback says Veilig Thuis investigates itself: the second feedback moment's due date.
    investigation_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]


class VtFeedback(models.Model):
    """Feedback from Veilig Thuis after the safety assessment or after an investigation."""

    report = models.ForeignKey(VtReport, on_delete=models.CASCADE, related_name="feedback")
    moment = models.CharField(max_length=25, choices=FeedbackMoment.choices)
    decision = models.CharField(max_length=25, choices=VtDecision.choices)
    safety_conditions = EncryptedTextField(blank=True, default="")
    summary = EncryptedTextField()
    received_on = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_on", "id"]


class MonitoringOutcome(models.TextChoices):
    SAFE = CheckOutcome.SAFE.value, _("veilig: de afspraken werken")
    CONCERNS = CheckOutcome.CONCERNS.value, _("zorgen: mogelijk keert de onveiligheid terug")


class MonitoringAgreement(VersionedModel):
    """Question 5 = yes: what is monitored, who checks, when; and the check once it is done."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="monitoring_agreements")
    what = EncryptedTextField()
    checker = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checker_text = EncryptedTextField(blank=True, default="")
    due_on = models.DateField()
    agreed_at = models.DateTimeField(default=timezone.now)
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=MonitoringOutcome.choices, blank=True)
    check_note = EncryptedTextField(blank=True, default="")
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]

    def checker_display(self) -> str:
        if self.checker_id:
            return self.checker.get_full_name() or self.checker.get_username()
        return self.checker_text


class ReturningViolence(models.Model):
    """Meldnorm 3: during the help period the unsafety returns or the help does not stop it (what, when, who)."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="returning_violence")
    occurred_on = models.DateField(_("wanneer"))
    description = EncryptedTextField(_("wat er is gebeurd"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "id"]


class VtAnswerKind(models.TextChoices):
    VT_TAKES_OVER = "vt_takes_over", _("Veilig Thuis neemt over")
    HELP_UNDER_CONDITIONS = "help_under_conditions", _("het wijkteam helpt onder de veiligheidsvoorwaarden van "
                                                       "Veilig Thuis")
    OTHER_ORGANISATION = "other_organisation", _("een andere organisatie biedt de hulp")


class VtRouteAnswer(models.Model):
    """After a meldnorm-1 report: Veilig Thuis's answer on questions 3-5, as the worker recorded it."""

    route = models.ForeignKey(MeldcodeRoute, on_delete=models.CASCADE, related_name="vt_answers")
    answer = models.CharField(max_length=25, choices=VtAnswerKind.choices)
    summary = EncryptedTextField()
    safety_conditions = EncryptedTextField(blank=True, default="")
    organisation = EncryptedTextField(blank=True, default="")
    monitoring_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "id"]
