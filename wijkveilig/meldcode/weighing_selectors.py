"""Read-side of step 4's complexity: what the case suggests, and the municipality's specialist contacts that fit."""

from collections.abc import Iterable

from wijkveilig.meldcode import weighing
from wijkveilig.meldcode.models import Complexity, MeldcodeRoute, RouteWeighing, SpecialistContact


def complexity_suggestion(route: MeldcodeRoute) -> frozenset[str]:
    """The complexity kinds the case's forms of violence and the route's latest kindcheck point at."""
    forms = route.case.violence_forms.values_list("form", flat=True)
    kindcheck = route.kindchecks.first()
    return frozenset(weighing.suggested_kinds(forms, kindcheck.risk_situations if kindcheck else ()))


def complexity_text(kinds: Iterable[str]) -> str:
    """The Dutch labels of these kinds, in the order of the list of kinds."""
    chosen = set(kinds)
    return ", ".join(str(label) for value, label in Complexity.choices if value in chosen)


def specialist_contacts(route: MeldcodeRoute, record: RouteWeighing | None) -> list[SpecialistContact]:
    """The active specialist contacts of the case's municipality that fit a complex weighing (none otherwise)."""
    if record is None or not record.is_complex:
        return []
    contacts = {c.pk: c for c in SpecialistContact.objects.filter(
        municipality_id=route.case.team.municipality_id, is_active=True)}
    ranked = weighing.matching_contacts(
        [weighing.Contact(c.pk, frozenset(c.expertise)) for c in contacts.values()], record.complexity_kinds)
    return [contacts[pk] for pk in ranked]
