"""The shape of an access rule table (cases, concerns): each grant opens objects through ONE indexed lookup, the
list scope is the UNION of a user's grants' lookups and the grant for one object is the same lookup filtered to it,
so a list can never show what its page would refuse, or the other way round."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.db.models import QuerySet

from wijkveilig.accounts import policy as roles


@dataclass(frozen=True)
class Grant:
    name: str
    roles: frozenset[str]
    writes: bool
    # None: the whole object; else only these sections (the access helper's `section`)
    sections: frozenset[str] | None
    # the objects this grant opens for a user: a queryset over the table that holds the reason, and the name of
    # its column with the object's id
    lookup: Callable[[object], QuerySet]
    id_field: str

    def ids(self, user) -> QuerySet:
        return self.lookup(user).order_by().values_list(self.id_field, flat=True)

    def opens(self, section: str | None) -> bool:
        return section is None or self.sections is None or section in self.sections


def grants_for(table: tuple[Grant, ...], user) -> tuple[Grant, ...]:
    role = roles.role_of(user)
    return tuple(grant for grant in table if role in grant.roles)


def scope_ids(table: tuple[Grant, ...], user) -> QuerySet | None:
    """The ids this user may open: the UNION of their grants' lookups; None when no grant applies to their role."""
    lookups = [grant.ids(user) for grant in grants_for(table, user)]
    return reduce(lambda left, right: left.union(right), lookups) if lookups else None


def grant_for(table: tuple[Grant, ...], user, pk: int, section: str | None = None) -> str | None:
    """Why this user may open object `pk` (in this section), strongest reason first; None if they may not."""
    for grant in grants_for(table, user):
        if grant.opens(section) and grant.ids(user).filter(**{grant.id_field: pk}).exists():
            return grant.name
    return None
