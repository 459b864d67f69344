"""Read-side queries for case lists; each list or search writes one access-log row.

Lists are pages (keyset, newest first: `core/keyset.py`) and load only what the table shows: the case's own
columns, the household's name and buurt, and the names of the active assignees. Full user rows, violence forms and
the encrypted texts stay in the database (issue 12: 20k objects per 500-row list cost 140-170 ms of garbage
collection).
"""

from django.db.models import Exists, OuterRef, Prefetch

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.models import Assignment, Case, CaseStatus, CaseViolenceForm
from wijkveilig.core.hashing import lookup_hash
from wijkveilig.core.keyset import KeysetPage, keyset_page
from wijkveilig.households.models import Household, Person

PAGE_SIZE = 50
LIST_KEYS = ("opened_at", "id")
TABLE_COLUMNS = ("id", "reference", "status", "opened_at", "household__name", "household__buurt__name")


def for_table(queryset):
    """Cases with only what a case table shows: own columns, household name and buurt, the active assignees' names."""
    active = (Assignment.objects.filter(ended_at__isnull=True).select_related("user")
              .only("case_id", "user__username", "user__first_name", "user__last_name").order_by("id"))
    return (queryset.select_related("household", "household__buurt").only(*TABLE_COLUMNS)
            .prefetch_related(Prefetch("assignments", queryset=active, to_attr="active_assignments")))


def _matching_ids(query: str):
    """Ids of the cases whose reference starts with the query, or whose household or one of its persons carries it
    in a name: a UNION of index lookups (reference prefix; trigram indexes on the names on PostgreSQL, households
    migration 0003). No join to persons, so no case comes twice and no DISTINCT over every column; no OR across
    the pieces, which made PostgreSQL test every case and every household in turn (issue 12)."""
    households = Household.objects.filter(name__icontains=query).values("pk").order_by().union(
        Person.objects.filter(last_name__icontains=query).values("household_id").order_by(),
        Person.objects.filter(first_name__icontains=query).values("household_id").order_by())
    return Case.objects.filter(reference__startswith=query.strip().upper()).values("pk").order_by().union(
        Case.objects.filter(household_id__in=households).values("pk").order_by())


def case_search(*, actor: Actor, query: str = "", status: str = "", form: str = ""):
    """Cases the user may open, filtered; the search terms are logged only as a keyed hash. A queryset: the page
    and the API take their slice of it."""
    cases = Case.objects.visible_to(actor.user)
    if query:
        cases = cases.filter(pk__in=_matching_ids(query))
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if form:
        cases = cases.filter(Exists(CaseViolenceForm.objects.filter(case_id=OuterRef("pk"), form=form)))
    access_log_write(actor=actor, event="case.searched", action=Action.EXECUTE, section="team_list",
                     query_hash=lookup_hash(f"{query}|{status}|{form}") if (query or status or form) else "")
    return cases


def case_search_page(*, actor: Actor, query: str = "", status: str = "", form: str = "",
                     after: str | None = None, before: str | None = None) -> KeysetPage:
    cases = for_table(case_search(actor=actor, query=query, status=status, form=form))
    return keyset_page(cases, keys=LIST_KEYS, size=PAGE_SIZE, after=after, before=before)


def api_case_page(*, actor: Actor, query: str, status: str, size: int, after: str | None = None) -> KeysetPage:
    """The API list: the columns it returns and nothing else."""
    cases = case_search(actor=actor, query=query, status=status).select_related("household").only(
        "id", "reference", "status", "opened_at", "household__name")
    return keyset_page(cases, keys=LIST_KEYS, size=size, after=after)
