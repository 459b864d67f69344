"""Three years of synthetic concerns and cases across the demo buurten, inserted in bulk, so the wijkanalyse shows
patterns rather than zeros (issue 13 part 6). Only aggregates read these rows: they carry no persons, every case is
closed and every concern handled, so no worker's caseload or coordinator's intake queue fills up with them.

Proportions (Wijkveilig's own assumptions for a demo, not national figures): the number of concerns per buurt
follows its share of households around the social minimum (CBS) and grows a little each quarter; colours groen 35%,
geel 35%, oranje 20%, rood 10%; rood/oranje end half in a report to Veilig Thuis from the intake, a fifth as
"Veilig Thuis already knows" and the rest as a case with a Meldcode route; groen/geel become a case.
"""

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from wijkveilig.accounts.models import Role, Team, User
from wijkveilig.analysis.models import RegionFigures
from wijkveilig.areas.models import Buurt
from wijkveilig.cases.models import Case, CaseStatus, CaseViolenceForm, CloseReason, ViolenceForm
from wijkveilig.collaboration.models import AvePhaseChange
from wijkveilig.households.models import Household
from wijkveilig.insight.periods import previous_quarter, quarter_start
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.models import Concern, ConcernHandling, ConcernStatus, Source
from wijkveilig.intake.routing import Destination
from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus, VtReport
from wijkveilig.safety.models import PlanStatus, SafetyPlan

PREFIX = "VOL"  # references of volume cases: VOL-<year>-<n>
QUARTERS = 13   # the current quarter and the twelve before it: three years of closed quarters
COLOURS = (("groen", 0.35), ("geel", 0.35), ("oranje", 0.20), ("rood", 0.10))
SOURCES = ((Source.VEILIG_THUIS, 0.45), (Source.POLICE, 0.30), (Source.PARTNER, 0.15), (Source.VOLUNTEER, 0.05),
           (Source.TEAM, 0.05))
FORMS = ((ViolenceForm.CHILD_ABUSE, 0.45), (ViolenceForm.PARTNER_VIOLENCE, 0.38), (ViolenceForm.ELDER_ABUSE, 0.07),
         (ViolenceForm.DERAILED_CARE, 0.04), (ViolenceForm.HONOUR_RELATED, 0.02), (ViolenceForm.SEXUAL_VIOLENCE, 0.02),
         (ViolenceForm.FORCED_MARRIAGE, 0.01), (ViolenceForm.TRAFFICKING, 0.005), (ViolenceForm.FGM, 0.005))
SYNTHETIC = "Synthetische volumedata voor de wijkanalyse (fictief)."


@dataclass
class _Plan:
    """One synthetic concern and what followed from it, before anything is written."""

    buurt: Buurt
    team: Team
    received_at: object
    colour: str
    source: str
    outcome: str
    forms: list
    has_route: bool = False
    reported: bool = False
    plan_agreed: bool = False
    escalated: int = 0  # 0 none, 3: to AVE 3, 4: to AVE 3 and later 4


def _pick(rng, table):
    values, weights = zip(*table)
    return values[rng.choice(len(values), p=np.array(weights) / sum(weights))]


def _rates(buurten: list[Buurt]) -> dict[str, float]:
    """Concerns per quarter per buurt: about 1.1 per percent of households around the social minimum."""
    shares = {r.code: r.values.get("social_minimum_pct") for r in RegionFigures.objects.filter(
        code__in=[b.code for b in buurten]).order_by("table__year")}
    return {b.code: 1.1 * (shares.get(b.code) or 8.0) for b in buurten}


def _plans(rng, buurten, teams, now) -> list[_Plan]:
    rates, plans, start = _rates(buurten), [], quarter_start(now.date())
    starts = [start]
    for _ in range(QUARTERS - 1):
        starts.append(previous_quarter(starts[-1]))
    for age, begin in enumerate(starts):  # age 0: the current quarter
        growth = 1 + 0.03 * (QUARTERS - 1 - age) + (0.15 if begin.month == 1 else 0)  # after the holidays
        for buurt in buurten:
            for _ in range(rng.poisson(rates[buurt.code] * growth)):
                received = timezone.make_aware(timezone.datetime.combine(begin, timezone.datetime.min.time())) \
                    + timedelta(minutes=int(rng.integers(0, 90 * 24 * 60)))
                if received >= now - timedelta(hours=2):
                    continue
                plans.append(_plan(rng, buurt, teams[buurt.code], received))
    return plans


def _plan(rng, buurt, team, received) -> _Plan:
    colour = _pick(rng, COLOURS)
    serious = colour in ("oranje", "rood")
    outcome = _pick(rng, ((Outcome.REPORTED, .5), (Outcome.VT_ALREADY_KNOWS, .2), (Outcome.CASE_WITH_ROUTE, .3))) \
        if serious else Outcome.CASE
    forms = [_pick(rng, FORMS)] + ([_pick(rng, FORMS)] if rng.random() < 0.2 else [])
    plan = _Plan(buurt, team, received, colour, _pick(rng, SOURCES), outcome, sorted(set(forms)))
    if outcome in (Outcome.CASE, Outcome.CASE_WITH_ROUTE):
        plan.has_route = outcome == Outcome.CASE_WITH_ROUTE or rng.random() < (0.3 if colour == "geel" else 0.1)
        plan.reported = plan.has_route and rng.random() < 0.35
        plan.plan_agreed = colour != "groen" and rng.random() < 0.4
        plan.escalated = 0 if rng.random() > 0.12 else (4 if rng.random() < 0.25 else 3)
    return plan


def _later(rng, moment, now, low: int, high: int):
    return min(moment + timedelta(days=int(rng.integers(low, high)), hours=int(rng.integers(0, 9))),
               now - timedelta(hours=1))


def _write(rng, plans: list[_Plan], users: dict, now) -> dict:
    with_case = [p for p in plans if p.outcome in (Outcome.CASE, Outcome.CASE_WITH_ROUTE)]
    households = Household.objects.bulk_create(
        [Household(name=f"Huishouden Volume-{n:05d} (synthetisch)", city="Voorbeeld", buurt=p.buurt)
         for n, p in enumerate(with_case)], batch_size=500)
    year_counts: dict[int, int] = {}
    cases = []
    for plan, household in zip(with_case, households):
        year = plan.received_at.year
        year_counts[year] = year_counts.get(year, 0) + 1
        opened = plan.received_at + timedelta(days=int(rng.integers(1, 10)))
        opened = min(opened, now - timedelta(hours=1))
        cases.append(Case(reference=f"{PREFIX}-{year}-{year_counts[year]:05d}", household=household, team=plan.team,
                          status=CaseStatus.CLOSED, summary=SYNTHETIC, opened_at=opened,
                          closed_at=_later(rng, opened, now, 30, 240), close_reason=CloseReason.SAFETY_REACHED,
                          created_by=users["worker"]))
    cases = Case.objects.bulk_create(cases, batch_size=500)
    CaseViolenceForm.objects.bulk_create([CaseViolenceForm(case=c, form=f) for p, c in zip(with_case, cases)
                                          for f in p.forms], batch_size=1000)
    routes = MeldcodeRoute.objects.bulk_create(
        [MeldcodeRoute(case=c, started_at=c.opened_at, started_by=users["worker"], status=RouteStatus.CLOSED,
                       closed_at=c.closed_at) for p, c in zip(with_case, cases) if p.has_route], batch_size=500)
    route_of = {r.case_id: r for r in routes}
    reports = [VtReport(case=c, route=route_of[c.pk], idempotency_key=f"volume-report-{c.pk}", content="{}",
                        sent_at=(sent := _later(rng, c.opened_at, now, 3, 40)), sent_by=users["worker"],
                        assessment_due_on=(sent + timedelta(days=7)).date())
               for p, c in zip(with_case, cases) if p.reported]
    VtReport.objects.bulk_create(reports, batch_size=500)
    SafetyPlan.objects.bulk_create(
        [SafetyPlan(case=c, status=PlanStatus.AGREED, created_at=c.opened_at, agreed_by=users["worker"],
                    agreed_at=_later(rng, c.opened_at, now, 7, 60)) for p, c in zip(with_case, cases)
         if p.plan_agreed], batch_size=500)
    AvePhaseChange.objects.bulk_create(_escalations(rng, with_case, cases, users, now), batch_size=500)
    concerns = _concerns(plans, dict(zip((id(p) for p in with_case), cases)), users)
    ConcernHandling.objects.bulk_create(_handlings(rng, plans, concerns, route_of, users, now), batch_size=500)
    return {"concerns": len(concerns), "cases": len(cases), "vt_reports": len(reports)}


def _escalations(rng, plans, cases, users, now) -> list:
    rows = []
    for plan, case in zip(plans, cases):
        moment = case.opened_at
        for previous, phase in ((2, 3), (3, 4))[: {0: 0, 3: 1, 4: 2}[plan.escalated]]:
            moment = _later(rng, moment, now, 14, 90)
            rows.append(AvePhaseChange(case=case, phase=phase, previous_phase=previous, case_direction="Wijkteam",
                                       process_direction="Wijkteam", reason=SYNTHETIC, changed_at=moment,
                                       changed_by=users["coordinator"]))
    return rows


def _concerns(plans, case_of: dict, users) -> list:
    return Concern.objects.bulk_create(
        [Concern(source=p.source, received_at=p.received_at, household_name="Huishouden Volume (synthetisch)",
                 city="Voorbeeld", observation=SYNTHETIC, buurt=p.buurt, team=p.team,
                 municipality_id=p.team.municipality_id,
                 status=ConcernStatus.CASE_OPENED if id(p) in case_of else ConcernStatus.TRIAGED,
                 destination=Destination.SPECIALIST if p.colour in ("oranje", "rood") else Destination.TEAM_INTAKE,
                 direct_danger=p.colour == "rood", structural_unsafety=p.colour == "oranje",
                 multi_problem=p.colour == "geel", computed_colour=p.colour, final_colour=p.colour,
                 triaged_at=p.received_at, triaged_by=users["coordinator"], case=case_of.get(id(p)),
                 submitted_by=users["vt"] if p.source == Source.VEILIG_THUIS else users["coordinator"])
         for p in plans], batch_size=500)


def _handlings(rng, plans, concerns, route_of, users, now) -> list:
    rows = []
    for plan, concern in zip(plans, concerns):
        moment = _later(rng, plan.received_at, now, 0, 5)
        row = ConcernHandling(concern=concern, outcome=plan.outcome, recorded_at=moment,
                              recorded_by=users["coordinator"])
        if plan.outcome == Outcome.REPORTED:
            row.reported_to, row.idempotency_key, row.content = users["vt"], f"volume-intake-{concern.pk}", "{}"
        elif plan.outcome == Outcome.VT_ALREADY_KNOWS:
            row.vt_known_on, row.vt_reference = moment.date(), "VT-FICTIEF"
        elif plan.outcome == Outcome.CASE_WITH_ROUTE:
            row.route = route_of[concern.case_id]
        rows.append(row)
    return rows


def _users() -> dict:
    """The first account of each kind the synthetic rows are attributed to (a query, no role check)."""
    wanted = {"worker": Role.WORKER, "coordinator": Role.COORDINATOR, "vt": Role.VT_LIAISON}
    return {name: User.objects.filter(role=value).order_by("pk").first() for name, value in wanted.items()}


@transaction.atomic
def volume_seed(*, municipality: str, seed: int = 13) -> dict:
    """Add three years of synthetic figures to the buurten of `municipality` once; a second run adds nothing."""
    if Case.objects.filter(reference__startswith=f"{PREFIX}-").exists():
        return {"concerns": 0, "cases": 0, "vt_reports": 0}
    buurten = list(Buurt.objects.filter(district__municipality__code=municipality).order_by("code"))
    teams = {code: team for team in Team.objects.filter(municipality__code=municipality).prefetch_related("buurten")
             for code in team.buurten.values_list("code", flat=True)}
    buurten = [b for b in buurten if b.code in teams]
    now = timezone.now()
    rng = np.random.default_rng(seed)
    return _write(rng, _plans(rng, buurten, teams, now), _users(), now)
