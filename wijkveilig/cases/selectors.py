"""Read-side queries for case lists; each list or search writes one access-log row.

Lists are pages (keyset, newest first: `core/keyset.py`) and load only what the table shows: the case's own
columns, the household's name and buurt, and the names of the active assignees. Full user rows, violence forms and
the encrypted texts stay in the database (issue 12: 20k objects per 500-row list cost 140-170 ms of garbage
collection).
"""

from django.db.models import Exists, OuterRef, Prefetch, Q

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.models import Assignment, Case, CaseStatus, CaseViolenceForm
from wijkveilig.core.hashing import lookup_hash
from wijkveilig.core.keyset import KeysetPage, keyset_page
from wijkveilig.households.models import Person

PAGE_SIZE = 50
LIST_KEYS = ("opened_at", "id")
TABLE_COLUMNS = ("id", "reference", "status", "opened_at", "household__name", "household__buurt__name")


def for_table(queryset):
    """Cases with only what a case table shows: own columns, household name and buurt, the active assignees' names."""
    active = (Assignment.objects.filter(ended_at__isnull=True).select_related("user")
              .only("case_id", "user__username", "user__first_name", "user__last_name").order_by("id"))
    return (queryset.select_related("household", "household__buurt").only(*TABLE_COLUMNS)
            .prefetch_related(Prefetch("assignments", queryset=active, to_attr="active_assignments")))


def _matching(query: str) -> Q:
    """Cases whose reference starts with the query, or whose household or one of its persons carries it in a name.
    Applied to the cases the user may see (a UNION of indexed lookups, `cases.policy`), never to the country: a
    common surname matches thousands of households nationwide but only a few of one team's cases, so the work is
    bounded by what the user may see. (Under row-level security PostgreSQL may not use an index for LIKE on
    `cases_case` anyway: LIKE is not leakproof, so it is checked only after the municipality policy.)"""
    persons = Person.objects.filter(household_id=OuterRef("household_id")).filter(
        Q(last_name__icontains=query) | Q(first_name__icontains=query))
    return (Q(reference__startswith=query.strip().upper()) | Q(household__name__icontains=query)
            | Exists(persons))


def case_search(*, actor: Actor, query: str = "", status: str = "", form: str = ""):
    """Cases the user may open, filtered; the search terms are logged only as a keyed hash. A queryset: the page
    and the API take their slice of it."""
    cases = Case.objects.visible_to(actor.user, resolved=True)
    if query:
        cases = cases.filter(_matching(query))
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
