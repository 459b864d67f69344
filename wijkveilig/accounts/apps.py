from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wijkveilig.accounts"
    label = "accounts"
