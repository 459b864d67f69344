from django.urls import path

from wijkveilig.analysis import views

app_name = "analysis"
urlpatterns = [
    path("analyse/", views.analysis_view, name="page"),
    path("analyse/export.csv", views.export_view, {"file_format": "csv"}, name="export_csv"),
    path("analyse/export.xlsx", views.export_view, {"file_format": "xlsx"}, name="export_xlsx"),
    path("analyse/buurten/<str:buurt_code>/risico/", views.risk_reading_view, name="risk_reading"),
]
