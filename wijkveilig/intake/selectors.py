"""Reads for the intake pages: queues, the municipal overview and possible household matches."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from wijkveilig.audit.services import Action, access_log_write
from wijkveilig.core import disclosure
from wijkveilig.households.models import Household, Person
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.models import Concern, ConcernHandling
from wijkveilig.intake.triage import Colour


@dataclass
class HouseholdMatch:
    household: Household
    reasons: list[str] = field(default_factory=list)
    concern_person_ids: set[int] = field(default_factory=set)


def household_matches(concern: Concern) -> list[HouseholdMatch]:
    """Known households of the concern's team with a person matching by BSN or by name and birth date.

    Only shown for confirmation: the user chooses, nothing is merged silently. Households known only to other
    teams are not offered (they are outside this user's scope).
    """
    if concern.team_id is None:
        return []
    matches: dict[int, HouseholdMatch] = {}
    scope = Person.objects.filter(household__cases__team_id=concern.team_id).select_related("household").distinct()
    for known in concern.persons.all():
        by_bsn = Q(bsn_hash=known.bsn_hash) if known.bsn_hash else Q(pk__in=[])
        by_name = (Q(first_name__iexact=known.first_name, last_name__iexact=known.last_name,
                     birth_date=known.birth_date) if known.birth_date else Q(pk__in=[]))
        for person in scope.filter(by_bsn | by_name)[:5]:
            match = matches.setdefault(person.household_id, HouseholdMatch(household=person.household))
            why = _("BSN") if known.bsn_hash and person.bsn_hash == known.bsn_hash else _("naam en geboortedatum")
            match.reasons.append(_("%(name)s (%(why)s)") % {"name": str(person), "why": why})
            match.concern_person_ids.add(known.pk)
    return list(matches.values())


def team_queue(user, *, team_ids=None):
    """Open concerns of the user's teams, most urgent colour first, then the oldest."""
    concerns = Concern.objects.visible_to(user).open().filter(team__memberships__user=user)
    if team_ids:
        concerns = concerns.filter(team_id__in=team_ids)
    return concerns.select_related("team", "buurt", "handling").by_urgency()


def municipal_queue(user):
    """Open concerns whose address the postcode table did not know."""
    return Concern.objects.visible_to(user).open().filter(team__isnull=True).by_urgency()


def vt_reports_for_liaison(*, actor):
    """Reports made from intake concerns of the teams this liaison is the fixed VT contact for (logged per listing)."""
    access_log_write(actor=actor, event="concern.vt_reports_listed", action=Action.READ, section="intake",
                     auth_rule="veilig_thuis")
    return (ConcernHandling.objects.filter(outcome=Outcome.REPORTED, concern__team__vt_contact=actor.user)
            .select_related("concern", "concern__team").order_by("-recorded_at", "-pk")[:200])


def own_submissions(user):
    return Concern.objects.filter(submitted_by=user).order_by("-received_at", "-pk")


def overview_counts() -> dict:
    """Counts per colour and per buurt for the policy officer: 1–4 hidden as '<5', and where a total would give a
    hidden count back, a second count hidden as 'x' (`core.disclosure`)."""
    colours = [c for c in Colour] + [""]
    rows = (Concern.objects.values("buurt__code", "buurt__name", "final_colour").annotate(n=Count("pk"))
            .order_by("buurt__code"))
    table: dict[str, dict] = {}
    for row in rows:
        key = row["buurt__code"] or ""
        entry = table.setdefault(key, {"code": key, "name": row["buurt__name"] or _("onbekend adres"), "counts": {}})
        entry["counts"][row["final_colour"]] = row["n"]
    entries = list(table.values())
    shown = disclosure.protect([[e["counts"].get(c, 0) for c in colours] for e in entries])
    labels = [c.label if c else _("nog niet getrieerd") for c in colours]
    return {
        "colours": list(zip(labels, shown.column_totals)) if entries else [(label, "0") for label in labels],
        "buurten": [{"code": e["code"], "name": e["name"], "counts": counts, "total": total}
                    for e, counts, total in zip(entries, shown.cells, shown.row_totals)],
        "headers": labels,
    }
