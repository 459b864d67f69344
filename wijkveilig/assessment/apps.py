from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "wijkveilig.assessment"
    label = "assessment"
