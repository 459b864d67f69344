"""Reads for the intake pages: queues and possible household matches."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkveilig.audit.services import Action, access_log_write
from wijkveilig.households.models import Household, Person
from wijkveilig.intake.closure import Outcome
from wijkveilig.intake.models import Concern, ConcernHandling


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
