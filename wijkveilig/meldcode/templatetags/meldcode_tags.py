from django import template

from wijkveilig.meldcode import afwegingskader, texts
from wijkveilig.meldcode.state import route_state

register = template.Library()


@register.inclusion_tag("meldcode/_route_actions.html")
def meldcode_route_actions(route, access):
    """On the case page: the latest route's phase and the way to report returning violence (meldnorm 3)."""
    state = route_state(route)
    return {"route": route, "access": access, "phase_text": texts.PHASES[state.phase],
            "may_record_returning": afwegingskader.may_record_returning_violence(state.phase, state.decision),
            "report_due": state.phase == afwegingskader.Phase.REPORT_DUE}
