from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "wijkveilig.households"
    label = "households"
