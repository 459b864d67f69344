from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from wijkveilig.api.api import api
from wijkveilig.core import health
from wijkveilig.core import views as core_views

admin.site.__class__ = OTPAdminSite  # the Django admin also requires the second factor
admin.site.site_header = "Wijkveilig beheer"
admin.site.site_title = "Wijkveilig beheer"

urlpatterns = [
    path("", core_views.home_view, name="home"),
    path("healthz", health.healthz_view, name="healthz"),
    path("readyz", health.readyz_view, name="readyz"),
    path("", include("wijkveilig.accounts.urls")),
    path("", include("wijkveilig.cases.urls")),
    path("", include("wijkveilig.meldcode.urls")),
    path("", include("wijkveilig.intake.urls")),
    path("", include("wijkveilig.assessment.urls")),
    path("", include("wijkveilig.safety.urls")),
    path("", include("wijkveilig.collaboration.urls")),
    path("", include("wijkveilig.insight.urls")),
    path("", include("wijkveilig.teams.urls")),
    path("", include("wijkveilig.analysis.urls")),
    path("logboek/", include("wijkveilig.audit.urls")),
    # One login for everyone: the admin's own login form would skip enrolment and the session limits.
    path("beheer/login/", login_not_required(RedirectView.as_view(pattern_name="accounts:login", query_string=True))),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "wijkveilig.core.errors_views.bad_request"
handler403 = "wijkveilig.core.errors_views.permission_denied"
handler404 = "wijkveilig.core.errors_views.page_not_found"
handler500 = "wijkveilig.core.errors_views.server_error"
