"""Checks of command arguments shared by the import commands (a clear Dutch message, no traceback)."""

import re

from django.core.management.base import CommandError


def municipality_code(value: str | None) -> str | None:
    """GM + four digits, or None for "every municipality"."""
    if value and not re.fullmatch(r"GM\d{4}", value):
        raise CommandError("Een gemeentecode is GM gevolgd door vier cijfers, bijvoorbeeld GM0363.")
    return value
