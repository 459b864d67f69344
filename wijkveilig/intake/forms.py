from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.forms import _not_too_early
from wijkveilig.cases.models import ParticipantRole
from wijkveilig.intake.models import Source
from wijkveilig.intake.services import PersonKnown
from wijkveilig.intake.triage import Colour, TriageAnswers

PERSON_ROWS = 3
YES_NO = [("yes", _("ja")), ("no", _("nee"))]
TRIAGE_HELP = _("De kleurcode is een eigen schaal van Wijkveilig, gebaseerd op de triagevragen van Veilig Thuis; "
                "het is geen landelijke standaard.")
QUESTION_LABELS = {
    "direct_danger": _("A. Is er direct gevaar?"),
    "structural_unsafety": _("B. Is er sprake van structurele ernstige onveiligheid?"),
    "multi_problem": _("C. Is er een schadelijke multiprobleemsituatie?"),
}


class AddressForm(forms.Form):
    household_name = forms.CharField(label=_("Naam huishouden"), max_length=120,
                                     help_text=_("Bijvoorbeeld de achternaam van het gezin, of 'onbekend'."))
    street = forms.CharField(label=_("Straat"), max_length=120, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=12, required=False)
    postcode = forms.RegexField(label=_("Postcode"), regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", required=False, max_length=8,
                                error_messages={"invalid": _("Vul een postcode in als 1234 AB.")})
    city = forms.CharField(label=_("Plaats"), max_length=80, required=False)
    observation = forms.CharField(label=_("Wat is waargenomen"), widget=forms.Textarea(attrs={"rows": 5}),
                                  max_length=20000, help_text=_("Feiten: wie, wat, wanneer, waar. Geen oordelen."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, PERSON_ROWS + 1):
            self.fields[f"p{i}_first_name"] = forms.CharField(label=_("Persoon %(n)s: voornaam") % {"n": i},
                                                              max_length=80, required=False)
            self.fields[f"p{i}_last_name"] = forms.CharField(label=_("Persoon %(n)s: achternaam") % {"n": i},
                                                             max_length=120, required=False)
            self.fields[f"p{i}_birth_date"] = forms.DateField(
                label=_("Persoon %(n)s: geboortedatum") % {"n": i}, required=False, validators=[_not_too_early],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
            self.fields[f"p{i}_bsn"] = forms.CharField(label=_("Persoon %(n)s: BSN (als bekend)") % {"n": i},
                                                       max_length=9, required=False)
            self.fields[f"p{i}_role"] = forms.ChoiceField(label=_("Persoon %(n)s: rol") % {"n": i}, required=False,
                                                          choices=[("", "—"), *ParticipantRole.choices])

    def person_fields(self):
        return [self[name] for name in self.fields if name.startswith("p") and name[1:2].isdigit()]

    def persons(self) -> list[PersonKnown]:
        data, found = self.cleaned_data, []
        for i in range(1, PERSON_ROWS + 1):
            first, last = data.get(f"p{i}_first_name", ""), data.get(f"p{i}_last_name", "")
            if first or last or data.get(f"p{i}_bsn") or data.get(f"p{i}_birth_date"):
                found.append(PersonKnown(first_name=first, last_name=last, birth_date=data.get(f"p{i}_birth_date"),
                                         bsn=data.get(f"p{i}_bsn", ""), role=data.get(f"p{i}_role", "")))
        return found

    def address(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("household_name", "street", "house_number", "postcode", "city",
                                                   "observation")}


def _version_field():
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)


class TriageForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question, label in QUESTION_LABELS.items():
            self.fields[question] = forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect)
            self.fields[f"{question}_reason"] = forms.CharField(
                label=_("Onderbouwing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def triage_fields(self):
        return [self[name] for q in QUESTION_LABELS for name in (q, f"{q}_reason")]

    def answers(self) -> TriageAnswers:
        return TriageAnswers(**{q: self.cleaned_data[q] == "yes" for q in QUESTION_LABELS})

    def reasons(self) -> dict[str, str]:
        return {q: self.cleaned_data[f"{q}_reason"] for q in QUESTION_LABELS}


class ConcernForm(AddressForm, TriageForm):
    """Register an incoming concern and triage it on arrival."""

    source = forms.ChoiceField(label=_("Bron"), choices=Source.choices)
    received_at = forms.DateTimeField(label=_("Ontvangen op"), validators=[_not_too_early],
                                      initial=lambda: timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    field_order = ["source", "received_at"]

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s, Source(s).label) for s in Source.values if s in sources]


class ShareForm(AddressForm):
    """'Zorg delen' for partner and volunteer organisations: the short form."""


class TriageUpdateForm(TriageForm):
    """Triage of a registered concern: carries the version it was shown at."""

    version = _version_field()


class OverruleForm(forms.Form):
    colour = forms.ChoiceField(label=_("Nieuwe kleur"), choices=Colour.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reden (verplicht)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    version = _version_field()


class ClaimForm(forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]


class VtReportForm(forms.Form):
    """The report to Veilig Thuis made from a concern: prefilled with what the intake knows."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    observation = forms.CharField(label=_("Wat is waargenomen"), widget=forms.Textarea(attrs={"rows": 5}),
                                  max_length=20000, help_text=_("Overgenomen uit de zorg; vul aan met feiten."))
    informed_whom = forms.CharField(label=_("Wie heeft u vooraf over de melding geïnformeerd?"), max_length=300,
                                    required=False)
    informed_reaction = forms.CharField(label=_("Hoe reageerde die persoon? Kon u bezwaren wegnemen?"),
                                        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)
    not_informed_reason = forms.CharField(label=_("Of: waarom heeft u niemand geïnformeerd?"),
                                          widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)


class VtKnownForm(forms.Form):
    """Veilig Thuis already has this concern: its reference and since when."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    vt_reference = forms.CharField(label=_("Kenmerk van Veilig Thuis"), max_length=60)
    vt_known_on = forms.DateField(label=_("Bij Veilig Thuis bekend sinds"), validators=[_not_too_early],
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class CaseFromConcernForm(forms.Form):
    household = forms.ChoiceField(label=_("Huishouden"), widget=forms.RadioSelect)
    workers = forms.TypedMultipleChoiceField(label=_("Medewerkers (één of twee)"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, matches=(), team_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [
            *[(str(m.household.pk), _("Koppelen aan bekend huishouden %(name)s — overeenkomst: %(why)s") % {
                "name": m.household.name, "why": ", ".join(m.reasons)}) for m in matches],
            ("new", _("Nieuw huishouden aanmaken")),
        ]
        self.fields["workers"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in team_members]

    def household_id(self) -> int | None:
        value = self.cleaned_data["household"]
        return None if value == "new" else int(value)
