"""Read-side queries for case lists; each list or search writes one access-log row."""

from django.db.models import Prefetch, Q

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.models import Assignment, Case, CaseStatus
from wijkveilig.core.hashing import lookup_hash


def _with_list_data(queryset):
    active = Assignment.objects.filter(ended_at__isnull=True).select_related("user")
    return queryset.select_related("household", "household__buurt", "team").prefetch_related(
        Prefetch("assignments", queryset=active, to_attr="active_assignments"), "violence_forms"
    )


def case_search(*, actor: Actor, query: str = "", status: str = "", form: str = ""):
    """Cases the user may open, filtered; the search terms are logged only as a keyed hash."""
    cases = Case.objects.visible_to(actor.user)
    if query:
        cases = cases.filter(
            Q(reference__icontains=query)
            | Q(household__name__icontains=query)
            | Q(household__persons__last_name__icontains=query)
            | Q(household__persons__first_name__icontains=query)
        )
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if form:
        cases = cases.filter(violence_forms__form=form)
    access_log_write(actor=actor, event="case.searched", action=Action.EXECUTE, section="team_list",
                     query_hash=lookup_hash(f"{query}|{status}|{form}") if (query or status or form) else "")
    return _with_list_data(cases.distinct())
