"""The municipality's agreements with Veilig Thuis where they matter: the report step, the case's Veilig Thuis
section and the coordinator's page."""

from django import template

from wijkveilig.teams.models import VtAgreement

register = template.Library()


@register.inclusion_tag("teams/_vt_agreement.html")
def vt_agreement_panel(team, heading_level=2):
    """One query: the agreement of the team's municipality (the team's fixed VT contact comes with the team)."""
    agreement = VtAgreement.objects.filter(municipality_id=team.municipality_id).first() if team else None
    return {"team": team, "agreement": agreement, "heading": f"h{heading_level}",
            "heading_class": f"utrecht-heading-{heading_level}"}
