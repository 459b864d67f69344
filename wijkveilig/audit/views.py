from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkveilig.audit import policy
from wijkveilig.audit.forms import LogFilterForm
from wijkveilig.audit.selectors import access_log_search
from wijkveilig.audit.services import Actor
from wijkveilig.core.forms import form_status
from wijkveilig.core.keyset import keyset_page

PAGE_SIZE = 50


def _filter_links(request, rows) -> None:
    """Each row's "only this case" and "only this user" links: the current filters with one of them replaced, built
    once per distinct value (a page of 50 rows shows a handful of users and cases) rather than per cell."""
    links: dict[tuple[str, str], str] = {}

    def link(name: str, value) -> str:
        if (name, str(value)) not in links:
            query = request.GET.copy()
            for key in ("na", "voor"):
                query.pop(key, None)
            query[name] = str(value)
            links[(name, str(value))] = "?" + query.urlencode()
        return links[(name, str(value))]

    for row in rows:
        case = row.case_reference or row.case_id
        row.case_filter_href = link("case_reference", case) if case else ""
        row.user_filter_href = link("username", row.username) if row.username else ""


@require_GET
def log_view(request):
    if not policy.may_read_log(request.user):
        raise PermissionDenied
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = access_log_search(actor=Actor.from_request(request), filters=filters)
    page = keyset_page(rows, keys=("at", "id"), size=PAGE_SIZE,
                       after=request.GET.get("na"), before=request.GET.get("voor"))
    _filter_links(request, page)
    return render(request, "audit/log.html", {"form": form, "page": page}, status=form_status(form))
