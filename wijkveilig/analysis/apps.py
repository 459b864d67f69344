from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "wijkveilig.analysis"
    label = "analysis"
