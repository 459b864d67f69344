from wijkveilig.accounts import policy


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return policy.navigation(user)
