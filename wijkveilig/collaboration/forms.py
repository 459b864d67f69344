"""Collaboration forms: input parsing only; the rules live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkveilig.cases.rules import due_before_meeting
from wijkveilig.collaboration.models import AvePhase, MdaCriterion, MdaSector, RiskEstimate, SharingBasis
from wijkveilig.collaboration.services import DUE_BEFORE_MEETING, DecisionIn

TEXT = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"})
DECISION_ROWS = 3


class ConferenceForm(forms.Form):
    scheduled_at = forms.DateTimeField(label=_("Datum en tijd"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    participants = forms.TypedMultipleChoiceField(label=_("Deelnemers"), coerce=int,
                                                  widget=forms.CheckboxSelectMultiple)
    question = forms.CharField(label=_("Vraag voor de casusbespreking"), widget=TEXT, max_length=5000)
    known = forms.CharField(label=_("Wat weten we?"), widget=TEXT, max_length=5000, required=False)
    not_known = forms.CharField(label=_("Wat weten we niet?"), widget=TEXT, max_length=5000, required=False)
    to_find_out = forms.CharField(label=_("Wat moeten we nog uitzoeken?"), widget=TEXT, max_length=5000,
                                  required=False)
    risk_estimate = forms.ChoiceField(label=_("Risico-inschatting"), choices=RiskEstimate.choices,
                                      widget=forms.RadioSelect)

    def __init__(self, *args, members=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(u.pk, u.get_full_name() or u.username) for u in members]
        owner_choices = [("", _("— kies —"))] + [(u.pk, u.get_full_name() or u.username) for u in owners]
        for n in range(1, DECISION_ROWS + 1):
            self.fields[f"decision_{n}"] = forms.CharField(label=_("Besluit"), widget=TEXT, max_length=5000,
                                                           required=False)
            self.fields[f"owner_{n}"] = forms.TypedChoiceField(label=_("Eigenaar"), choices=owner_choices,
                                                               coerce=int, empty_value=None, required=False)
            self.fields[f"due_{n}"] = forms.DateField(label=_("Uiterlijk op"), required=False,
                                                      widget=forms.DateInput(attrs={"type": "date"},
                                                                             format="%Y-%m-%d"))

    @property
    def required_when(self) -> dict:
        """An owner and a date are needed once a decision is written (clean() checks it)."""
        when = _("verplicht bij een besluit")
        return {f"{part}_{n}": when for n in range(1, DECISION_ROWS + 1) for part in ("owner", "due")}

    def decision_rows(self):
        return [[self[f"decision_{n}"], self[f"owner_{n}"], self[f"due_{n}"]] for n in range(1, DECISION_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for n in range(1, DECISION_ROWS + 1):
            text, owner, due = data.get(f"decision_{n}"), data.get(f"owner_{n}"), data.get(f"due_{n}")
            if text and (owner is None or due is None):
                self.add_error(f"decision_{n}", _("Geef bij elk besluit een eigenaar en een datum."))
            elif not text and (owner is not None or due is not None):
                self.add_error(f"decision_{n}", _("Beschrijf het besluit of maak eigenaar en datum leeg."))
            # The service refuses this too; here the message lands next to the date that is wrong.
            elif due and data.get("scheduled_at") and due_before_meeting(due_on=due, scheduled_at=data["scheduled_at"]):
                self.add_error(f"due_{n}", DUE_BEFORE_MEETING)
        return data

    def decisions(self) -> list[DecisionIn]:
        data = self.cleaned_data
        return [DecisionIn(description=data[f"decision_{n}"], owner_id=data[f"owner_{n}"], due_on=data[f"due_{n}"])
                for n in range(1, DECISION_ROWS + 1) if data.get(f"decision_{n}")]

    def conference_data(self) -> dict:
        data = self.cleaned_data
        return {"scheduled_at": data["scheduled_at"], "participant_ids": data["participants"],
                "question": data["question"], "known": data["known"], "not_known": data["not_known"],
                "to_find_out": data["to_find_out"], "risk_estimate": data["risk_estimate"],
                "decisions": self.decisions()}


class AveForm(forms.Form):
    phase = forms.TypedChoiceField(label=_("Nieuwe AVE-fase"), choices=AvePhase.choices, coerce=int,
                                   widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reden van op- of afschalen"), widget=TEXT, max_length=5000)
    case_direction = forms.CharField(
        label=_("Casusregie bij"), max_length=300,
        help_text=_("Wie de regie over de casus heeft, bijvoorbeeld de wijkteammedewerker."))
    process_direction = forms.CharField(
        label=_("Procesregie bij"), max_length=300,
        help_text=_("Wie het proces bewaakt, bijvoorbeeld de coördinator of de gemeente."))
    operational_responsibility = forms.CharField(
        label=_("Operationele verantwoordelijkheid bij"), max_length=300,
        help_text=_("Wie in deze fase verantwoordelijk is voor de uitvoering, bijvoorbeeld de teamleider van het "
                    "wijkteam. Noem functies of organisaties, geen cliëntgegevens."))
    administrative_responsibility = forms.CharField(
        label=_("Bestuurlijke verantwoordelijkheid bij"), max_length=300,
        help_text=_("Wie in deze fase bestuurlijk verantwoordelijk is, bijvoorbeeld de wethouder of de burgemeester."))


def _people(users) -> list[tuple]:
    return [("", _("— kies —"))] + [(u.pk, (u.get_full_name() or u.username)
                                     + (f" ({u.organisation})" if u.organisation else "")) for u in users]


class MdaDirectorForm(forms.Form):
    case_director = forms.TypedChoiceField(label=_("Casusregisseur"), coerce=int, empty_value=None,
                                           help_text=_("Eén vaste regisseur voor het hele gezin, uit het wijkteam."))
    contact_person = forms.TypedChoiceField(
        label=_("Vast contactpersoon voor het gezin"), coerce=int, empty_value=None, required=False,
        help_text=_("Een teamlid; mag dezelfde persoon zijn als de casusregisseur. Leeg: de casusregisseur."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_director"].choices = _people(members)
        self.fields["contact_person"].choices = _people(members)


class MdaStartForm(MdaDirectorForm):
    criteria = forms.MultipleChoiceField(label=_("Waarom MDA++?"), choices=MdaCriterion.choices,
                                         widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Toelichting"), widget=TEXT, max_length=5000)
    version = None  # starting makes a new enrolment: nothing to be stale about


class MdaPartnerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Account van de partner"), coerce=int, empty_value=None,
                                  help_text=_("De partner ziet alleen het gedeelde plan, de afspraken en de besluiten;"
                                              " nooit notities."))
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", _("— kies —")), *MdaSector.choices])
    basis = forms.ChoiceField(label=_("Grondslag voor het delen"), choices=SharingBasis.choices,
                              widget=forms.RadioSelect)
    basis_note = forms.CharField(label=_("Toelichting op de grondslag"), widget=TEXT, max_length=2000)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = _people(candidates)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=TEXT, max_length=2000)


class JoinForm(forms.Form):
    """Joining the household's MDA++ takes no input; the form carries the refusal of a stale page."""
