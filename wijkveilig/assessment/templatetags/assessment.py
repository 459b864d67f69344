"""The assessment section of the case page: links and the partner-violence prompt."""

from django import template

from wijkveilig.assessment import selectors

register = template.Library()


@register.inclusion_tag("assessment/_case_section.html")
def assessment_section(access) -> dict:
    case = access.case
    return {"case": case, "prompt_partner_violence": selectors.partner_violence_prompt(case)}
