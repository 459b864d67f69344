"""The assessment section of the case page (links, the partner-violence and kindcheck prompts): tags, so `cases` does
not import `assessment`."""

from django import template

from wijkveilig.assessment import selectors

register = template.Library()


@register.inclusion_tag("assessment/_case_section.html")
def assessment_section(access) -> dict:
    case = access.case
    return {"case": case, "prompt_partner_violence": selectors.partner_violence_prompt(case),
            "prompt_kindcheck": selectors.kindcheck_prompts([case.pk]).get(case.pk)}


@register.filter
def kindcheck_reason(reason) -> str:
    return selectors.kindcheck_reason_text(reason)
