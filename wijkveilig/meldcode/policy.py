"""Who does what in the Meldcode: who confirms an outcome, who answers for Veilig Thuis."""

from wijkveilig.accounts import policy as roles


def may_confirm(access, user) -> bool:
    """Confirming a step-5 outcome (where the organisation requires it) is the coordinator of the case's team."""
    return access.grant == "team" and roles.coordinates(user)


def may_record_vt_feedback(access, user) -> bool:
    """Feedback and decisions on a report are recorded by the team's Veilig Thuis contact, on a reported case."""
    return access.grant == "veilig_thuis" and roles.is_veilig_thuis(user)


def receives_vt_reports(user) -> bool:
    return roles.is_veilig_thuis(user)
