"""Who may direct a case's collaboration (AVE phase, MDA++) and who sees which escalation lists."""

from wijkveilig.accounts import policy as roles

# Scaling the AVE phase and starting, directing or ending the MDA++ are case-direction decisions: the team's
# coordinator or an assigned worker, never an emergency, consultation, Veilig Thuis or partner grant.
DIRECTING_GRANTS = frozenset({"team", "assigned"})


def may_direct(access) -> bool:
    return access.grant in DIRECTING_GRANTS and access.can_write


def may_list_mda_cases(user) -> bool:
    """Partner and Veilig Thuis accounts list the MDA++ cases they were added to."""
    return roles.may_be_mda_partner(user)
