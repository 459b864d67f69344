from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "wijkveilig.insight"
    label = "insight"
