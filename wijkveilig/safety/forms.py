"""Safety plan forms; the rules themselves live in services and rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkveilig.safety.models import AgreementKind, ReviewStatus
from wijkveilig.safety.services import AgreementEntry

TEXT_MAX = 2000
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _text(label, *, required=True, help_text="") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=TEXT_MAX, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 2}))


class PlanForm(forms.Form):
    vt_conditions = _text(_("Veiligheidsvoorwaarden van Veilig Thuis"), required=False)
    review_on = forms.DateField(label=_("Volgende evaluatiedatum"), required=False, **DATE)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=AgreementKind.choices, widget=forms.RadioSelect)
    who = forms.CharField(label=_("Wie"), max_length=200)
    what = _text(_("Wat"))
    due_on = forms.DateField(label=_("Wanneer (uiterlijk)"), **DATE)
    where = forms.CharField(label=_("Waar"), max_length=200, required=False)
    network = forms.CharField(label=_("Wie uit het netwerk draagt dit mee (namen of rollen)"), max_length=500,
                              required=False)

    def entry(self) -> AgreementEntry:
        return AgreementEntry(**self.cleaned_data)


class ReviewForm(forms.Form):
    agreement = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    status = forms.ChoiceField(label=_("Uitkomst"), choices=ReviewStatus.choices)
    reviewed_on = forms.DateField(label=_("Geëvalueerd op"), **DATE)
    note = _text(_("Toelichting"), required=False)


class SafePlaceForm(forms.Form):
    answer = _text(_("Waar kan deze persoon heen als het opnieuw gebeurt?"))
