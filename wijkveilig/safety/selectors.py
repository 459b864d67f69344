"""Reads of safety plans as plain data, also for other apps (the AVE stagnation rule imports these)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone

from wijkveilig.cases.models import Case, ParticipantRole
from wijkveilig.households.models import Person
from wijkveilig.safety import rules
from wijkveilig.safety.models import Agreement, SafetyPlan


def victim_ids(case: Case) -> list[int]:
    """The persons with the role victim on this case."""
    return sorted(set(case.participants.filter(role=ParticipantRole.VICTIM).values_list("person_id", flat=True)))


def safe_place_person_ids(case: Case) -> list[int]:
    """The persons asked "Waar kan … heen als het opnieuw gebeurt?": every victim and every child of the case."""
    return rules.safe_place_person_ids(list(case.participants.values_list("person_id", "role")))


def roles_by_person(case: Case) -> dict[int, frozenset[str]]:
    """Person id → the roles that person holds on this case now."""
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role in case.participants.values_list("person_id", "role"):
        roles[person_id].add(role)
    return {pk: frozenset(found) for pk, found in roles.items()}


def plan_of(case: Case) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(case=case).first()


def agreements(plan: SafetyPlan | None) -> list[Agreement]:
    """The plan's agreements, immediate safety first, each with its reviews (newest first)."""
    if plan is None:
        return []
    return list(plan.agreements.prefetch_related("reviews__reviewed_by", "audience"))


@dataclass(frozen=True)
class SeenAgreement:
    agreement: Agreement
    is_withheld: bool  # shown only as "a protective agreement": no who, what, where or network


@dataclass(frozen=True)
class PlanForPerson:
    agreements: list[SeenAgreement]
    safe_place: str


def plan_for_person(plan: SafetyPlan, person: Person | None) -> PlanForPerson:
    """The one answer to "what may this reader see of the plan", decided now from the roles held now.

    `person` is a person of the household (their family version), or None for an external MDA++ partner. A person
    gets the agreements meant for them, never a protective one while they are a (suspected) perpetrator, and only
    their own safe place; a partner gets ordinary agreements in full, protective ones withheld, no safe place.
    Every print, page and API answer made for a reader goes through here.
    """
    roles = roles_by_person(plan.case).get(person.pk, frozenset()) if person else frozenset()
    seen = []
    for agreement in agreements(plan):
        visibility = rules.agreement_visibility(
            audience_ids=frozenset(p.pk for p in agreement.audience.all()), is_protective=agreement.is_protective,
            person_id=person.pk if person else None, person_roles=roles)
        if visibility != rules.HIDDEN:
            seen.append(SeenAgreement(agreement, is_withheld=visibility == rules.WITHHELD))
    place = plan.safe_places.filter(person=person).first() if person else None
    return PlanForPerson(agreements=seen, safe_place=place.answer if place else "")


def readers_of(case: Case, listed: list[Agreement]) -> dict[int, list[tuple[Person, bool]]]:
    """Agreement id → its audience as (person, may read it now), for the worker's "Zichtbaar voor" column: a ticked
    person who has since become a (suspected) perpetrator shows as no longer reading a protective agreement."""
    roles = roles_by_person(case)
    return {a.pk: [(p, rules.agreement_visibility(
        audience_ids=frozenset({p.pk}), is_protective=a.is_protective, person_id=p.pk,
        person_roles=roles.get(p.pk, frozenset())) == rules.FULL) for p in a.audience.all()]
        for a in listed}


def vt_conditions_hint(case: Case) -> str:
    """The latest safety conditions of Veilig Thuis on this case: from its feedback on a report, or from its answer
    on questions 3-5 under which the wijkteam helps (whichever is newest), if any."""
    from wijkveilig.meldcode.models import VtFeedback, VtRouteAnswer

    # Encrypted: cannot filter on emptiness in SQL, so take the newest non-empty one here.
    feedback = [(f.received_on, f.safety_conditions) for f in
                VtFeedback.objects.filter(report__case=case).order_by("-received_on", "-id")[:20]]
    answers = [(timezone.localtime(a.recorded_at).date(), a.safety_conditions) for a in
               VtRouteAnswer.objects.filter(route__case=case).order_by("-recorded_at", "-id")[:20]]
    rows = sorted(answers + feedback, key=lambda row: row[0], reverse=True)  # stable: an answer wins a tie
    return next((conditions for _on, conditions in rows if conditions.strip()), "")


def overdue_agreements(case_ids: list[int], today: date) -> dict[int, int]:
    """Case id → number of agreements whose date has passed without a review saying they were kept."""
    counts: Counter = Counter()
    rows = Agreement.objects.filter(plan__case_id__in=case_ids, due_on__lt=today).prefetch_related("reviews")
    for agreement in rows.select_related("plan").only("due_on", "plan__case_id"):  # no encrypted text to decrypt
        latest = agreement.reviews.all()[0].status if agreement.reviews.all() else None
        if rules.is_overdue(due_on=agreement.due_on, today=today, latest_status=latest):
            counts[agreement.plan.case_id] += 1
    return {case_id: counts[case_id] for case_id in case_ids if counts[case_id]}


def missed_reviews(case_ids: list[int], today: date) -> dict[int, int]:
    """Case id → 1 when the plan's review date has passed without a review since (0 cases are left out)."""
    plans = (SafetyPlan.objects.filter(case_id__in=case_ids, review_on__lt=today)
             .annotate(last_reviewed_on=Max("agreements__reviews__reviewed_on")))
    return {plan.case_id: 1 for plan in plans
            if rules.is_review_missed(review_on=plan.review_on, today=today, last_reviewed_on=plan.last_reviewed_on)}
