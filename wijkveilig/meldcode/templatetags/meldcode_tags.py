from django import template

from wijkveilig.meldcode.selectors import attention_for

register = template.Library()


@register.inclusion_tag("meldcode/_attention.html")
def meldcode_attention(user):
    """Overdue Veilig Thuis feedback and passed evaluation dates, for the werkvoorraad."""
    return attention_for(user)
