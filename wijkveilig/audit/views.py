from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkveilig.audit import policy
from wijkveilig.audit.forms import LogFilterForm
from wijkveilig.audit.selectors import access_log_search
from wijkveilig.audit.services import Actor
from wijkveilig.core.forms import form_status
from wijkveilig.core.keyset import keyset_page

PAGE_SIZE = 100


@require_GET
def log_view(request):
    if not policy.may_read_log(request.user):
        raise PermissionDenied
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = access_log_search(actor=Actor.from_request(request), filters=filters)
    page = keyset_page(rows, keys=("at", "id"), size=PAGE_SIZE,
                       after=request.GET.get("na"), before=request.GET.get("voor"))
    return render(request, "audit/log.html", {"form": form, "page": page}, status=form_status(form))
