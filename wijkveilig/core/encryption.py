"""Encrypted text fields for free text at rest (notes, signals, reasons).

Keys come from settings.FIELD_ENCRYPTION_KEYS, never from SECRET_KEY: the first key encrypts,
every key decrypts (MultiFernet), so a new key can be put in front and old rows re-encrypted
with `manage.py rotate_field_keys`. A value that no key can decrypt raises instead of being
returned as ciphertext or silently dropped.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    return fernet().decrypt(token.encode("ascii")).decode("utf-8")


def rotate_token(token: str) -> str:
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A TextField stored as Fernet ciphertext; the empty string stays the empty string."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None  # ciphertext is not searchable; fail loudly instead of matching nothing
        return super().get_lookup(lookup_name)
