"""Collaboration on the werkvoorraad and the case page (tags, so `cases` does not import `collaboration`)."""

from django import template

from wijkveilig.collaboration import selectors

register = template.Library()


@register.inclusion_tag("collaboration/_attention.html")
def collaboration_attention(user) -> dict:
    """Open conference decisions of this user; for a coordinator also the team's escalation proposals."""
    return selectors.attention_for(user)


@register.inclusion_tag("collaboration/_case_section.html")
def collaboration_section(access) -> dict:
    case = access.case
    phase, proposal = selectors.escalation_for(case)
    return {"case": case, "phase": phase, "proposal": proposal, "can_scale": access.grant in {"assigned", "team"}}
