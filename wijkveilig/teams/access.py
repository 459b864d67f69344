"""Fetch team members and municipalities within the user's scope: 403 for a role that may never, 404 outside scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from wijkveilig.accounts.models import Membership
from wijkveilig.areas.models import Municipality
from wijkveilig.teams import policy


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def access_member(request, member_id: int) -> Membership:
    """A member of one of the coordinator's own teams; another team's member is 404, like a missing one."""
    require(policy.can_manage_team(request.user))
    membership = (Membership.objects.filter(pk=member_id, team__memberships__user=request.user)
                  .select_related("user", "team", "profile").first())
    if membership is None:
        raise Http404
    return membership


def access_municipality(request, municipality_id: int, allowed) -> Municipality:
    """A municipality within the user's scope (`policy.municipality_scope`); another municipality of the installation
    is 404, like a missing one, so its existence is not told either."""
    require(allowed(request.user))
    municipality = policy.municipality_scope(request.user).filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def check_year(year: int) -> int:
    """Self-scan years: from the Kwaliteitskader's adoption (2019) to this year; any other is 404."""
    if not 2019 <= year <= timezone.localdate().year:
        raise Http404
    return year
