"""Demo data for the team profile, the Veilig Thuis agreements, the self-scan and the drempels reflection of Gemeente
Voorbeeld. Synthetic; idempotent (each part is made once)."""

import random
from datetime import date, timedelta

from django.utils import timezone

from wijkveilig.accounts.models import Membership, User
from wijkveilig.areas.models import Municipality
from wijkveilig.teams import reflection
from wijkveilig.teams.models import (
    MemberProfile,
    ReflectionRound,
    ReflectionTally,
    SelfScan,
    SelfScanAnswer,
    SelfScanStatement,
    TrainingRecord,
    VtAgreement,
)

# username → (discipline, duo partner's username, [(course, level, completed days ago, valid days from today)])
PROFILES = {
    "medewerker": ("social_work", "duopartner", [("domestic_violence", "advanced", 300, 430),
                                                 ("meldcode", "basic", 680, 45)]),  # the refresher is due soon
    "duopartner": ("youth", "medewerker", [("meldcode", "basic", 760, -20)]),  # expired: a gap
    "aandacht": ("mental_health", None, [("honour_violence", "advanced", 200, 530),
                                         ("child_abuse", "advanced", 400, None)]),
    "coordinator": ("social_work", None, [("meldcode", "basic", 100, 630)]),
    "buitenstaander": ("debt", None, []),  # Zuid: no one trained for rood, no aandachtsfunctionaris
}
REGIONAL_AGREEMENTS = (
    "Regionale samenwerkingsafspraken Veilig Thuis Voorbeeld en de lokale teams (fictief):\n"
    "- Veilig Thuis draagt oranje en rode zorgen binnen 5 werkdagen warm over, met een gesprek met het wijkteam.\n"
    "- Het wijkteam koppelt binnen 10 werkdagen terug of de hulp op gang is.\n"
    "- Elk wijkteam heeft een vaste contactpersoon bij Veilig Thuis, eens per maand aanwezig bij de casusbespreking."
)


def _profiles(users: dict[str, User]) -> None:
    today = timezone.localdate()
    for username, (discipline, duo, trainings) in PROFILES.items():
        membership = Membership.objects.filter(user=users[username]).first()
        if membership is None or hasattr(membership, "profile"):
            continue
        partner = Membership.objects.filter(user=users[duo]).first() if duo else None
        MemberProfile.objects.create(membership=membership, discipline=discipline, duo_partner=partner)
        for course, level, done, valid in trainings:
            TrainingRecord.objects.create(membership=membership, course=course, level=level,
                                          completed_on=today - timedelta(days=done),
                                          valid_until=None if valid is None else today + timedelta(days=valid))


def _vt_agreement(municipality: Municipality) -> None:
    VtAgreement.objects.get_or_create(municipality=municipality, defaults={
        "scenario": "vt_area_based", "regional_agreements": REGIONAL_AGREEMENTS, "agreed_on": date(2024, 3, 1),
        "extra_tasks": ["case_direction", "information"], "extra_tasks_other": ""})


def _self_scans(municipality: Municipality, rng: random.Random) -> None:
    this_year = timezone.localdate().year
    statements = list(SelfScanStatement.objects.filter(is_active=True))
    for offset, base in ((2, 1), (1, 2)):  # two earlier years, the later one better: a visible trend
        scan, created = SelfScan.objects.get_or_create(municipality=municipality, year=this_year - offset)
        if not created:
            continue
        for statement in statements:
            score = min(4, base + rng.randint(0, 2))
            low = score < 3
            SelfScanAnswer.objects.create(
                scan=scan, statement=statement, score=score, evidence="Fictieve onderbouwing (demo).",
                action="Fictief actiepunt (demo)." if low else "",
                action_owner="Beleidsadviseur (fictief)" if low else "",
                action_due_on=date(this_year - offset + 1, 6, 30) if low else None)


def _reflection(team, rng: random.Random) -> None:
    """Two closed rounds with synthetic counts (no participation rows: nobody really answered)."""
    if ReflectionRound.objects.filter(team=team).exists():
        return
    today = timezone.localdate()
    for opened, respondents, weight in ((today - timedelta(days=400), 7, 0.5), (today - timedelta(days=40), 8, 0.3)):
        round_ = ReflectionRound.objects.create(team=team, opened_on=opened, closed_on=opened + timedelta(days=14),
                                                respondents=respondents)
        for number in range(1, len(reflection.STATEMENTS) + 1):
            counts = dict.fromkeys(reflection.ANSWER_CODES, 0)
            for _ in range(respondents):
                counts[rng.choices(reflection.ANSWER_CODES, weights=(weight, 0.3, weight / 2, 1))[0]] += 1
            ReflectionTally.objects.bulk_create(ReflectionTally(round=round_, statement=number, answer=code,
                                                                count=count) for code, count in counts.items())


def team_examples(users: dict[str, User], municipality_code: str) -> None:
    rng = random.Random(4242)  # noqa: S311 - seeded for repeatable synthetic demo data, not security
    municipality = Municipality.objects.get(code=municipality_code)
    _profiles(users)
    _vt_agreement(municipality)
    _self_scans(municipality, rng)
    for team in municipality.teams.all():
        _reflection(team, rng)
