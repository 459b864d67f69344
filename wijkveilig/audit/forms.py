from django import forms
from django.utils.translation import gettext_lazy as _

from wijkveilig.audit.models import Outcome


class LogFilterForm(forms.Form):
    error_heading = _("Controleer de filters.")
    case_reference = forms.CharField(label=_("Casus (kenmerk of id)"), max_length=20, required=False)
    username = forms.CharField(label=_("Gebruiker"), max_length=150, required=False)
    outcome = forms.ChoiceField(label=_("Uitkomst"), required=False, choices=[("", _("alle")), *Outcome.choices])
    emergency_only = forms.BooleanField(label=_("Alleen noodtoegang"), required=False)
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
