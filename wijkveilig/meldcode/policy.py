"""Who does what in the Meldcode: whose routes a user's lists show, who confirms, who answers for Veilig Thuis."""

from django.db.models import QuerySet

from wijkveilig.accounts import policy as roles


def worklist_cases(user) -> QuerySet:
    """The cases whose Meldcode routes a user's lists show: the coordinator the whole team's, anyone else the cases
    they are assigned to (a consulted or emergency grant opens a case, it does not make it theirs to follow)."""
    from wijkveilig.cases.models import Case

    if roles.coordinates(user):
        return Case.objects.in_teams_of(user)
    return Case.objects.filter(assignments__user=user, assignments__ended_at__isnull=True)


def may_confirm(access) -> bool:
    """Confirming a step-5 outcome (where the organisation requires it) is the coordinator of the case's team."""
    return access.grant == "team"


def may_record_vt_feedback(access) -> bool:
    """Feedback and decisions on a report are recorded by the team's Veilig Thuis contact, on a reported case."""
    return access.grant == "veilig_thuis"


def receives_vt_reports(user) -> bool:
    return roles.is_veilig_thuis(user)
