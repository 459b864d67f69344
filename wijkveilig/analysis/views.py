"""The wijkanalyse pages: parse the choice, check the role (policy), log, read, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkveilig.analysis import exports, forms, indicators, policy, selectors, services
from wijkveilig.analysis.models import RiskReading
from wijkveilig.areas.models import Buurt
from wijkveilig.audit.models import Action
from wijkveilig.audit.services import Actor, access_log_write
from wijkveilig.core.errors import ConflictError, DomainError
from wijkveilig.core.http import form_data
from wijkveilig.insight import periods

DEFAULT_INDICATOR = "low_income_pct"


def _choice(request) -> selectors.Choice | None:
    """The reader's choice from the query string; anything unknown falls back to the default, never an error. A
    municipality outside the reader's (`policy.analysis_municipality_ids`) is unknown here: it falls back to their
    own, so the page neither shows nor confirms another municipality."""
    own = policy.analysis_municipality_ids(request.user)
    found = selectors.municipalities(own)
    if not found:
        return None
    municipality = next((m for m in found if m.code == request.GET.get("gemeente")), None) or found[0]
    quarters = periods.closed_quarters(timezone.localdate())
    quarter = periods.parse_quarter(request.GET.get("kwartaal", ""))
    keys = {key for key, _label, _unit in indicators.all_indicators()}
    indicator = request.GET.get("indicator", "")
    # tables are per municipality: the row of addresses without a known buurt is the chosen municipality's own
    return selectors.Choice(municipality=municipality, municipalities=found, unlocated=True, quarters=quarters,
                            quarter=quarter if quarter in quarters else quarters[0],
                            indicator=indicator if indicator in keys else DEFAULT_INDICATOR,
                            area_code=request.GET.get("gebied", ""))


def _log(request, event: str, action: str = Action.READ) -> None:
    access_log_write(actor=Actor.from_request(request), event=event, action=action, section="analysis",
                     auth_rule="aggregate")


@require_GET
def analysis_view(request):
    if not policy.can_view_analysis(request.user):
        raise PermissionDenied
    choice = _choice(request)
    _log(request, "analysis.viewed")
    if choice is None:
        return render(request, "analysis/page.html", {
            "empty": True, "no_municipality": not policy.analysis_municipality_ids(request.user)
            and bool(selectors.installation_municipality_ids())})
    return render(request, "analysis/page.html", _page_context(request, choice))


def _page_context(request, choice: selectors.Choice) -> dict:
    data = selectors.analysis(choice)
    readings, area = selectors.readings_of(choice.municipality), data["area"]
    labels = {key: label for key, label, _unit in indicators.all_indicators()}
    return {
        **data, "choice": choice, "municipalities": choice.municipalities,
        "quarter": periods.quarter_label(choice.quarter),
        "quarters": [periods.quarter_label(q) for q in choice.quarters],
        "indicators": indicators.all_indicators(), "indicator_label": labels[choice.indicator],
        "reading": readings.get(area.code) if area else None,
        "readings": [(a, readings.get(a.code)) for a in data["areas"] if a.kind == "buurt"],
        "can_record_reading": bool(area) and area.kind == "buurt" and policy.can_record_risk_reading(
            request.user, buurt_code=area.code, team_buurt_codes=services.team_buurt_codes(request.user)),
        # the export links carry the choice as resolved, not the raw query: they download what the page shows
        "query": urlencode({"gemeente": choice.municipality.code, "kwartaal": periods.quarter_label(choice.quarter),
                            "indicator": choice.indicator, "gebied": area.code if area else ""}),
    }


@require_GET
def export_view(request, file_format: str):
    if not policy.can_view_analysis(request.user):
        raise PermissionDenied
    choice = _choice(request)
    if choice is None:
        raise Http404
    _log(request, f"analysis.exported_{file_format}", Action.EXECUTE)
    response = exports.response(selectors.analysis(choice), choice, file_format)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def risk_reading_view(request, buurt_code: str):
    buurt = Buurt.objects.filter(code=buurt_code).select_related("district__municipality").first()
    if request.method == "POST":  # every refusal of a write is the service's, and logged
        services.require_risk_reading_right(actor=Actor.from_request(request), buurt_code=buurt_code)
    elif not policy.can_record_risk_reading(request.user, buurt_code=buurt_code,
                                            team_buurt_codes=services.team_buurt_codes(request.user)):
        raise PermissionDenied
    if buurt is None:
        raise Http404
    reading = RiskReading.objects.filter(buurt=buurt).first()
    form = forms.RiskReadingForm(form_data(request), initial=forms.RiskReadingForm.initial_for(reading))
    back = reverse("analysis:page") + f"?gemeente={buurt.district.municipality.code}&gebied={buurt.code}#risico"
    status = 200
    if request.method == "POST":
        if form.is_valid() and _record(request, form, buurt):
            messages.success(request, _("Inschatting van de buurt opgeslagen."))
            return redirect(back)
        status = 400
        if getattr(form, "has_conflict", False):
            form.data = form.data.copy()
            form.data["version"] = str(RiskReading.objects.filter(buurt=buurt).values_list("version", flat=True)
                                       .first() or 0)
            form.conflict_url, status = back, 409
    else:
        _log(request, "analysis.risk_reading_form_viewed")
    return render(request, "analysis/risk_reading_form.html",
                  {"form": form, "buurt": buurt, "reading": reading, "back": back}, status=status)


def _record(request, form, buurt) -> bool:
    try:
        services.risk_reading_record(actor=Actor.from_request(request), buurt_code=buurt.code,
                                     expected_version=form.cleaned_data["version"], entry=form.entry())
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        form.has_conflict = isinstance(exc, ConflictError)
        return False
    return True
