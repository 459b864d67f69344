from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wijkveilig.cases"
    label = "cases"
