"""The VT liaison's inbox shows reports made from intake concerns beside the Meldcode reports.

A template tag, so the meldcode app does not import intake (intake already imports meldcode to start a route).
"""

from django import template

from wijkveilig.audit.services import Actor
from wijkveilig.intake.selectors import vt_reports_for_liaison

register = template.Library()


@register.inclusion_tag("intake/_vt_inbox_reports.html", takes_context=True)
def intake_reports_for_liaison(context):
    request = context["request"]
    return {"intake_reports": vt_reports_for_liaison(actor=Actor.from_request(request))}
