"""What a browser sends when someone presses a form's button without touching anything (hidden fields, preselected
options, prefilled dates) must never change state (issue 11 part 5: closing a case used to succeed that way, with
the first reason preselected). Walks every page of the URL patterns, finds every POST form on it and submits it
untouched. Forms that are one button (no field to fill in) act by design and are listed by their action."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models

from tests.test_empty_submits import (
    BUTTONS,
    NOT_STATE,
    PATTERNS,
    _path,
    walk,  # noqa: F401  (fixture)
)

# Forms whose untouched submit is a deliberate one-click action besides the BUTTONS of test_empty_submits: the logout
# button in the header, the language choice (a setting, not case data), the log filter and the searches (read only).
# Claiming a municipal concern for one's own team is one deliberate button too (the team select has the
# coordinator's team(s) only).
ONE_CLICK_ACTIONS = re.compile(r"^/(uitloggen/|instellingen/taal/|casussen/$|logboek/|intake/\d+/overnemen/)")
# The case timeline notes each save, also of unchanged values; that is history, not a change of what a record says.
HISTORY = {"timelineevent"}


class _Forms(HTMLParser):
    """The POST forms of a page with the values a browser would submit untouched."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(), "data": [],
                          "fields": set()}
            self.forms.append(self._form)
        elif self._form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind not in {"hidden", "submit", "button"}:
                self._form["fields"].add(a["name"])
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"submit", "button", "file"}:
                self._form["data"].append((a["name"], a.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "select" and a.get("name"):
            self._form["fields"].add(a["name"])
            self._select = {"name": a["name"], "first": None, "selected": None, "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["first"] = value if self._select["first"] is None else self._select["first"]
            if "selected" in a:
                self._select["selected"] = value
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].add(a["name"])
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            s = self._select
            value = s["selected"] if s["selected"] is not None else (None if s["multiple"] else s["first"])
            if value is not None:
                self._form["data"].append((s["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["data"].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def post_forms(html: str, path: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [f | {"action": f["action"] or path} for f in parser.forms if f["method"] == "post"]


def _volatile(field) -> bool:
    """Bookkeeping a re-save of unchanged values may touch: the version counter and save timestamps."""
    return field.name == "version" or (isinstance(field, models.DateTimeField) and (field.auto_now or
                                                                                     field.name.endswith("updated_at")))


def content_snapshot() -> dict:
    """Every row's content (not its version or save time): an edit form submitted untouched may save the same values
    again (and log that it did), but it must not change what any record says."""
    state = {}
    for model in apps.get_models():
        if model._meta.model_name in NOT_STATE | HISTORY or model._meta.proxy:
            continue
        names = [f.attname for f in model._meta.concrete_fields if not _volatile(f)]
        state[model._meta.label] = sorted(map(repr, model.objects.values_list(*names)))
    return state


def _data(pairs) -> dict:
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def _button_actions(ids) -> set[str]:
    return {_path(route, ids) for name, route in PATTERNS if name in BUTTONS}


def test_the_parser_sees_what_a_browser_sends():
    html = """<form method="post" action="/x/"><input type="hidden" name="version" value="3">
      <select name="reason"><option value="">— kies —</option><option value="a">A</option></select>
      <select name="kind"><option value="b">B</option><option value="c" selected>C</option></select>
      <input type="radio" name="r" value="1"><input type="radio" name="r" value="2" checked>
      <input type="checkbox" name="c" value="9"><textarea name="t">
tekst</textarea><input type="date" name="d" value="2026-12-07"></form><form><input name="q"></form>"""
    [form] = post_forms(html, "/here/")
    assert form["action"] == "/x/" and form["fields"] == {"reason", "kind", "r", "c", "t", "d"}
    assert _data(form["data"]) == {"version": ["3"], "reason": [""], "kind": ["c"], "r": ["2"], "t": ["tekst"],
                                   "d": ["2026-12-07"]}


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_an_untouched_form_changes_nothing(walk, name, route):
    _world, ids, clients = walk
    path, buttons = _path(route, ids), _button_actions(ids)
    for persona, client in clients.items():
        page = client.get(path)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for form in post_forms(page.content.decode(), path):
            if form["action"] in buttons or ONE_CLICK_ACTIONS.match(form["action"]) or not form["fields"]:
                continue
            before = content_snapshot()
            response = client.post(form["action"], _data(form["data"]))
            assert response.status_code < 500, (persona, path, form["action"], response.status_code)
            after = content_snapshot()
            changed = {label for label in before if before[label] != after[label]}
            assert not changed, f"{persona}: the untouched form {form['action']} on {path} changed {changed}"
