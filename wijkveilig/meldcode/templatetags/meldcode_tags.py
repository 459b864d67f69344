from django import template

from wijkveilig.meldcode import afwegingskader, texts
from wijkveilig.meldcode.monitoring_selectors import monitoring_attention as _monitoring_attention
from wijkveilig.meldcode.selectors import attention_for
from wijkveilig.meldcode.state import route_state

register = template.Library()


@register.inclusion_tag("meldcode/_attention.html")
def meldcode_attention(user):
    """Overdue Veilig Thuis feedback and passed evaluation dates, for the werkvoorraad."""
    return attention_for(user)


@register.inclusion_tag("meldcode/_monitoring_attention.html")
def monitoring_attention(user):
    """Monitoring dates after closed routes, and routes waiting for monitoring agreements, for the werkvoorraad."""
    return _monitoring_attention(user)


@register.inclusion_tag("meldcode/_route_actions.html")
def meldcode_route_actions(route, access):
    """On the case page: the latest route's phase and the way to report returning violence (meldnorm 3)."""
    state = route_state(route)
    return {"route": route, "access": access, "phase_text": texts.PHASES[state.phase],
            "may_record_returning": afwegingskader.may_record_returning_violence(state.phase, state.decision),
            "report_due": state.phase == afwegingskader.Phase.REPORT_DUE}
