"""Who counts as a minor in a case: the kindcheck (Meldcode step 1 and the prompt outside a route) asks this.

A minor is a person of the case's household under 18 on the given day (by birth date), or a person with the role
child in the case. A child who lives elsewhere but visits is registered as a person of the household too: the
huiselijke kring is about the relation, not the place (see decision 0013).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from wijkveilig.cases.models import Participant, ParticipantRole
from wijkveilig.households.models import Person

ADULT_AGE = 18


def age_on(birth_date: date, today: date) -> int:
    """Completed years on `today` (a person born on 29 February turns a year older on 1 March)."""
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def is_minor(*, birth_date: date | None, is_child_participant: bool, today: date) -> bool:
    """Under 18 by birth date, or registered with the role child when the birth date is unknown or says so."""
    if is_child_participant:
        return True
    return birth_date is not None and age_on(birth_date, today) < ADULT_AGE


@dataclass(frozen=True)
class HouseholdPerson:
    person_id: int
    is_minor: bool


def household_persons(case_ids, *, today: date) -> dict[int, list[HouseholdPerson]]:
    """Per case: every person of its household, marked minor or not (one query, whatever the number of cases;
    `case_ids` may be a list or a queryset of ids)."""
    is_child = Participant.objects.filter(case_id=OuterRef("household__cases"), person_id=OuterRef("pk"),
                                          role=ParticipantRole.CHILD)
    rows = Person.objects.filter(household__cases__in=case_ids).annotate(is_child=Exists(is_child)) \
        .values_list("household__cases", "pk", "birth_date", "is_child").order_by("pk")
    out: dict[int, list[HouseholdPerson]] = {}
    for case_id, person_id, birth_date, is_child_participant in rows:
        minor = is_minor(birth_date=birth_date, is_child_participant=is_child_participant, today=today)
        out.setdefault(case_id, []).append(HouseholdPerson(person_id=person_id, is_minor=minor))
    return out


def has_minors(case_id: int, *, today: date) -> bool:
    """Whether the case's household has a registered minor."""
    return any(p.is_minor for p in household_persons([case_id], today=today).get(case_id, []))
