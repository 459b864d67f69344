from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "wijkveilig.teams"
    label = "teams"
