from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "wijkveilig.collaboration"
    verbose_name = "Samenwerking"
