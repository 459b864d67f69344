from django import forms
from django.utils.translation import gettext_lazy as _

from wijkveilig.analysis.models import RiskLevel, RiskRating
from wijkveilig.analysis.services import NEW_READING_VERSION, ReadingEntry


class RiskReadingForm(forms.Form):
    """The five levels of Factor veiligheid §2.2, each with a rating; a date and a short explanation."""

    read_on = forms.DateField(label=_("Ingeschat op"), widget=forms.DateInput(attrs={"type": "date"}))
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Over de buurt, niet over personen of huishoudens: geen namen of andere persoonsgegevens."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in RiskLevel:
            self.fields[level.value] = forms.ChoiceField(label=level.label, choices=RiskRating.choices,
                                                         widget=forms.RadioSelect)
        self.order_fields([level.value for level in RiskLevel] + ["read_on", "explanation"])

    @staticmethod
    def initial_for(reading) -> dict:
        if reading is None:
            return {"version": NEW_READING_VERSION, **{level.value: RiskRating.UNKNOWN for level in RiskLevel}}
        return {"version": reading.version, "read_on": reading.read_on, "explanation": reading.explanation,
                **{level.value: getattr(reading, level.value) for level in RiskLevel}}

    def entry(self) -> ReadingEntry:
        data = self.cleaned_data
        return ReadingEntry(ratings={level.value: data[level.value] for level in RiskLevel},
                            explanation=data["explanation"], read_on=data["read_on"])

    def level_fields(self):
        return [self[level.value] for level in RiskLevel]
