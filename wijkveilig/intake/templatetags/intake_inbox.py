"""Intake's template tags: the triage colour badge, and the VT liaison's inbox of reports made from intake concerns
beside the Meldcode reports (a tag, so the meldcode app does not import intake, which imports meldcode to start a
route).
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wijkveilig.audit.services import Actor
from wijkveilig.intake.selectors import vt_reports_for_liaison

register = template.Library()


@register.inclusion_tag("intake/_vt_inbox_reports.html", takes_context=True)
def intake_reports_for_liaison(context):
    request = context["request"]
    return {"intake_reports": vt_reports_for_liaison(actor=Actor.from_request(request))}


@register.simple_tag
def colour_badge(colour: str, label: str = "") -> str:
    """The triage colour as a badge: a tag, not an include, because queues show one per row and an include per row
    was a large part of their rendering time."""
    if colour:
        return format_html('<span class="wv-colour wv-colour--{}">{}</span>', colour, label)
    return format_html('<span class="wv-colour wv-colour--none">{}</span>', _("nog niet getrieerd"))
