"""Collaboration on the case page and the werkvoorraad's lines (tags, so `cases` does not import `collaboration`)."""

from django import template

from wijkveilig.collaboration import policy, selectors, services

register = template.Library()


@register.inclusion_tag("collaboration/_case_section.html")
def collaboration_section(access) -> dict:
    case = access.case
    return selectors.escalation_for(case) | {"case": case, "mda": services.mda_current(case),
                                             "can_scale": policy.may_direct(access)}


@register.filter
def reason_labels(proposal) -> str:
    """The proposal's stagnation reasons as one readable Dutch (or English) phrase."""
    from wijkveilig.collaboration.views import REASON_LABELS

    return "; ".join(str(REASON_LABELS.get(code, code)) for code in proposal.reasons)


@register.filter
def ave_fact_labels(reasons) -> str:
    """The facts behind an AVE suggestion as one readable Dutch (or English) phrase."""
    from wijkveilig.collaboration.views import AVE_FACT_LABELS

    return "; ".join(str(AVE_FACT_LABELS.get(code, code)) for code in reasons)
