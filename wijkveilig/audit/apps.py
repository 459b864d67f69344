from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "wijkveilig.audit"
    label = "audit"
