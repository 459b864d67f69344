from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "wijkveilig.safety"
    label = "safety"
