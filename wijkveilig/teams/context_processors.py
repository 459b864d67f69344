from wijkveilig.teams import policy


def navigation(request):
    """The menu entries of the team and municipality pages (flags from the policy, never a role in a template)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return policy.navigation(user)
