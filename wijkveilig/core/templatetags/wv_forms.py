"""Template side of `wijkveilig.core.forms`: field messages, the optional marker, the error summary and the
'Fout:' page title, so every form on every page says the same things in the same way."""

from django import template
from django.utils.translation import gettext as _

from wijkveilig.core import forms as core_forms

register = template.Library()


@register.filter
def field_messages(bound_field) -> list[str]:
    return core_forms.field_messages(bound_field)


@register.filter
def optional_marker(bound_field) -> str:
    return core_forms.optional_marker(bound_field)


@register.simple_tag
def error_summary(form) -> list[tuple[str, str]]:
    return core_forms.summary_items(form)


@register.filter
def choice_tag(choice, bound_field):
    """One radio button or checkbox of a group, described by the group's help text and error message: a screen
    reader on any option hears what is wrong (WCAG 3.3.1), not only on the fieldset."""
    attrs = dict(choice.data["attrs"])
    described = [f"{bound_field.auto_id}_helptext"] if bound_field.help_text else []
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{bound_field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    context = {"widget": {**choice.data, "attrs": attrs, "wrap_label": False}}
    return choice.parent_widget._render(choice.template_name, context, choice.renderer)


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """'Fout: ' before the page title when a form on the page came back with errors (or the view says the page
    shows a refusal): the first thing a screen reader reads after a failed submit."""
    if context.get("page_error") or core_forms.has_form_errors(context.flatten().values()):
        return _("Fout:") + " "
    return ""
