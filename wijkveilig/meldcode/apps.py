from django.apps import AppConfig


class MeldcodeConfig(AppConfig):
    name = "wijkveilig.meldcode"
    label = "meldcode"
