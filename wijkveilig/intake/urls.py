from django.urls import path

from wijkveilig.intake import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.queue_view, name="queue"),
    path("intake/nieuw/", views.concern_new_view, name="new"),
    path("intake/<int:concern_id>/", views.concern_detail_view, name="detail"),
    path("intake/<int:concern_id>/triage/", views.concern_triage_view, name="triage"),
    path("intake/<int:concern_id>/kleur/", views.concern_overrule_view, name="overrule"),
    path("intake/<int:concern_id>/overnemen/", views.concern_claim_view, name="claim"),
    path("intake/<int:concern_id>/casus/", views.concern_case_view, name="case_open"),
    path("intake/<int:concern_id>/melding/", views.concern_vt_report_view, name="vt_report"),
    path("intake/<int:concern_id>/veilig-thuis-bekend/", views.concern_vt_known_view, name="vt_known"),
    path("zorg-delen/", views.share_view, name="share"),
    path("zorg-delen/mijn-zorgen/", views.shared_view, name="shared"),
]
