from django.urls import path

from wijkveilig.collaboration import views

app_name = "collaboration"
C = "casussen/<int:case_id>/samenwerking/"
urlpatterns = [
    path(C, views.overview_view, name="overview"),
    path(C + "casusbespreking/", views.conference_view, name="conference"),
    path(C + "besluiten/<int:decision_id>/afgerond/", views.decision_done_view, name="decision_done"),
    path(C + "ave/", views.ave_view, name="ave"),
]
