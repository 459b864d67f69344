from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wijkveilig.api"
    label = "api"
