from django.urls import path

from wijkveilig.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/controle/", views.verify_view, name="verify"),
    path("inloggen/koppelen/", views.enrol_view, name="enrol"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("instellingen/", views.settings_view, name="settings"),
    path("instellingen/tokens/", views.token_create_view, name="token_create"),
    path("instellingen/tokens/<int:token_id>/intrekken/", views.token_revoke_view, name="token_revoke"),
]
