from django.urls import path

from wijkveilig.cases import views
from wijkveilig.core.views import worklist_view

app_name = "cases"
urlpatterns = [
    # the werkvoorraad composes every domain app, so its view lives above them (core.views, wijkveilig.worklist)
    path("werkvoorraad/", worklist_view, name="caseload"),
    path("casussen/", views.case_list_view, name="list"),
    path("casussen/nieuw/", views.case_new_view, name="new"),
    path("casussen/<int:case_id>/", views.case_detail_view, name="detail"),
    path("casussen/<int:case_id>/aanleiding/", views.case_summary_view, name="summary"),
    path("casussen/<int:case_id>/sluiten/", views.case_close_view, name="close"),
    path("casussen/<int:case_id>/heropenen/", views.case_reopen_view, name="reopen"),
    path("casussen/<int:case_id>/toewijzen/", views.case_assign_view, name="assign"),
    path("casussen/<int:case_id>/personen/nieuw/", views.person_add_view, name="person_add"),
    path("casussen/<int:case_id>/personen/<int:person_id>/", views.person_edit_view, name="person_edit"),
    path("casussen/<int:case_id>/relaties/", views.relation_add_view, name="relation_add"),
    path("casussen/<int:case_id>/notities/nieuw/", views.note_add_view, name="note_add"),
    path("casussen/<int:case_id>/notities/<int:note_id>/", views.note_edit_view, name="note_edit"),
    path("casussen/<int:case_id>/geweldsvormen/", views.violence_forms_view, name="violence_forms"),
    path("casussen/<int:case_id>/consulteren/", views.consult_view, name="consult"),
    path("casussen/<int:case_id>/noodtoegang/", views.emergency_view, name="emergency"),
    path("noodtoegang/", views.emergency_review_list_view, name="emergency_review_list"),
    path("noodtoegang/<int:emergency_id>/beoordeeld/", views.emergency_review_view, name="emergency_review"),
]
