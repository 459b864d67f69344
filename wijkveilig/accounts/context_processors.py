from wijkveilig.accounts import permissions


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_cases": permissions.can_work_on_cases(user),
        "nav_log": permissions.can_read_access_log(user),
        "nav_admin": permissions.can_administer(user),
        "nav_emergencies": permissions.can_review_emergencies(user),
        "nav_vt": user.role == "vt_liaison",
        "nav_intake": user.role == "coordinator",
        "nav_intake_new": user.role == "vt_liaison",
        "nav_share": user.role == "partner",
        "nav_mda": user.role in ("partner", "vt_liaison"),
        "nav_intake_overview": user.role == "policy_officer",
    }
