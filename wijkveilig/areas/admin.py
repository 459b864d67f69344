from django.contrib import admin

from wijkveilig.areas.models import Buurt, District, Municipality

admin.site.register(Municipality, list_display=("code", "name"))
admin.site.register(District, list_display=("code", "name", "municipality"))
admin.site.register(Buurt, list_display=("code", "name", "district"))
