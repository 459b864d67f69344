from django import template

from wijkveilig.meldcode.monitoring_selectors import monitoring_attention as _monitoring_attention
from wijkveilig.meldcode.selectors import attention_for

register = template.Library()


@register.inclusion_tag("meldcode/_attention.html")
def meldcode_attention(user):
    """Overdue Veilig Thuis feedback and passed evaluation dates, for the werkvoorraad."""
    return attention_for(user)


@register.inclusion_tag("meldcode/_monitoring_attention.html")
def monitoring_attention(user):
    """Monitoring dates after closed routes, and routes waiting for monitoring agreements, for the werkvoorraad."""
    return _monitoring_attention(user)
