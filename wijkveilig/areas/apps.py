from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "wijkveilig.areas"
    label = "areas"
