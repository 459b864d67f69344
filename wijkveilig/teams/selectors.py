"""Reads for the team pages, the municipality pages and the intake suggestion; a bounded number of queries each."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Prefetch, Q

from wijkveilig.accounts.models import Membership, Team
from wijkveilig.areas.models import Municipality
from wijkveilig.cases.models import CaseStatus
from wijkveilig.core import disclosure
from wijkveilig.teams import gaps, policy, reflection, selfscan
from wijkveilig.teams.models import (
    ReflectionRound,
    SelfScan,
    SelfScanAnswer,
    SelfScanStatement,
    SelfScanTheme,
    TrainingRecord,
)


def _members(team_ids) -> list[Membership]:
    open_cases = Count("user__assignments", filter=Q(user__assignments__ended_at__isnull=True,
                                                     user__assignments__case__status=CaseStatus.OPEN))
    return list(Membership.objects.filter(team_id__in=team_ids, user__is_active=True)
                .select_related("user", "profile", "profile__duo_partner__user")
                .annotate(open_cases=open_cases)
                .prefetch_related(Prefetch("trainings", queryset=TrainingRecord.objects.order_by("-completed_on")))
                .order_by("user__last_name", "user__first_name", "pk"))


def facts_of(membership: Membership) -> gaps.MemberFacts:
    profile = getattr(membership, "profile", None)
    duo = profile.duo_partner if profile else None
    return gaps.MemberFacts(
        member_id=membership.pk, user_id=membership.user_id, takes_cases=policy.takes_cases(membership.user.role),
        is_attention_officer=policy.is_attention_officer(membership.user.role),
        has_dv_expertise=membership.has_dv_expertise, absent_until=profile.absent_until if profile else None,
        open_cases=membership.open_cases, max_open_cases=profile.max_open_cases if profile else 12,
        duo_partner_user_id=duo.user_id if duo else None,
        trainings=tuple(gaps.Training(t.course, t.level, t.valid_until) for t in membership.trainings.all()))


def member_facts(team_id: int) -> list[gaps.MemberFacts]:
    """Every active member of the team as plain facts (the intake suggestion and the gap rules read these)."""
    return [facts_of(m) for m in _members([team_id])]


@dataclass
class TeamProfile:
    team: Team
    members: list[Membership]
    facts: dict[int, gaps.MemberFacts]
    gaps: list[gaps.Gap]


def team_profiles(user, today: date) -> list[TeamProfile]:
    """The profile and gaps of every team the user belongs to."""
    teams = list(Team.objects.filter(memberships__user=user).select_related("vt_contact", "municipality")
                 .order_by("name"))
    members = _members([t.pk for t in teams])
    profiles = []
    for team in teams:
        own = [m for m in members if m.team_id == team.pk]
        facts = {m.pk: facts_of(m) for m in own}
        profiles.append(TeamProfile(team, own, facts, gaps.team_gaps(list(facts.values()), today)))
    return profiles


COUNT_COLUMNS = ("members", "trained_for_red", "attention_officers", "trainings_expiring")


def team_counts(municipality: Municipality, today: date) -> dict:
    """Per team of the municipality, counts only, rounded together with the one disclosure rule (decision 0050)."""
    teams = list(Team.objects.filter(municipality=municipality).order_by("name"))
    members = _members([t.pk for t in teams])
    rows = []
    for team in teams:
        facts = [facts_of(m) for m in members if m.team_id == team.pk]
        team_gaps = gaps.team_gaps(facts, today)
        rows.append([len(facts), sum(gaps.can_take_red(f, today) for f in facts),
                     sum(f.is_attention_officer for f in facts),
                     sum(g.kind in (gaps.GapKind.TRAINING_EXPIRING, gaps.GapKind.TRAINING_EXPIRED)
                         for g in team_gaps)])
    if not rows:
        return {"teams": [], "totals": [0] * len(COUNT_COLUMNS), "base": settings.DISCLOSURE_THRESHOLD}
    table = disclosure.controlled_round(rows, base=settings.DISCLOSURE_THRESHOLD)
    return {"teams": list(zip([t.name for t in teams], table.cells)), "totals": table.column_totals,
            "base": settings.DISCLOSURE_THRESHOLD}


def self_scan_form_rows(scan: SelfScan) -> list[tuple[SelfScanTheme, list[tuple[SelfScanStatement, object]]]]:
    """Themes with their active statements and this scan's saved answer (None if not yet answered)."""
    saved = {a.statement_id: a for a in SelfScanAnswer.objects.filter(scan=scan)} if scan.pk else {}
    statements = list(SelfScanStatement.objects.filter(is_active=True).select_related("theme"))
    themes: dict[int, tuple] = {}
    for statement in statements:
        themes.setdefault(statement.theme_id, (statement.theme, []))[1].append((statement, saved.get(statement.pk)))
    return list(themes.values())


def self_scan_history(municipality: Municipality) -> dict:
    """Per theme and year, the average score: the numbers behind the comparison chart and its table."""
    themes = list(SelfScanTheme.objects.order_by("order", "pk"))
    years = sorted(SelfScan.objects.filter(municipality=municipality).values_list("year", flat=True))
    answers = list(SelfScanAnswer.objects.filter(scan__municipality=municipality)
                   .values_list("scan__year", "statement__theme__code", "score"))
    per_year = {year: selfscan.theme_averages([(t.code, None) for t in themes]
                                              + [(code, score) for y, code, score in answers if y == year])
                for year in years}
    return {"years": years, "themes": [{"code": t.code, "title": t.title,
                                        "averages": [per_year[y].get(t.code) for y in years]} for t in themes]}


def _counts(round_: ReflectionRound) -> list[list[int]]:
    counts = {(t.statement, t.answer): t.count for t in round_.tallies.all()}
    return [[counts.get((number, code), 0) for code in reflection.ANSWER_CODES]
            for number in range(1, len(reflection.STATEMENTS) + 1)]


@dataclass
class ReflectionView:
    round: ReflectionRound
    result: reflection.RoundResult | None  # None: too few took part to show anything
    change: list[int | None]


def reflection_results(team: Team) -> list[ReflectionView]:
    """The closed rounds of the team, newest first, each rounded and compared with the round before it."""
    base = settings.DISCLOSURE_THRESHOLD
    rounds = list(ReflectionRound.objects.filter(team=team, closed_on__isnull=False)
                  .prefetch_related("tallies").order_by("opened_on", "pk"))
    views, previous = [], None
    for round_ in rounds:
        result = (reflection.round_result(_counts(round_), round_.respondents, base)
                  if reflection.is_publishable(round_.respondents, base) else None)
        views.append(ReflectionView(round_, result, reflection.change_since(result, previous) if result else []))
        previous = result or previous
    return list(reversed(views))
