from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.forms import _not_too_early
from wijkveilig.cases.models import StatementKind
from wijkveilig.meldcode import texts
from wijkveilig.meldcode.afwegingskader import Question
from wijkveilig.meldcode.models import (
    Complexity,
    ConsultationKind,
    FeedbackMoment,
    MinorsAnswer,
    MonitoringOutcome,
    RiskSituation,
    Severity,
    SkipReason,
    VtAnswerKind,
    VtDecision,
)

YES_NO = [("true", _("ja")), ("false", _("nee"))]
# A date input only shows an ISO value; the Dutch display format (24-11-2026) would leave it empty.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _bool(value) -> bool:
    return value == "true"


class EmptyForm(forms.Form):
    """For POST-only actions without fields; carries the errors the service gives back."""


class SignalLinkForm(forms.Form):
    note = forms.TypedChoiceField(label=_("Bestaand signaal"), coerce=int)
    supports_suspicion = forms.TypedChoiceField(label=_("Ondersteunt dit signaal het vermoeden?"), choices=YES_NO,
                                                coerce=_bool, widget=forms.RadioSelect)

    def __init__(self, *args, notes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].choices = [(n.pk, f"{timezone.localtime(n.occurred_at):%d-%m-%Y %H:%M} — {n.body[:60]}")
                                       for n in notes]


class SignalAddForm(forms.Form):
    statement_kind = forms.ChoiceField(label=_("Waarneming, mening of hypothese?"), choices=StatementKind.choices)
    occurred_at = forms.DateTimeField(label=_("Datum en tijd"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    observer = forms.CharField(label=_("Waargenomen door"), max_length=200, required=False)
    source = forms.CharField(label=_("Bron, als de informatie van een ander komt"), max_length=300, required=False)
    body = forms.CharField(label=_("Het signaal"), widget=TEXT, max_length=20000)
    supports_suspicion = forms.TypedChoiceField(label=_("Ondersteunt dit signaal het vermoeden?"), choices=YES_NO,
                                                coerce=_bool, widget=forms.RadioSelect)


class KindcheckForm(forms.Form):
    risk_situations = forms.MultipleChoiceField(
        label=_("Heeft een volwassene in deze casus een van deze risicosituaties?"), choices=RiskSituation.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    minors = forms.ChoiceField(label=_("Wonen er minderjarigen in het huishouden of horen ze erbij?"),
                               choices=[("", _("nog niet beantwoord")), *MinorsAnswer.choices], required=False,
                               help_text=_("Ook kinderen van een (nieuwe) partner, en een zwangerschap."))
    not_applicable_reason = forms.CharField(
        label=_("Waarom is de kindcheck niet van toepassing?"), widget=TEXT, required=False, max_length=5000,
        help_text=_("Verplicht bij 'niet van toepassing', bijvoorbeeld: de kinderen wonen er niet en er is geen "
                    "contact."))
    includes_partner_children = forms.BooleanField(label=_("Inclusief kinderen van een partner"), required=False)
    pregnancy = forms.BooleanField(label=_("Er is een zwangerschap"), required=False)
    where_children_stay = forms.CharField(label=_("Wie zorgt voor de kinderen en waar verblijven ze overdag?"),
                                          widget=TEXT, required=False, max_length=5000)
    action_taken = forms.CharField(label=_("Wat heeft u gedaan?"), widget=TEXT, required=False, max_length=5000)
    # Required or not depends on the answer about minors; the service checks it, the labels say when.
    required_when = {"minors": _("nodig om de kindcheck af te ronden"),
                     "not_applicable_reason": _("verplicht bij ‘niet van toepassing’"),
                     "action_taken": _("verplicht als er minderjarigen zijn")}


def kindcheck_initial(last) -> dict:
    """The kindcheck form filled with an earlier kindcheck, so a repeat only records what changed."""
    if last is None:
        return {}
    return {"risk_situations": last.risk_situations, "minors": last.minors, "pregnancy": last.pregnancy,
            "not_applicable_reason": last.not_applicable_reason,
            "includes_partner_children": last.includes_partner_children,
            "where_children_stay": last.where_children_stay, "action_taken": last.action_taken}


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Met wie overlegde u?"), choices=ConsultationKind.choices)
    specialist = forms.TypedChoiceField(label=_("Aandachtsfunctionaris"), coerce=int, required=False,
                                        empty_value=None)
    with_whom = forms.CharField(label=_("Naam / functie"), max_length=200, required=False)
    consulted_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    topic = forms.CharField(label=_("Wat heeft u besproken?"), widget=TEXT, max_length=5000)
    advice = forms.CharField(label=_("Welk advies kreeg u?"), widget=TEXT, max_length=5000)
    required_when = {"specialist": _("verplicht bij overleg met de aandachtsfunctionaris"),
                     "with_whom": _("verplicht, behalve bij de aandachtsfunctionaris")}

    def __init__(self, *args, specialists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].choices = [("", "—")] + [(u.pk, u.get_full_name() or u.get_username())
                                                           for u in specialists]


class ConversationForm(forms.Form):
    held = forms.TypedChoiceField(label=_("Is het gesprek gevoerd?"), choices=YES_NO, coerce=_bool,
                                  widget=forms.RadioSelect)
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DATE_WIDGET, required=False)
    with_whom = forms.CharField(label=_("Met wie"), max_length=200, required=False)
    facts_presented = forms.CharField(label=_("Welke feiten en waarnemingen heeft u voorgelegd?"), widget=TEXT,
                                      required=False, max_length=5000)
    reaction = forms.CharField(label=_("Hoe reageerde de cliënt?"), widget=TEXT, required=False, max_length=5000)
    skip_reason = forms.ChoiceField(label=_("Zo niet: waarom niet?"), choices=[("", "—"), *SkipReason.choices],
                                    required=False)
    skip_explanation = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False, max_length=5000)
    required_when = {"held_on": _("verplicht als het gesprek is gevoerd"),
                     "facts_presented": _("verplicht als het gesprek is gevoerd"),
                     "reaction": _("verplicht als het gesprek is gevoerd"),
                     "skip_reason": _("verplicht als het gesprek niet is gevoerd"),
                     "skip_explanation": _("verplicht als het gesprek niet is gevoerd")}


class WeighingForm(forms.Form):
    nature = forms.CharField(label=_("Aard van het geweld"), widget=TEXT, max_length=5000)
    severity = forms.ChoiceField(label=_("Ernst"), choices=Severity.choices)
    risk = forms.CharField(label=_("Risico (op herhaling, escalatie)"), widget=TEXT, max_length=5000)
    is_in_doubt = forms.BooleanField(label=_("Ik twijfel over mijn weging"), required=False,
                                     help_text=_("Bij twijfel altijd Veilig Thuis raadplegen."))
    threatened_persons = forms.TypedMultipleChoiceField(
        label=_("Wie worden bedreigd?"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Sterke afhankelijkheid maakt het ernstiger, bijvoorbeeld bij kwetsbare kinderen."))
    has_great_harm = forms.BooleanField(label=_("Er is grote schade (groot letsel of zware schade)"), required=False)
    complexity_kinds = forms.MultipleChoiceField(
        label=_("Is de situatie complex?"), choices=Complexity.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink aan wat speelt. Wat de casus al noemt, staat aangevinkt."))
    complexity_note = forms.CharField(label=_("Toelichting bij de complexiteit"), widget=TEXT, required=False,
                                      max_length=5000)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threatened_persons"].choices = [(p.pk, str(p)) for p in persons]


class AnswerForm(forms.Form):
    question = forms.ChoiceField(widget=forms.HiddenInput, choices=[(q.value, q.value) for q in Question])
    answer = forms.TypedChoiceField(label=_("Uw antwoord"), choices=YES_NO, coerce=_bool, widget=forms.RadioSelect,
                                    error_messages={"required": _("Kies ja of nee.")})
    justification = forms.CharField(label=_("Onderbouwing"), widget=TEXT, max_length=5000,
                                    error_messages={"required": _("Schrijf op waarom u dit antwoord geeft.")})
    evaluation_on = forms.DateField(label=_("Evaluatiedatum"), widget=DATE_WIDGET, required=False)
    required_when = {"evaluation_on": _("verplicht bij ‘ja’ op vraag 4")}

    def __init__(self, *args, **kwargs):
        """The legend is the question being answered, also when the form comes back with an error (it used to fall
        back to 'Uw antwoord': the label was set after validation had already built the fields)."""
        super().__init__(*args, **kwargs)
        asked = self.data.get(self.add_prefix("question")) if self.is_bound else self.initial.get("question")
        if asked in {q.value for q in Question}:
            self.fields["answer"].label = texts.QUESTIONS[Question(asked)]


class StepReopenForm(forms.Form):
    reason = forms.CharField(label=_("Waarom gaat u terug naar deze stap?"), widget=TEXT, max_length=2000)


class AcuteDangerForm(forms.Form):
    police_called_at = forms.DateTimeField(label=_("Wanneer is 112 gebeld?"),
                                           input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                           validators=[_not_too_early],  # year 1 overflowed in UTC: a 500
                                           widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    called_by = forms.CharField(label=_("Door wie?"), max_length=200)
    note = forms.CharField(label=_("Wat is er gebeurd?"), widget=TEXT, required=False, max_length=5000)


class ReportForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    informed_whom = forms.CharField(label=_("Wie heeft u vooraf over de melding geïnformeerd?"), max_length=300,
                                    required=False)
    informed_reaction = forms.CharField(label=_("Hoe reageerde die persoon? Kon u bezwaren wegnemen?"), widget=TEXT,
                                        required=False, max_length=5000)
    not_informed_reason = forms.CharField(label=_("Of: waarom heeft u niemand geïnformeerd?"), widget=TEXT,
                                          required=False, max_length=5000)


class FeedbackForm(forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=FeedbackMoment.choices)
    decision = forms.ChoiceField(label=_("Besluit van Veilig Thuis"), choices=VtDecision.choices)
    received_on = forms.DateField(label=_("Datum terugkoppeling"), widget=DATE_WIDGET)
    summary = forms.CharField(label=_("Terugkoppeling"), widget=TEXT, max_length=5000)
    safety_conditions = forms.CharField(label=_("Veiligheidsvoorwaarden (bij voorwaarden en vervolg)"), widget=TEXT,
                                        required=False, max_length=5000)


class MonitoringAgreementForm(forms.Form):
    what = forms.CharField(label=_("Wat wordt er gevolgd?"), widget=TEXT, max_length=5000,
                           help_text=_("Bijvoorbeeld: of de afspraken uit het veiligheidsplan nog werken."))
    checker = forms.TypedChoiceField(label=_("Wie controleert? (teamlid)"), coerce=int, required=False,
                                     empty_value=None,
                                     help_text=_("Kies een teamlid, of vul hieronder een naam of organisatie in."))
    checker_text = forms.CharField(label=_("Of: naam of organisatie die controleert"), max_length=200,
                                   required=False)
    due_on = forms.DateField(label=_("Wanneer?"), widget=DATE_WIDGET)

    def __init__(self, *args, checkers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checker"].choices = [("", "—")] + [(u.pk, u.get_full_name() or u.get_username())
                                                        for u in checkers]


class MonitoringCheckForm(forms.Form):
    agreement = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)
    checked_on = forms.DateField(label=_("Datum van de controle"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=MonitoringOutcome.choices, widget=forms.RadioSelect)
    check_note = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False, max_length=5000)


class ReturningViolenceForm(forms.Form):
    occurred_on = forms.DateField(label=_("Wanneer is het gebeurd?"), widget=DATE_WIDGET)
    description = forms.CharField(label=_("Wat is er gebeurd? Waarom stopt de hulp de onveiligheid niet?"),
                                  widget=TEXT, max_length=5000)


class VtAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Wat is het antwoord van Veilig Thuis op vraag 3 tot en met 5?"),
                               choices=VtAnswerKind.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Samenvatting van het overleg met Veilig Thuis"), widget=TEXT, max_length=5000)
    safety_conditions = forms.CharField(label=_("Veiligheidsvoorwaarden van Veilig Thuis (bij hulp onder voorwaarden)"),
                                        widget=TEXT, required=False, max_length=5000)
    monitoring_on = forms.DateField(label=_("Volgende monitoringsdatum (bij hulp onder voorwaarden)"),
                                    widget=DATE_WIDGET, required=False)
    organisation = forms.CharField(label=_("Welke organisatie (bij een andere organisatie)?"), max_length=300,
                                   required=False)
