from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data (Gemeente Voorbeeld): the one app that imports every other, so no domain app has to."""

    name = "wijkveilig.demo"
    label = "demo"
