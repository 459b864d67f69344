"""Dates as the Dutch write them (issue 11 part 4): "7 dec. 2026", months in lower case with the Taalunie's
abbreviations, in Europe/Amsterdam time; English pages keep "7 Dec 2026"."""

from datetime import date, datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

register = template.Library()

# Taalunie: abbreviated months take a full stop, except "mei" (not shortened).
DUTCH_MONTHS = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def short_date_text(value: date) -> str:
    if (get_language() or "nl").startswith("nl"):
        return f"{value.day} {DUTCH_MONTHS[value.month - 1]} {value.year}"
    return dateformat.format(value, "j M Y")


@register.filter
def short_date(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return short_date_text(value)


@register.filter
def short_datetime(value) -> str:
    if value in (None, ""):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{short_date_text(local.date())} {local:%H:%M}"
