from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.models import CloseReason, NoteKind, ParticipantRole, StatementKind, ViolenceForm, ViolenceNature
from wijkveilig.households.models import Gender, RelationKind

EARLIEST_YEAR = 1900  # older dates are typing errors, and year 1 cannot even be stored in UTC


def _not_too_early(value):
    if value is not None and value.year < EARLIEST_YEAR:
        raise forms.ValidationError(_("Deze datum ligt te ver in het verleden."), code="too_early")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CaseOpenForm(forms.Form):
    household_name = forms.CharField(label=_("Naam huishouden"), max_length=120,
                                     help_text=_("Bijvoorbeeld de achternaam van het gezin."))
    street = forms.CharField(label=_("Straat"), max_length=120, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=12, required=False)
    postcode = forms.RegexField(label=_("Postcode"), regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", required=False, max_length=8,
                                error_messages={"invalid": _("Vul een postcode in als 1234 AB.")})
    city = forms.CharField(label=_("Plaats"), max_length=80, required=False)
    summary = forms.CharField(label=_("Aanleiding"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=10000)


class CaseSummaryForm(VersionForm):
    summary = forms.CharField(label=_("Aanleiding"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=10000)


class CaseCloseForm(VersionForm):
    # No reason chosen in advance: pressing 'Sluiten' on the untouched form must not close the case.
    reason = forms.ChoiceField(label=_("Reden voor het sluiten"), choices=[("", _("— kies een reden —")),
                                                                          *CloseReason.choices],
                               error_messages={"required": _("Kies een reden voor het sluiten.")})
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=5000)
    required_when = {"note": _("verplicht bij ‘anders’")}


class AssignForm(forms.Form):
    workers = forms.TypedMultipleChoiceField(label=_("Medewerkers (één of twee)"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, team_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in team_members]


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Achternaam"), max_length=120)
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, validators=[_not_too_early],
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    gender = forms.ChoiceField(label=_("Geslacht"), choices=Gender.choices, initial=Gender.OTHER)
    bsn = forms.CharField(label=_("BSN (als bekend)"), max_length=9, required=False)
    roles = forms.MultipleChoiceField(label=_("Rol in de casus"), choices=ParticipantRole.choices,
                                      widget=forms.CheckboxSelectMultiple)


class PersonEditForm(PersonForm, VersionForm):
    pass


class RelationForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Persoon"), coerce=int)
    kind = forms.ChoiceField(label=_("is"), choices=RelationKind.choices)
    other = forms.TypedChoiceField(label=_("van"), coerce=int)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, str(p)) for p in persons]
        self.fields["person"].choices = choices
        self.fields["other"].choices = choices


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=NoteKind.choices, initial=NoteKind.SIGNAL)
    statement_kind = forms.ChoiceField(label=_("Is dit een waarneming, een mening of een hypothese?"),
                                       choices=StatementKind.choices)
    occurred_at = forms.DateTimeField(label=_("Datum en tijd"),
                                      initial=lambda: timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                      validators=[_not_too_early],
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    observer = forms.CharField(label=_("Waargenomen door"), max_length=200, required=False)
    source = forms.CharField(label=_("Bron, als de informatie van een ander komt"), max_length=300, required=False)
    body = forms.CharField(label=_("Wat is er gezien, gehoord of gezegd?"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=20000)


class NoteEditForm(VersionForm):
    statement_kind = NoteForm.base_fields["statement_kind"]
    place = NoteForm.base_fields["place"]
    observer = NoteForm.base_fields["observer"]
    source = NoteForm.base_fields["source"]
    body = NoteForm.base_fields["body"]


class ViolenceFormsForm(forms.Form):
    """One checkbox per form of violence, each with its natures (physical, psychological, ...)."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for value, label in ViolenceForm.choices:
            self.fields[f"form_{value}"] = forms.BooleanField(label=label, required=False, initial=value in current)
            self.fields[f"natures_{value}"] = forms.MultipleChoiceField(
                label=_("Aard"), choices=ViolenceNature.choices, required=False, widget=forms.CheckboxSelectMultiple,
                initial=current.get(value, []))

    def rows(self):
        return [(self[f"form_{value}"], self[f"natures_{value}"]) for value in ViolenceForm.values]

    def selected(self) -> dict[str, list[str]]:
        data = self.cleaned_data
        return {value: data[f"natures_{value}"] for value in ViolenceForm.values if data[f"form_{value}"]}


class ConsultForm(forms.Form):
    specialist = forms.TypedChoiceField(label=_("Aandachtsfunctionaris"), coerce=int)
    question = forms.CharField(label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=5000)

    def __init__(self, *args, specialists=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Nobody chosen in advance: consulting gives that specialist access to the case, so it is never one click.
        self.fields["specialist"].choices = [("", _("— kies een aandachtsfunctionaris —"))] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in specialists]


class EmergencyForm(forms.Form):
    reason = forms.CharField(label=_("Waarom moet u deze casus nu openen?"), widget=forms.Textarea(attrs={"rows": 3}),
                             min_length=10, max_length=2000)


class CaseSearchForm(forms.Form):
    error_heading = _("Controleer de zoekopdracht.")
    q = forms.CharField(label=_("Zoeken op kenmerk of naam"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("alle")), ("open", _("open")), ("closed", _("gesloten"))])
    form = forms.ChoiceField(label=_("Vorm van geweld"), required=False,
                             choices=[("", _("alle")), *ViolenceForm.choices])
