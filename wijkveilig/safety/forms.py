"""Safety plan forms; the rules themselves live in services and rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkveilig.safety.models import NO_ANSWER_VERSION, AgreementKind, ReviewStatus
from wijkveilig.safety.services import AgreementEntry

TEXT_MAX = 2000
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _text(label, *, required=True, help_text="") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=TEXT_MAX, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 2}))


VERSION = {"widget": forms.HiddenInput, "max_value": 2_000_000_000}  # version + 1 fits the column


class PlanForm(forms.Form):
    vt_conditions = _text(_("Veiligheidsvoorwaarden van Veilig Thuis"), required=False)
    review_on = forms.DateField(label=_("Volgende evaluatiedatum"), required=False, **DATE)
    version = forms.IntegerField(min_value=1, **VERSION)

    @staticmethod
    def initial_for(plan) -> dict:
        """A case without a plan yet: the plan the first save creates has version 1."""
        return {"vt_conditions": plan.vt_conditions if plan else "", "review_on": plan.review_on if plan else None,
                "version": plan.version if plan else 1}

    def clean(self):
        """A browser always sends both fields (empty when cleared); a submit without them would empty the plan's
        conditions and review date unseen, so it changes nothing."""
        if not any(name in self.data for name in self.fields):
            raise forms.ValidationError(_("Het formulier kwam leeg aan; er is niets gewijzigd. Probeer het opnieuw."),
                                        code="empty_submit")
        return super().clean()


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=AgreementKind.choices, widget=forms.RadioSelect)
    who = forms.CharField(label=_("Wie"), max_length=200)
    what = _text(_("Wat"))
    due_on = forms.DateField(label=_("Wanneer (uiterlijk)"), **DATE)
    where = forms.CharField(label=_("Waar"), max_length=200, required=False)
    network = forms.CharField(label=_("Wie uit het netwerk draagt dit mee (namen of rollen)"), max_length=500,
                              required=False)
    is_protective = forms.ChoiceField(
        label=_("Beschermt deze afspraak een slachtoffer (veilige plek, wie te bellen, wie de kinderen ophaalt, "
                "waar heen)?"),
        choices=[("yes", _("Ja, beschermend: nooit zichtbaar voor een (vermoedelijke) pleger")), ("no", _("Nee"))],
        widget=forms.RadioSelect)
    audience = forms.MultipleChoiceField(
        label=_("Voor wie is deze afspraak?"),
        required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [(str(p.pk), f"{p.first_name} {p.last_name}") for p in persons]

    def entry(self) -> AgreementEntry:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        audience = data.pop("audience")
        return AgreementEntry(**data | {"is_protective": data["is_protective"] == "yes",
                                        "audience_ids": tuple(sorted(int(pk) for pk in audience))})


class AgreementEditForm(AgreementForm):
    version = forms.IntegerField(min_value=1, **VERSION)

    @staticmethod
    def initial_for(agreement) -> dict:
        return {"kind": agreement.kind, "who": agreement.who, "what": agreement.what, "due_on": agreement.due_on,
                "where": agreement.where, "network": agreement.network,
                "is_protective": "yes" if agreement.is_protective else "no",
                "audience": [str(p.pk) for p in agreement.audience.all()], "version": agreement.version}


class ReviewForm(forms.Form):
    agreement = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    # No outcome chosen in advance: an untouched form must not record 'nagekomen' (an empty submit changes nothing).
    status = forms.ChoiceField(label=_("Uitkomst"), choices=[("", _("— kies de uitkomst —")), *ReviewStatus.choices],
                               error_messages={"required": _("Kies of de afspraak is nagekomen.")})
    reviewed_on = forms.DateField(label=_("Geëvalueerd op"), **DATE)
    note = _text(_("Toelichting"), required=False)


class SafePlaceForm(forms.Form):
    answer = _text(_("Waar kan deze persoon heen als het opnieuw gebeurt?"))
    version = forms.IntegerField(min_value=NO_ANSWER_VERSION, **VERSION)
