from wijkveilig.analysis import policy


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_analysis": policy.can_view_analysis(user)}
