"""One way for every page form to run a service and to say what is wrong (issue 11 part 2, decision 0035).

Views call `apply_service` around the one service they run and answer with `form_status`; templates render each
field through `templates/includes/field.html` and the summary through `templates/includes/form_errors.html`, which
take their messages from `field_messages` here. So a rule about error messages lives in one place.
"""

from django import forms
from django.utils.translation import gettext as _

from wijkveilig.core.errors import ConflictError, DomainError

DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)


def apply_service(form, call, *, record=None, current_url: str = ""):
    """Run a service; a refused rule becomes a form error next to its field and what was typed stays in the form.

    Returns what the service returned (True when it returns nothing), or None when it refused. On a conflict the form
    takes the record's current version, so that after looking at the other person's change (the link in the error) a
    second save is a deliberate choice instead of the same conflict again.
    """
    try:
        result = call()
    except DomainError as exc:
        for error in getattr(exc, "errors", [exc]):
            form.add_error(error.field if error.field in form.fields else None, error.message)
        form.has_conflict = isinstance(exc, ConflictError)
        if form.has_conflict and record is not None:
            record.refresh_from_db(fields=["version"])
            take_current_version(form, record.version, current_url)
        return None
    return True if result is None else result


def take_current_version(form, version: int, conflict_url: str) -> int:
    """After a conflict: the form keeps what was typed but carries the version saved now; returns 409."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(version)
    form.has_conflict, form.conflict_url = True, conflict_url
    return 409


def form_status(form) -> int:
    """200 for a form to fill in, 409 when someone else saved first, 400 for any other refusal."""
    if form is None or not form.is_bound or not form.errors:
        return 200
    return 409 if getattr(form, "has_conflict", False) else 400


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field.widget, CHOICE_WIDGETS)


def required_message(field: forms.Field) -> str:
    """'Dit veld is verplicht.' names no field: say which one and what to do, in the words of its label."""
    label = str(field.label or "").strip().rstrip(":")
    if not label:
        return _("Vul dit veld in.") if not _is_choice(field) else _("Maak hier een keuze.")
    if label.endswith("?"):
        if _is_choice(field):
            return _("Kies een antwoord op de vraag ‘%(label)s’") % {"label": label}
        return _("Beantwoord de vraag ‘%(label)s’") % {"label": label}
    if _is_choice(field):
        return _("Maak een keuze bij ‘%(label)s’.") % {"label": label}
    return _("Vul ‘%(label)s’ in.") % {"label": label}


def field_messages(bound_field) -> list[str]:
    """The messages to show for one field: Django's bare 'required' replaced by one that names the field, unless
    the form gave the field its own required message."""
    errors = bound_field.form.errors.as_data().get(bound_field.name, []) if bound_field.form.is_bound else []
    own_required = str(bound_field.field.error_messages.get("required", "")) != str(DJANGO_REQUIRED)
    messages = []
    for error in errors:
        for message in error.messages:
            if error.code == "required" and not own_required:
                message = required_message(bound_field.field)
            messages.append(str(message))
    return messages


def optional_marker(bound_field) -> str:
    """'niet verplicht' only for a field that is optional; a field the service requires in some cases says when
    (the form names them in `required_when`); a required field says nothing (most fields are required)."""
    if bound_field.field.required:
        return ""
    when = getattr(bound_field.form, "required_when", {}).get(bound_field.name)
    return str(when) if when else _("niet verplicht")


def error_anchor(bound_field) -> str:
    """The id a link in the error summary points to: the input itself, or the first option of a group."""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def summary_items(form) -> list[tuple[str, str]]:
    """(anchor, message) per error of a form, in the order of the fields; anchor '' for an error of the whole form
    or of a hidden field (e.g. the version)."""
    if form is None or not form.is_bound or not form.errors:
        return []
    items = [("", str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        if bound_field.is_hidden:
            items.extend(("", message) for message in field_messages(bound_field))
        else:
            items.extend((error_anchor(bound_field), message) for message in field_messages(bound_field))
    return items


def has_form_errors(values) -> bool:
    """Whether any bound form among the values (also inside dicts, lists and tuples, one level) has errors."""
    for value in values:
        if isinstance(value, forms.BaseForm):
            if value.is_bound and value.errors:
                return True
        elif isinstance(value, dict):
            if has_form_errors(value.values()):
                return True
        elif isinstance(value, (list, tuple)) and has_form_errors(
                v for item in value for v in (item if isinstance(item, tuple) else (item,))):
            return True
    return False
