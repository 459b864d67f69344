from django.urls import path

from wijkveilig.insight import views

app_name = "insight"
urlpatterns = [
    path("inzicht/zorgen-per-buurt/", views.concerns_overview_view, name="concerns_overview"),
]
