from django.urls import path

from wijkveilig.safety import views

app_name = "safety"
C = "casussen/<int:case_id>/veiligheidsplan/"
urlpatterns = [
    path(C, views.plan_view, name="plan"),
    path(C + "afspraken/", views.agreement_add_view, name="agreement_add"),
    path(C + "afspraken/<int:agreement_id>/", views.agreement_edit_view, name="agreement_edit"),
    path(C + "evaluaties/", views.review_add_view, name="review_add"),
    path(C + "veilige-plek/<int:person_id>/", views.safe_place_view, name="safe_place"),
    path(C + "afspreken/", views.agree_view, name="agree"),
    path(C + "gezinsversie/<int:for_person_id>/", views.family_pdf_view, name="family_pdf"),
]
