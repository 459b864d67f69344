from django.urls import path

from wijkveilig.teams import views

app_name = "teams"
urlpatterns = [
    path("team/", views.team_view, name="team"),
    path("team/leden/<int:member_id>/", views.member_edit_view, name="member_edit"),
    path("team/leden/<int:member_id>/trainingen/", views.training_add_view, name="training_add"),
    path("team/reflectie/", views.reflection_view, name="reflection"),
    path("team/reflectie/openen/", views.reflection_open_view, name="reflection_open"),
    path("team/reflectie/sluiten/", views.reflection_close_view, name="reflection_close"),
    path("gemeenten/", views.municipality_list_view, name="municipalities"),
    path("gemeenten/<int:municipality_id>/teams/", views.team_counts_view, name="team_counts"),
    path("gemeenten/<int:municipality_id>/veilig-thuis/", views.vt_agreement_view, name="vt_agreement"),
    path("gemeenten/<int:municipality_id>/zelfscan/", views.self_scan_history_view, name="self_scan_history"),
    path("gemeenten/<int:municipality_id>/zelfscan/<int:year>/", views.self_scan_edit_view, name="self_scan_edit"),
]
