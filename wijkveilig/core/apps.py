from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wijkveilig.core"
    label = "core"
