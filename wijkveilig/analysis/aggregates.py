"""Wijkveilig's own figures per buurt and closed quarter, every one through the one disclosure rule (decision 0016):
each table is rounded as a whole, stored at its first request and never recomputed (`insight.selectors.published`).
Wijk and municipality figures are sums of the published buurt cells, so they reveal nothing the buurt rows do not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from wijkveilig.accounts.db_scope import every_municipality_for_publication
from wijkveilig.cases.models import Case, ViolenceForm
from wijkveilig.collaboration.models import AvePhaseChange
from wijkveilig.insight import selectors as published_tables
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.models import ConcernHandling
from wijkveilig.intake.triage import Colour
from wijkveilig.meldcode.models import VtReport
from wijkveilig.safety.models import SafetyPlan

CONCERNS = published_tables.CONCERNS_BY_BUURT
CASES = "cases_by_buurt_violence_form"
ACTIVITY = "activity_by_buurt"
UNKNOWN = published_tables.UNKNOWN_BUURT
NOT_RECORDED = ""

ACTIVITY_COLUMNS = {
    "meldcode_reports": _("meldingen bij Veilig Thuis vanuit een Meldcode-route"),
    "intake_reports": _("meldingen bij Veilig Thuis vanuit de intake"),
    "safety_plans": _("veiligheidsplannen afgesproken"),
    "escalations": _("opschalingen (AVE-fase omhoog)"),
}


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    compute: Callable[[date], dict]
    column_labels: dict
    has_total: bool  # False when a case may count in several columns (forms of violence; activities)


def _grouped(queryset, buurt_path: str, column: str | None = None, *, distinct: bool = False) -> dict:
    fields = [buurt_path] + ([column] if column else [])
    return {(row[buurt_path] or UNKNOWN, (row[column] or NOT_RECORDED) if column else None): row["n"]
            for row in queryset.values(*fields).annotate(n=Count("pk", distinct=distinct)).order_by()}


def _case_counts(start: date) -> dict:
    """Cases opened in the quarter, per buurt of the household and form of violence (a case with several forms
    counts in each; a case with none yet under "niet vastgelegd")."""
    begin, end = published_tables.bounds(start)
    counts = _grouped(Case.objects.filter(opened_at__gte=begin, opened_at__lt=end), "household__buurt__code",
                      "violence_forms__form", distinct=True)
    return published_tables.rounded_content(published_tables.buurt_rows(),
                                            [f.value for f in ViolenceForm] + [NOT_RECORDED], counts)


def _activity_counts(start: date) -> dict:
    """Reports to Veilig Thuis (from a Meldcode route; from the intake), safety plans agreed and AVE escalations."""
    begin, end = published_tables.bounds(start)
    sources = {
        "meldcode_reports": _grouped(VtReport.objects.filter(sent_at__gte=begin, sent_at__lt=end),
                                     "case__household__buurt__code"),
        "intake_reports": _grouped(ConcernHandling.objects.filter(outcome=Outcome.REPORTED, recorded_at__gte=begin,
                                                                  recorded_at__lt=end), "concern__buurt__code"),
        "safety_plans": _grouped(SafetyPlan.objects.filter(agreed_at__gte=begin, agreed_at__lt=end),
                                 "case__household__buurt__code"),
        "escalations": _grouped(AvePhaseChange.objects.filter(changed_at__gte=begin, changed_at__lt=end,
                                                              phase__gt=F("previous_phase")),
                                "case__household__buurt__code"),
    }
    counts = {(code, column): n for column, found in sources.items() for (code, _none), n in found.items()}
    return published_tables.rounded_content(published_tables.buurt_rows(), list(ACTIVITY_COLUMNS), counts)


def kinds() -> list[Kind]:
    colour_labels = {c.value: c.label for c in Colour} | {published_tables.NOT_TRIAGED: _("nog niet getrieerd")}
    form_labels = {f.value: f.label for f in ViolenceForm} | {NOT_RECORDED: _("vorm nog niet vastgelegd")}
    return [
        Kind(CONCERNS, _("Binnenkomende zorgen per kleur"), published_tables.concern_counts, colour_labels, True),
        Kind(CASES, _("Nieuwe casussen per vorm van geweld"), _case_counts, form_labels, False),
        Kind(ACTIVITY, _("Meldingen, veiligheidsplannen en opschalingen"), _activity_counts, ACTIVITY_COLUMNS, False),
    ]


def published_for(starts: list[date]) -> dict:
    """Every wijkanalyse table for the given closed quarters: {(kind key, quarter start): PublishedTable}. A table
    not yet published is computed over every municipality (the row-level scope widened for that alone): it is stored
    once for all of them. The reader is shown only their own municipality's buurten (`selectors`)."""
    with every_municipality_for_publication():
        return published_tables.published_many({kind.key: kind.compute for kind in kinds()}, starts)
