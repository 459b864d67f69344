"""Aggregates for the municipality: parse input, check the role, read the published table, render."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkveilig.accounts import policy as roles
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.insight import periods, selectors
from wijkveilig.intake.triage import Colour


def _localized(values) -> list[str]:
    """The table's numbers as the user's language writes them, each distinct value formatted once: a municipality's
    table has hundreds of cells but few distinct counts, and formatting them one by one was most of the page's time."""
    memo: dict = {}
    out = []
    for value in values:
        if value not in memo:
            memo[value] = formats.localize(value)
        out.append(memo[value])
    return out


def _labelled(published) -> dict:
    content = published.content
    colour_labels = {c.value: c.label for c in Colour}
    headers = [colour_labels.get(key, _("nog niet getrieerd")) for key in content["columns"]]
    rows = [{"code": code, "name": name or _("onbekend adres"), "counts": _localized(cells), "total": total}
            for (code, name), cells, total in zip(content["rows"], content["cells"], content["row_totals"])]
    return {"headers": headers, "buurten": rows, "colours": list(zip(headers, content["column_totals"])),
            "total": content["total"], "base": published.base}


@require_GET
def concerns_overview_view(request):
    if not roles.is_policy_officer(request.user):
        raise PermissionDenied  # logged as denied by ReadLogMiddleware
    quarters = periods.closed_quarters(timezone.localdate())
    chosen = periods.parse_quarter(request.GET.get("kwartaal", "")) or quarters[0]
    if chosen not in quarters:
        chosen = quarters[0]
    municipality = selectors.municipality_of(request.user)
    if municipality is None:
        raise PermissionDenied(_("Aan uw account is geen gemeente gekoppeld."))
    access_log_write(actor=Actor.from_request(request), event="insight.concerns_overview_viewed", action=Action.READ,
                     section="insight", auth_rule="aggregate")
    context = _labelled(selectors.concerns_overview(chosen, municipality=municipality))
    context.update(quarter=periods.quarter_label(chosen), municipality=municipality.name,
                   quarters=[periods.quarter_label(q) for q in quarters])
    return render(request, "insight/concerns_overview.html", context)
