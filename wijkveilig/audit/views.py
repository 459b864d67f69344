from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkveilig.audit import policy
from wijkveilig.audit.forms import LogFilterForm
from wijkveilig.audit.selectors import access_log_search
from wijkveilig.audit.services import Actor
from wijkveilig.core.forms import form_status


@require_GET
def log_view(request):
    if not policy.may_read_log(request.user):
        raise PermissionDenied
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = access_log_search(actor=Actor.from_request(request), filters=filters)
    page = Paginator(rows, 100).get_page(request.GET.get("pagina"))
    return render(request, "audit/log.html", {"form": form, "page": page}, status=form_status(form))
