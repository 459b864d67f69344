"""Read-side of the assessments as plain data for pages, charts, the API and later rules (AVE stagnation)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from wijkveilig.assessment import rules, zrm
from wijkveilig.assessment.models import BalanceAssessment, SafetyMapping, SafetyScale, ZrmAssessment
from wijkveilig.cases.models import Case, ViolenceForm
from wijkveilig.meldcode.models import RouteStatus


def balance_history(case: Case, *, limit: int = 20) -> list[tuple[BalanceAssessment, rules.Balance]]:
    """The case's Balansmodel assessments, newest first, each with its computed balance."""
    assessments = list(case.balance_assessments.select_related("assessed_by").prefetch_related("factors")[:limit])
    return [(a, rules.balance_compute([f.code for f in a.factors.all()])) for a in assessments]


@dataclass(frozen=True)
class ZrmPoint:
    assessment_id: int
    assessed_at: datetime
    information_on: date
    is_stale: bool
    scores: dict[str, int]
    notes: dict[str, str]


def zrm_trend(case: Case, person_id: int) -> list[ZrmPoint]:
    """A person's ZRM scorings in this case, oldest first, with the stale flag of each one's information date."""
    today = timezone.localdate()
    rows = ZrmAssessment.objects.filter(case=case, person_id=person_id).prefetch_related("scores").order_by(
        "assessed_at", "id")
    return [ZrmPoint(assessment_id=a.pk, assessed_at=a.assessed_at, information_on=a.information_on,
                     is_stale=rules.zrm_is_stale(a.information_on, today),
                     scores={s.domain: s.score for s in a.scores.all()},
                     notes={s.domain: s.note for s in a.scores.all()}) for a in rows]


def zrm_chart_data(points: list[ZrmPoint]) -> dict:
    """Labels and one series per domain, for the trend chart (Chart.js reads this as JSON)."""
    return {"labels": [timezone.localtime(p.assessed_at).strftime("%d-%m-%Y") for p in points],
            "series": [{"code": code, "label": str(label), "scores": [p.scores.get(code) for p in points]}
                       for code, label in zrm.DOMAINS]}


def safety_scale_trend(case: Case) -> list[dict]:
    """Every safety-scale answer on the case, oldest first: {recorded_at, party, person_id, score}."""
    rows = SafetyScale.objects.filter(mapping__case=case).select_related("mapping").order_by(
        "mapping__recorded_at", "mapping_id", "party", "person_id")
    return [{"recorded_at": row.mapping.recorded_at, "party": row.party, "person_id": row.person_id,
             "score": row.score} for row in rows]


def latest_safety_scales(case: Case) -> dict[tuple[str, int | None], int]:
    """The latest score of every party (worker, each parent, child, network)."""
    latest = {}
    for row in safety_scale_trend(case):
        latest[(row["party"], row["person_id"])] = row["score"]
    return latest


def latest_mapping(case: Case) -> SafetyMapping | None:
    return case.safety_mappings.prefetch_related(
        "danger_statements", Prefetch("scales", queryset=SafetyScale.objects.select_related("person"))).first()


def risk_picture(case: Case) -> rules.RiskPicture:
    """The plain facts the partner-violence prompt needs."""
    latest_balance = case.balance_assessments.prefetch_related("factors").first()
    return rules.RiskPicture(
        has_partner_violence=case.violence_forms.filter(form=ViolenceForm.PARTNER_VIOLENCE).exists(),
        has_active_meldcode_route=case.meldcode_routes.filter(status=RouteStatus.ACTIVE).exists(),
        balance=rules.balance_compute([f.code for f in latest_balance.factors.all()]) if latest_balance else None,
        latest_safety_scales=tuple(latest_safety_scales(case).values()),
    )


def partner_violence_prompt(case: Case) -> bool:
    """Whether the worker must be prompted to start the Meldcode route for partner violence."""
    return rules.partner_violence_prompt(risk_picture(case))
