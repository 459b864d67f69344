"""Forms of the team and municipality pages; the rules themselves live in the services and rule modules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.teams import reflection, selfscan
from wijkveilig.teams.models import Course, Discipline, ExtraTask, Scenario, Score, TrainingLevel
from wijkveilig.teams.services import AgreementIn, ProfileIn

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
VERSION = {"widget": forms.HiddenInput, "max_value": 2_000_000_000}  # version + 1 fits the column
TEXT_MAX = 4000


class MemberProfileForm(forms.Form):
    discipline = forms.ChoiceField(label=_("Discipline"), required=False,
                                   choices=[("", _("(niet ingevuld)")), *Discipline.choices])
    has_dv_expertise = forms.BooleanField(label=_("Ervaren met huiselijk geweld en kindermishandeling"),
                                          required=False)
    duo_partner = forms.TypedChoiceField(label=_("Vaste duopartner"), required=False, coerce=int, empty_value=None)
    absent_until = forms.DateField(label=_("Afwezig tot en met"), required=False,
                                   help_text=_("Bij verlof of ziekte; leeg als het lid er is."), **DATE)
    max_open_cases = forms.IntegerField(label=_("Maximaal aantal open casussen"), min_value=1, max_value=60)
    version = forms.IntegerField(min_value=1, **VERSION)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duo_partner"].choices = [("", _("(geen)"))] + [
            (m.pk, m.user.get_full_name() or m.user.get_username()) for m in colleagues]

    def values(self) -> ProfileIn:
        d = self.cleaned_data
        return ProfileIn(discipline=d["discipline"], has_dv_expertise=d["has_dv_expertise"],
                         duo_partner_id=d["duo_partner"], absent_until=d["absent_until"],
                         max_open_cases=d["max_open_cases"])


class TrainingForm(forms.Form):
    course = forms.ChoiceField(label=_("Training"), choices=Course.choices)
    level = forms.ChoiceField(label=_("Niveau"), choices=TrainingLevel.choices, widget=forms.RadioSelect)
    completed_on = forms.DateField(label=_("Gevolgd op"), **DATE)
    valid_until = forms.DateField(label=_("Geldig tot en met"), required=False,
                                  help_text=_("Leeg als de training niet verloopt."), **DATE)


class VtAgreementForm(forms.Form):
    scenario = forms.ChoiceField(label=_("Samenwerkingsscenario (VNG)"), choices=Scenario.choices,
                                 widget=forms.RadioSelect)
    regional_agreements = forms.CharField(label=_("Regionale samenwerkingsafspraken"), required=False,
                                          max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    agreed_on = forms.DateField(label=_("Afspraken vastgesteld op"), required=False, **DATE)
    extra_tasks = forms.MultipleChoiceField(label=_("Bovenwettelijke taken van Veilig Thuis"), required=False,
                                            choices=ExtraTask.choices, widget=forms.CheckboxSelectMultiple)
    extra_tasks_other = forms.CharField(label=_("Andere bovenwettelijke taken"), required=False, max_length=300)
    version = forms.IntegerField(min_value=0, **VERSION)

    def values(self) -> AgreementIn:
        d = self.cleaned_data
        return AgreementIn(scenario=d["scenario"], regional_agreements=d["regional_agreements"],
                           agreed_on=d["agreed_on"], extra_tasks=tuple(d["extra_tasks"]),
                           extra_tasks_other=d["extra_tasks_other"])


ANSWER_FIELDS = ("score", "evidence", "action", "action_owner", "action_due_on")


class SelfScanForm(forms.Form):
    """One set of fields per statement (s<id>_score, s<id>_evidence, …), checked with the one answer rule."""

    version = forms.IntegerField(min_value=1, **VERSION)

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statement_ids = [s.pk for s in statements]
        for s in statements:
            self.fields[f"s{s.pk}_score"] = forms.TypedChoiceField(
                label=_("Score"), required=False, coerce=int, empty_value=None,
                choices=[("", _("(nog niet gescoord)")), *Score.choices])
            self.fields[f"s{s.pk}_evidence"] = forms.CharField(
                label=_("Onderbouwing"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"s{s.pk}_action"] = forms.CharField(
                label=_("Actiepunt"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"s{s.pk}_action_owner"] = forms.CharField(label=_("Eigenaar"), required=False,
                                                                   max_length=120)
            self.fields[f"s{s.pk}_action_due_on"] = forms.DateField(label=_("Gereed op"), required=False, **DATE)

    @staticmethod
    def initial_for(scan, rows) -> dict:
        initial = {"version": scan.version}
        for _theme, items in rows:
            for statement, answer in items:
                for name in ANSWER_FIELDS:
                    initial[f"s{statement.pk}_{name}"] = getattr(answer, name) if answer else None
        return initial

    def bound(self, statement_id: int) -> list:
        return [self[f"s{statement_id}_{name}"] for name in ANSWER_FIELDS]

    def clean(self):
        if "version" not in self.data:
            raise forms.ValidationError(_("Het formulier kwam leeg aan; er is niets gewijzigd. Probeer het opnieuw."),
                                        code="empty_submit")
        cleaned = super().clean()
        for statement_id in self.statement_ids:
            for name, message in selfscan.answer_problems(self._answer(statement_id, cleaned)).items():
                if f"s{statement_id}_{name}" not in self.errors:
                    self.add_error(f"s{statement_id}_{name}", message)
        return cleaned

    def _answer(self, statement_id: int, cleaned: dict) -> selfscan.AnswerIn:
        get = lambda name: cleaned.get(f"s{statement_id}_{name}")  # noqa: E731
        return selfscan.AnswerIn(score=get("score"), evidence=get("evidence") or "", action=get("action") or "",
                                 action_owner=get("action_owner") or "", action_due_on=get("action_due_on"))

    def answers(self) -> dict[int, selfscan.AnswerIn]:
        return {sid: self._answer(sid, self.cleaned_data) for sid in self.statement_ids}


class ReflectionForm(forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, widget=forms.HiddenInput)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]
        for number, text in enumerate(reflection.STATEMENTS, start=1):
            self.fields[f"d{number}"] = forms.ChoiceField(
                label=f"{number}. {text}", choices=reflection.ANSWERS, widget=forms.RadioSelect)

    def answers(self) -> dict[int, str]:
        return {number: self.cleaned_data[f"d{number}"] for number in range(1, len(reflection.STATEMENTS) + 1)}


class TeamChoiceForm(forms.Form):
    """A button on the team page (open or close a round) names its team."""

    team = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]


def current_year() -> int:
    return timezone.localdate().year
