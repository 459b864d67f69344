"""The assessment section of the case page (links, the partner-violence and kindcheck prompts) and the kindcheck
prompts of the werkvoorraad: tags, so `cases` does not import `assessment`."""

from django import template

from wijkveilig.assessment import selectors

register = template.Library()


@register.inclusion_tag("assessment/_case_section.html")
def assessment_section(access) -> dict:
    case = access.case
    return {"case": case, "prompt_partner_violence": selectors.partner_violence_prompt(case),
            "prompt_kindcheck": selectors.kindcheck_prompts([case.pk]).get(case.pk)}


@register.inclusion_tag("assessment/_kindcheck_attention.html")
def kindcheck_attention(user) -> dict:
    """Open cases of the werkvoorraad that must show "Doe de kindcheck", with the reasons."""
    return {"prompts": selectors.kindcheck_attention_for(user)}


@register.filter
def kindcheck_reason(reason) -> str:
    return selectors.kindcheck_reason_text(reason)
