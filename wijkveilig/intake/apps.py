from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "wijkveilig.intake"
    label = "intake"
