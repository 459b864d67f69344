from django.urls import path

from wijkveilig.collaboration import views

app_name = "collaboration"
C = "casussen/<int:case_id>/samenwerking/"
urlpatterns = [
    path(C, views.overview_view, name="overview"),
    path(C + "casusbespreking/", views.conference_view, name="conference"),
    path(C + "besluiten/<int:decision_id>/afgerond/", views.decision_done_view, name="decision_done"),
    path(C + "ave/", views.ave_view, name="ave"),
    path(C + "mda/", views.mda_view, name="mda"),
    path(C + "mda/regisseur/", views.mda_director_view, name="mda_director"),
    path(C + "mda/aansluiten/", views.mda_join_view, name="mda_join"),
    path(C + "mda/partners/", views.mda_partner_add_view, name="mda_partner_add"),
    path(C + "mda/partners/<int:partner_id>/verwijderen/", views.mda_partner_remove_view, name="mda_partner_remove"),
    path(C + "mda/beeindigen/", views.mda_end_view, name="mda_end"),
    path("casussen/<int:case_id>/mda/", views.shared_view, name="shared"),
    path("mda/", views.partner_cases_view, name="partner_cases"),
]
