from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from wijkveilig.api.api import api
from wijkveilig.core import views as core_views

admin.site.__class__ = OTPAdminSite  # the Django admin also requires the second factor
admin.site.site_header = "Wijkveilig beheer"
admin.site.site_title = "Wijkveilig beheer"

urlpatterns = [
    path("", core_views.home_view, name="home"),
    path("", include("wijkveilig.accounts.urls")),
    path("", include("wijkveilig.cases.urls")),
    path("logboek/", include("wijkveilig.audit.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "wijkveilig.core.errors_views.bad_request"
handler403 = "wijkveilig.core.errors_views.permission_denied"
handler404 = "wijkveilig.core.errors_views.page_not_found"
handler500 = "wijkveilig.core.errors_views.server_error"
