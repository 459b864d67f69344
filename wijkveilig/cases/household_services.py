"""Changes to the persons and relations of a case's household, with their roles in the case."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.audit.services import Action, Actor
from wijkveilig.cases import changes
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import CaseStatus, Participant, ParticipantRole, TimelineEvent
from wijkveilig.core.errors import DomainError
from wijkveilig.core.hashing import lookup_hash
from wijkveilig.core.models import save_versioned
from wijkveilig.households.bsn import is_valid_bsn
from wijkveilig.households.models import Gender, Person, Relation, RelationKind


def _check_person_fields(*, first_name: str, last_name: str, birth_date: date | None, bsn: str) -> None:
    if not first_name.strip() or not last_name.strip():
        raise DomainError(_("Vul voornaam en achternaam in (of 'onbekend')."), field="first_name")
    if birth_date and birth_date > timezone.localdate():
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="birth_date")
    if bsn and not is_valid_bsn(bsn):
        raise DomainError(_("Dit BSN klopt niet (het voldoet niet aan de elfproef)."), field="bsn")


def _log(actor: Actor, access: CaseAccess, event: str, action: str) -> None:
    changes.log_change(actor=actor, access=access, event=event, action=action, section="persons")


@transaction.atomic
def person_add(*, actor: Actor, access: CaseAccess, first_name: str, last_name: str, roles: list[str],
               birth_date: date | None = None, gender: str = Gender.OTHER, bsn: str = "") -> Person:
    """Add a person to the case's household with their role(s) in the case."""
    case = access.case
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("Deze casus is gesloten. Heropen de casus om iets te wijzigen."))
    _check_person_fields(first_name=first_name, last_name=last_name, birth_date=birth_date, bsn=bsn)
    if not roles or any(role not in ParticipantRole.values for role in roles):
        raise DomainError(_("Kies minstens één rol in de casus."), field="roles")
    bsn = bsn.strip().zfill(9) if bsn.strip() else ""
    person = Person.objects.create(household=case.household, first_name=first_name.strip(),
                                   last_name=last_name.strip(), birth_date=birth_date, gender=gender,
                                   bsn=bsn, bsn_hash=lookup_hash(bsn) if bsn else "")
    Participant.objects.bulk_create([Participant(case=case, person=person, role=role) for role in sorted(set(roles))])
    TimelineEvent.objects.create(case=case, actor=actor.user, event="person.added", person=person)
    _log(actor, access, "person.added", Action.CREATE)
    return person


@transaction.atomic
def person_update(*, actor: Actor, access: CaseAccess, person: Person, expected_version: int, first_name: str,
                  last_name: str, birth_date: date | None, gender: str, bsn: str, roles: list[str]) -> Person:
    """Correct a person's details and roles; a concurrent edit is refused, never overwritten."""
    case = access.case
    if person.household_id != case.household_id:
        raise DomainError(_("Deze persoon hoort niet bij deze casus."))
    _check_person_fields(first_name=first_name, last_name=last_name, birth_date=birth_date, bsn=bsn)
    if not roles or any(role not in ParticipantRole.values for role in roles):
        raise DomainError(_("Kies minstens één rol in de casus."), field="roles")
    bsn = bsn.strip().zfill(9) if bsn.strip() else ""
    person.first_name, person.last_name = first_name.strip(), last_name.strip()
    person.birth_date, person.gender = birth_date, gender
    person.bsn, person.bsn_hash = bsn, lookup_hash(bsn) if bsn else ""
    save_versioned(person, expected_version=expected_version,
                   fields=["first_name", "last_name", "birth_date", "gender", "bsn", "bsn_hash"])
    Participant.objects.filter(case=case, person=person).exclude(role__in=roles).delete()
    for role in set(roles):
        Participant.objects.get_or_create(case=case, person=person, role=role)
    TimelineEvent.objects.create(case=case, actor=actor.user, event="person.updated", person=person)
    _log(actor, access, "person.updated", Action.UPDATE)
    return person


@transaction.atomic
def relation_add(*, actor: Actor, access: CaseAccess, person_id: int, other_id: int, kind: str) -> Relation:
    """Record how two persons of the household relate (A is <kind> of B)."""
    case = access.case
    if kind not in RelationKind.values:
        raise DomainError(_("Kies een soort relatie."), field="kind")
    if person_id == other_id:
        raise DomainError(_("Kies twee verschillende personen."), field="other")
    persons = {p.pk: p for p in Person.objects.filter(household=case.household, pk__in=[person_id, other_id])}
    if len(persons) != 2:
        raise DomainError(_("Kies twee personen uit dit huishouden."), field="person")
    relation, created = Relation.objects.get_or_create(household=case.household, person=persons[person_id],
                                                       other=persons[other_id], kind=kind)
    if not created:
        raise DomainError(_("Deze relatie is al vastgelegd."), field="kind")
    TimelineEvent.objects.create(case=case, actor=actor.user, event="relation.added", person=persons[person_id],
                                 detail=kind)
    _log(actor, access, "relation.added", Action.CREATE)
    return relation
