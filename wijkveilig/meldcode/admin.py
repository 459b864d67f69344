"""The administrator sets, per organisation, who takes final responsibility for step 5. No case content here."""

from django.contrib import admin

from wijkveilig.meldcode.models import MeldcodeSetting


@admin.register(MeldcodeSetting)
class MeldcodeSettingAdmin(admin.ModelAdmin):
    list_display = ("municipality", "final_responsibility")
