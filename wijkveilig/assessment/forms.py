"""Assessment forms: one field per factor, domain or party, built from the data modules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.assessment import balansmodel, conversation, zrm
from wijkveilig.assessment.models import SafetyParty
from wijkveilig.assessment.services import MAX_DANGER_STATEMENTS, DangerEntry, ScaleEntry, ZrmEntry
from wijkveilig.cases.models import StatementKind

NOTE_MAX = 2000
TEXT_MAX = 5000


def _note_field(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=NOTE_MAX,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))


class BalanceForm(forms.Form):
    """A checkbox `f_<code>` and a note `n_<code>` for every Balansmodel factor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in balansmodel.FACTORS:
            self.fields[f"f_{factor.code}"] = forms.BooleanField(label=factor.label, required=False)
            self.fields[f"n_{factor.code}"] = _note_field(_("Toelichting bij: %(factor)s") % {"factor": factor.label})

    def groups(self) -> list[dict]:
        """The fields arranged as the model is drawn: side → level → group → (checkbox, note)."""
        result = []
        for side in balansmodel.Side:
            levels = []
            for level in balansmodel.Level:
                factors = balansmodel.factors_of(side, level)
                groups = [{"label": balansmodel.GROUP_LABELS[group],
                           "rows": [(self[f"f_{f.code}"], self[f"n_{f.code}"]) for f in factors if f.group == group]}
                          for group in dict.fromkeys(f.group for f in factors)]
                levels.append({"level": level, "label": balansmodel.LEVEL_LABELS[level], "groups": groups})
            result.append({"side": side, "label": balansmodel.SIDE_LABELS[side], "levels": levels})
        return result

    def factors(self) -> dict[str, str]:
        data = self.cleaned_data
        return {f.code: data.get(f"n_{f.code}", "") for f in balansmodel.FACTORS if data.get(f"f_{f.code}")}


class ZrmForm(forms.Form):
    information_on = forms.DateField(label=_("Datum van de informatie"),
                                     widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                     help_text=_("De ZRM is een momentopname: informatie ouder dan 30 dagen telt "
                                                 "niet mee."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in zrm.DOMAINS:
            self.fields[f"s_{code}"] = forms.TypedChoiceField(
                label=label, choices=[(n, f"{n} – {text}") for n, text in zrm.SCORES], coerce=int,
                widget=forms.RadioSelect, error_messages={"required": _("Kies een score voor dit domein.")})
            self.fields[f"n_{code}"] = _note_field(_("Toelichting bij: %(domain)s") % {"domain": label})

    def clean_information_on(self):
        value = self.cleaned_data["information_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum van de informatie ligt in de toekomst."))
        if value.year < 1900:
            raise forms.ValidationError(_("Deze datum ligt te ver in het verleden."))
        return value

    def domains(self) -> list[tuple]:
        return [(self[f"s_{code}"], self[f"n_{code}"], code) for code, _label in zrm.DOMAINS]

    def scores(self) -> dict[str, ZrmEntry]:
        data = self.cleaned_data
        return {code: ZrmEntry(score=data[f"s_{code}"], note=data.get(f"n_{code}", "")) for code in zrm.DOMAIN_CODES}


def _text(label, rows=3, required=False) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": rows}))


SCALE_CHOICES = [("", _("niet gevraagd"))] + [(n, str(n)) for n in range(11)]


class SafetyMappingForm(forms.Form):
    harm = _text(_("Schade: wat is er gebeurd?"))
    complicating_factors = _text(_("Complicerende factoren"))
    strengths = _text(_("Krachten"))
    existing_safety = _text(_("Bestaande veiligheid"))
    next_steps = _text(_("Volgende stappen"))

    def __init__(self, *args, persons=(), **kwargs):
        """`persons`: (person, party) pairs of the household, each parent and child giving their own scale."""
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_DANGER_STATEMENTS + 1):
            self.fields[f"d{i}_who_worried"] = _text(_("Wie maakt zich zorgen?"), rows=1)
            self.fields[f"d{i}_behaviour"] = _text(_("Over welk gedrag (concreet, uit het verleden)?"), rows=2)
            self.fields[f"d{i}_consequence"] = _text(_("Wat kan er gebeuren als er niets verandert?"), rows=2)
            self.fields[f"d{i}_safety_goal"] = _text(_("Veiligheidsdoel: wat moet er te zien zijn, en hoe lang?"),
                                                     rows=2)
            self.fields[f"d{i}_statement"] = forms.CharField(
                label=_("De gevarenuitspraak als zin"), required=False, max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Leeg laten: Wijkveilig maakt de zin uit de onderdelen hierboven. Daarna kunt u hem hier "
                            "aanpassen."))
        # Each part of a danger statement is needed once the worker starts one (the service refuses half a statement).
        self.required_when = {f"d{i}_{part}": _("verplicht als u deze gevarenuitspraak invult")
                              for i in range(1, MAX_DANGER_STATEMENTS + 1)
                              for part in ("who_worried", "behaviour", "consequence", "safety_goal")}
        self.scale_keys = [("scale_worker", SafetyParty.WORKER, None, SafetyParty.WORKER.label)]
        for person, party in persons:
            self.scale_keys.append((f"scale_p{person.pk}", party, person.pk, f"{SafetyParty(party).label}: {person}"))
        self.scale_keys.append(("scale_network", SafetyParty.NETWORK, None, SafetyParty.NETWORK.label))
        for key, _party, _person, label in self.scale_keys:
            self.fields[key] = forms.TypedChoiceField(label=label, choices=SCALE_CHOICES, coerce=int, required=False,
                                                      empty_value=None)

    def danger_rows(self) -> list[list]:
        parts = ("who_worried", "behaviour", "consequence", "safety_goal", "statement")
        return [[self[f"d{i}_{p}"] for p in parts] for i in range(1, MAX_DANGER_STATEMENTS + 1)]

    def scale_fields(self) -> list:
        return [self[key] for key, *_rest in self.scale_keys]

    def dangers(self) -> list[DangerEntry]:
        data, result = self.cleaned_data, []
        for i in range(1, MAX_DANGER_STATEMENTS + 1):
            values = {p: data.get(f"d{i}_{p}", "") for p in ("who_worried", "behaviour", "consequence", "safety_goal",
                                                             "statement")}
            if any(v.strip() for v in values.values()):
                result.append(DangerEntry(**values))
        return result

    def scales(self) -> list[ScaleEntry]:
        data = self.cleaned_data
        return [ScaleEntry(party=party, person_id=person_id, score=data[key])
                for key, party, person_id, _label in self.scale_keys if data.get(key) is not None]

    def mapping_texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in
                ("harm", "complicating_factors", "strengths", "existing_safety", "next_steps")}


def _question_choices() -> list:
    choices = [("", _("Kies een vraag")), (_("Basisvragen huiselijk geweld"), list(conversation.BASIC_QUESTIONS))]
    for _area, label, rows in conversation.QUEZ_AREAS:
        choices.append((_("QueZ – %(area)s") % {"area": label}, list(rows)))
    return choices


class ConversationAnswerForm(forms.Form):
    question = forms.ChoiceField(label=_("Vraag"), choices=_question_choices)
    answer = forms.CharField(label=_("Antwoord (zo letterlijk mogelijk)"), max_length=TEXT_MAX,
                             widget=forms.Textarea(attrs={"rows": 4}))
    statement_kind = forms.ChoiceField(label=_("Aard van de uitspraak"), choices=StatementKind.choices,
                                       initial=StatementKind.OPINION)
