"""CBS geography in beheer: gemeenten, wijken and buurten (teams pick their buurten in the team admin)."""

from django.contrib import admin

from wijkveilig.areas.models import Buurt, District, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "municipality")
    list_filter = ("municipality",)
    search_fields = ("code", "name")


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "district")
    list_filter = ("district__municipality", "district")
    search_fields = ("code", "name")

    def has_delete_permission(self, request, obj=None):
        # Households point at their buurt; the delete page would list them by name, which beheer may not see.
        return False
