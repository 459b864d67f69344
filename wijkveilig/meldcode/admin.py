"""The administrator sets, per organisation, who takes final responsibility for step 5, and the specialist contacts
shown for a complex situation. No case content here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkveilig.meldcode.models import Complexity, MeldcodeSetting, SpecialistContact


@admin.register(MeldcodeSetting)
class MeldcodeSettingAdmin(admin.ModelAdmin):
    list_display = ("municipality", "final_responsibility")


class SpecialistContactForm(forms.ModelForm):
    expertise = forms.MultipleChoiceField(label=_("expertise"), choices=Complexity.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text=_("Niets aangevinkt: getoond bij elke complexe situatie."))

    class Meta:
        model = SpecialistContact
        fields = ["municipality", "name", "expertise", "phone", "email", "note", "is_active"]

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or "").strip() and not (data.get("email") or "").strip():
            raise forms.ValidationError(_("Vul een telefoonnummer of e-mailadres in."))
        return data


@admin.register(SpecialistContact)
class SpecialistContactAdmin(admin.ModelAdmin):
    form = SpecialistContactForm
    list_display = ("name", "municipality", "phone", "email", "is_active")
    list_filter = ("municipality", "is_active")
