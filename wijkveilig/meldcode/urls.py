from django.urls import path

from wijkveilig.meldcode import views

app_name = "meldcode"
R = "casussen/<int:case_id>/meldcode/<int:route_id>/"
urlpatterns = [
    path("casussen/<int:case_id>/meldcode/starten/", views.route_start_view, name="start"),
    path(R, views.route_view, name="route"),
    path(R + "signaal/koppelen/", views.signal_link_view, name="signal_link"),
    path(R + "signaal/nieuw/", views.signal_add_view, name="signal_add"),
    path(R + "kindcheck/", views.kindcheck_view, name="kindcheck"),
    path(R + "overleg/", views.consultation_view, name="consultation"),
    path(R + "gesprek/", views.conversation_view, name="conversation"),
    path(R + "weging/", views.weighing_view, name="weighing"),
    path(R + "afweging/", views.answer_view, name="answer"),
    path(R + "monitoring/", views.monitoring_add_view, name="monitoring_add"),
    path(R + "monitoring/controle/", views.monitoring_check_view, name="monitoring_check"),
    path(R + "stap/<int:step>/afronden/", views.step_complete_view, name="step_complete"),
    path(R + "stap/<int:step>/terug/", views.step_reopen_view, name="step_reopen"),
    path(R + "bevestigen/", views.decision_confirm_view, name="confirm"),
    path(R + "acuut-gevaar/", views.acute_danger_view, name="acute"),
    path(R + "melden/", views.report_view, name="report"),
    path(R + "onveiligheid-keert-terug/", views.returning_violence_view, name="returning_violence"),
    path(R + "antwoord-veilig-thuis/", views.vt_answer_view, name="vt_answer"),
    path("casussen/<int:case_id>/meldingen/<int:report_id>/pdf/", views.report_pdf_view, name="report_pdf"),
    path("casussen/<int:case_id>/meldingen/<int:report_id>/json/", views.report_json_view, name="report_json"),
    path("veilig-thuis/", views.vt_inbox_view, name="vt_inbox"),
    path("veilig-thuis/casussen/<int:case_id>/meldingen/<int:report_id>/", views.vt_report_detail_view,
         name="vt_report"),
]
