"""Read-side of the assessments as plain data for pages, charts, the API and later rules (AVE stagnation)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.assessment import balansmodel, kindcheck, rules, zrm
from wijkveilig.assessment.models import (
    BalanceAssessment,
    BalanceFactor,
    SafetyMapping,
    SafetyScale,
    ZrmAssessment,
    ZrmScore,
)
from wijkveilig.cases.minors import household_persons
from wijkveilig.cases.models import Case, CaseViolenceForm, ViolenceForm
from wijkveilig.meldcode.models import Kindcheck, RiskSituation, RouteStatus


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
    routes = case.meldcode_routes.aggregate(active=Count("pk", filter=Q(status=RouteStatus.ACTIVE)),
                                            reports=Count("reports"))  # one query for both facts
    return rules.RiskPicture(
        has_partner_violence=case.violence_forms.filter(form=ViolenceForm.PARTNER_VIOLENCE).exists(),
        has_active_meldcode_route=routes["active"] > 0,
        balance=rules.balance_compute([f.code for f in latest_balance.factors.all()]) if latest_balance else None,
        latest_safety_scales=tuple(latest_safety_scales(case).values()),
        is_reported_to_vt=routes["reports"] > 0,
    )


def partner_violence_prompt(case: Case) -> bool:
    """Whether the worker must be prompted to start the Meldcode route for partner violence."""
    return rules.partner_violence_prompt(risk_picture(case))



def _table_keys(instrument: str) -> set[str]:
    return {key for i, key, _trigger in kindcheck.TRIGGER_TABLE if i == instrument}


def _latest_zrm(case_ids: list[int]) -> list[tuple[int, int, datetime, dict[str, int]]]:
    """(case, person, assessed_at, scores on the table's domains) of the newest ZRM per person per case."""
    newest = ZrmAssessment.objects.filter(case_id=OuterRef("case_id"), person_id=OuterRef("person_id")) \
        .order_by("-assessed_at", "-id").values("pk")[:1]
    rows = list(ZrmAssessment.objects.filter(case_id__in=case_ids, pk=Subquery(newest))
                .values_list("pk", "case_id", "person_id", "assessed_at"))
    scores: dict[int, dict[str, int]] = {}
    for assessment_id, domain, score in ZrmScore.objects.filter(
            assessment_id__in=[row[0] for row in rows], domain__in=_table_keys(kindcheck.ZRM)) \
            .values_list("assessment_id", "domain", "score"):
        scores.setdefault(assessment_id, {})[domain] = score
    return [(case_id, person_id, at, scores.get(pk, {})) for pk, case_id, person_id, at in rows]


def _latest_balance(case_ids: list[int]) -> dict[int, tuple[datetime, set[str]]]:
    """Per case: when its newest Balansmodel was made and which of the table's factors it ticks."""
    newest = BalanceAssessment.objects.filter(case_id=OuterRef("case_id")).order_by("-assessed_at", "-id") \
        .values("pk")[:1]
    rows = {pk: (case_id, at) for pk, case_id, at in BalanceAssessment.objects.filter(
        case_id__in=case_ids, pk=Subquery(newest)).values_list("pk", "case_id", "assessed_at")}
    out = {case_id: (at, set()) for case_id, at in rows.values()}
    for assessment_id, code in BalanceFactor.objects.filter(
            assessment_id__in=rows, code__in=_table_keys(kindcheck.BALANSMODEL)).values_list("assessment_id", "code"):
        out[rows[assessment_id][0]][1].add(code)
    return out


def kindcheck_pictures(case_ids) -> dict[int, kindcheck.KindcheckPicture]:
    """The plain facts the kindcheck prompt needs, for the cases with both an adult and a minor (the others never
    prompt), in a fixed number of queries: one when no household has both."""
    persons = {case_id: rows for case_id, rows in household_persons(case_ids, today=timezone.localdate()).items()
               if any(p.is_minor for p in rows) and any(not p.is_minor for p in rows)}
    case_ids = list(persons)
    if not case_ids:
        return {}
    minors = {(case_id, p.person_id) for case_id, rows in persons.items() for p in rows if p.is_minor}
    zrm_rows, balances = _latest_zrm(case_ids), _latest_balance(case_ids)
    forms: dict[int, set[str]] = {}
    for case_id, form in CaseViolenceForm.objects.filter(
            case_id__in=case_ids, form__in=_table_keys(kindcheck.VIOLENCE_FORM)).values_list("case_id", "form"):
        forms.setdefault(case_id, set()).add(form)
    last_kindchecks = dict(Kindcheck.objects.filter(case_id__in=case_ids).values("case_id")
                           .annotate(last=Max("recorded_at")).values_list("case_id", "last"))
    return {case_id: kindcheck.KindcheckPicture(
        has_adult=True, minor_count=sum(p.is_minor for p in persons[case_id]),
        zrm_photos=tuple(kindcheck.ZrmPhoto(is_adult=(case_id, person_id) not in minors, scores=scores,
                                            assessed_at=at)
                         for c, person_id, at, scores in zrm_rows if c == case_id),
        balance_codes=frozenset(balances.get(case_id, (None, set()))[1]),
        balance_at=balances.get(case_id, (None, set()))[0],
        violence_forms=frozenset(forms.get(case_id, set())), last_kindcheck_at=last_kindchecks.get(case_id),
    ) for case_id in case_ids}


def kindcheck_prompts(case_ids: list[int]) -> dict[int, kindcheck.KindcheckPrompt]:
    """The cases among `case_ids` that must show "Doe de kindcheck", with the prompt's reasons."""
    prompts = {case_id: kindcheck.kindcheck_prompt(picture)
               for case_id, picture in kindcheck_pictures(case_ids).items()}
    return {case_id: prompt for case_id, prompt in prompts.items() if prompt is not None}


def kindcheck_reason_text(reason: kindcheck.Reason) -> str:
    """One reason in words, e.g. "verslaving (drugs, alcohol) — ZRM: Middelengebruik"."""
    if reason.instrument == kindcheck.ZRM:
        source = f"ZRM: {zrm.DOMAIN_LABELS[reason.key]}"
    elif reason.instrument == kindcheck.BALANSMODEL:
        source = f"{_('Balansmodel')}: {balansmodel.BY_CODE[reason.key].label}"
    else:
        source = f"{_('vorm van geweld')}: {ViolenceForm(reason.key).label}"
    return f"{RiskSituation(reason.trigger).label} — {source}"

