"""Who gets which start page and which werkvoorraad filters: the only place in `core` that knows roles.

Need-to-know decides the filters: a worker or specialist sees only the cases assigned to them, so their filters
are "mine" and "my duo's" (the cases they share with a duo partner); only the coordinator, who sees the whole
team's cases, gets "team" (and it is their default). Veilig Thuis gets its own list: what it received and still owes.
"""

from enum import StrEnum

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.models import Role


class Worklist(StrEnum):
    TEAM_MEMBER = "team_member"
    COORDINATOR = "coordinator"
    VEILIG_THUIS = "veilig_thuis"


class Scope(StrEnum):
    MINE = "mine"
    DUO = "duo"
    TEAM = "team"


# role -> (which werkvoorraad, the filters it may use, first one the default)
WORKLISTS: dict[str, tuple[Worklist, tuple[Scope, ...]]] = {
    Role.WORKER: (Worklist.TEAM_MEMBER, (Scope.MINE, Scope.DUO)),
    Role.SPECIALIST: (Worklist.TEAM_MEMBER, (Scope.MINE, Scope.DUO)),
    Role.COORDINATOR: (Worklist.COORDINATOR, (Scope.TEAM, Scope.MINE, Scope.DUO)),
    Role.VT_LIAISON: (Worklist.VEILIG_THUIS, ()),
}


def worklist_for(user) -> Worklist | None:
    """The werkvoorraad this user gets on their start page; None for roles that see no cases."""
    found = WORKLISTS.get(roles.role_of(user))
    return found[0] if found else None


def worklist_scopes(user) -> tuple[Scope, ...]:
    """The filters this user may choose, the default first."""
    found = WORKLISTS.get(roles.role_of(user))
    return found[1] if found else ()


def worklist_scope(user, requested: str) -> Scope | None:
    """The requested filter if this user may use it, otherwise their default (fails closed to the narrowest)."""
    scopes = worklist_scopes(user)
    if not scopes:
        return None
    return Scope(requested) if requested in scopes else scopes[0]

