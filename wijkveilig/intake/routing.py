"""Where a concern goes: address → buurt, buurt → team, colour → route, and who should pick it up (pure functions)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkveilig.intake.triage import Colour
from wijkveilig.teams import gaps
from wijkveilig.teams.gaps import MemberFacts

_POSTCODE = re.compile(r"^(\d{4})([A-Z]{2})$")
_HOUSE_NUMBER = re.compile(r"^(\d{1,6})")


class Destination(models.TextChoices):
    TEAM_INTAKE = "team_intake", _("intakewachtrij van het wijkteam")
    SPECIALIST = "specialist", _("Veilig Thuis / specialistische hulp; het wijkteam blijft betrokken")
    MUNICIPAL = "municipal", _("gemeentelijke wachtrij (adres niet gevonden)")
    AWAITING_TRIAGE = "awaiting_triage", _("wacht op triage")


@dataclass(frozen=True)
class PostcodeRange:
    postcode_from: str
    postcode_to: str
    number_from: int
    number_to: int
    buurt_code: str


@dataclass(frozen=True)
class Route:
    destination: str
    needs_specialist_support: bool  # geel: "met ondersteuning Veilig Thuis/specialist"
    team_stays_involved: bool  # oranje/rood: the team gets a linked case


def normalise_postcode(value: str) -> str:
    """'1234 ab' → '1234AB'; '' when it is not a Dutch postcode."""
    compact = "".join(value.split()).upper()
    return compact if _POSTCODE.match(compact) else ""


def house_number_of(value: str) -> int | None:
    """The number part of '12', '12a', '12-2'; None without a leading number."""
    match = _HOUSE_NUMBER.match(value.strip())
    return int(match.group(1)) if match else None


def buurt_code_for(postcode: str, house_number: str, ranges: list[PostcodeRange]) -> str | None:
    """The buurt of an address by the first matching range; None when the table does not know it."""
    code, number = normalise_postcode(postcode), house_number_of(house_number)
    if not code or number is None:
        return None
    for r in ranges:
        if r.postcode_from <= code <= r.postcode_to and r.number_from <= number <= r.number_to:
            return r.buurt_code
    return None


# colour → (destination, specialist support, team stays involved); an unknown team overrides the destination.
ROUTES = {
    Colour.GREEN: (Destination.TEAM_INTAKE, False, False),
    Colour.YELLOW: (Destination.TEAM_INTAKE, True, False),
    Colour.ORANGE: (Destination.SPECIALIST, True, True),
    Colour.RED: (Destination.SPECIALIST, True, True),
}


def route_for(colour: str, *, has_team: bool) -> Route:
    """Groen/geel to the team's intake; oranje/rood to Veilig Thuis/specialists with a linked team case."""
    if not colour:
        destination, support, involved = Destination.AWAITING_TRIAGE, False, False
    else:
        destination, support, involved = ROUTES[Colour(colour)]
    if not has_team:
        destination = Destination.MUNICIPAL
    return Route(destination=destination, needs_specialist_support=support, team_stays_involved=involved)


def _least_busy(members: list[MemberFacts]) -> list[MemberFacts]:
    return sorted(members, key=lambda m: (m.open_cases, m.user_id))


def _duo(lead: MemberFacts, others: list[MemberFacts]) -> list[int]:
    """The lead and their fixed duo partner when that partner can take it, else the least busy other worker."""
    rest = [m for m in others if m.user_id != lead.user_id]
    partner = next((m for m in rest if m.user_id == lead.duo_partner_user_id), None)
    second = partner or next(iter(rest), None)
    return [lead.user_id] + ([second.user_id] if second else [])


def suggest_assignees(colour: str, members: list[MemberFacts], today: date) -> list[int]:
    """Who should pick the concern up (decision 0050). Only workers who are not absent count, those with room first.
    Rood: the least busy worker trained for rood (a valid advanced training); without one, a duo led by a DV
    expert. Oranje: the least busy trained worker or DV expert; without one, a duo. Groen/geel: the least busy."""
    present = [m for m in members if m.takes_cases and gaps.is_available(m, today)]
    ready = _least_busy([m for m in present if gaps.has_capacity(m)] or present)
    if not ready:
        return []
    if colour == Colour.RED:
        trained = [m for m in ready if gaps.is_trained_for_red(m, today)]
        if trained:
            return [trained[0].user_id]
        return _duo(next((m for m in ready if m.has_dv_expertise), ready[0]), ready)
    if colour == Colour.ORANGE:
        skilled = [m for m in ready if m.has_dv_expertise or gaps.is_trained_for_red(m, today)]
        return [skilled[0].user_id] if skilled else _duo(ready[0], ready)
    return [ready[0].user_id]
