from django.urls import path

from wijkveilig.assessment import views

app_name = "assessment"
C = "casussen/<int:case_id>/beoordeling/"
urlpatterns = [
    path(C, views.overview_view, name="overview"),
    path(C + "balansmodel/", views.balance_view, name="balance"),
    path(C + "zrm/<int:person_id>/", views.zrm_view, name="zrm"),
    path(C + "signs-of-safety/", views.safety_view, name="safety"),
    path(C + "gespreksleidraad/", views.conversation_view, name="conversation"),
    path(C + "kindcheck/", views.kindcheck_view, name="kindcheck"),
]
