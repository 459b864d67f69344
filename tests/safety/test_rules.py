"""Safety plan rules, table-driven."""

from datetime import date

import pytest

from wijkveilig.safety import rules

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(("due_on", "latest", "expected"), [
    (date(2026, 3, 9), None, True),           # date passed, never reviewed
    (date(2026, 3, 9), "not_kept", True),
    (date(2026, 3, 9), "partly", True),
    (date(2026, 3, 9), "kept", False),        # kept: done, not overdue
    (date(2026, 3, 10), None, False),         # due today is not yet overdue
    (date(2026, 3, 11), "not_kept", False),
])
def test_is_overdue(due_on, latest, expected):
    assert rules.is_overdue(due_on=due_on, today=TODAY, latest_status=latest) is expected


@pytest.mark.parametrize(("review_on", "last_reviewed_on", "expected"), [
    (None, None, False),                         # no review date set
    (date(2026, 3, 11), None, False),            # still ahead
    (date(2026, 3, 10), None, False),            # today: not missed yet
    (date(2026, 3, 1), None, True),              # passed, never reviewed
    (date(2026, 3, 1), date(2026, 2, 20), True), # only an older review
    (date(2026, 3, 1), date(2026, 3, 1), False), # reviewed on the day
    (date(2026, 3, 1), date(2026, 3, 5), False),
])
def test_is_review_missed(review_on, last_reviewed_on, expected):
    assert rules.is_review_missed(review_on=review_on, today=TODAY, last_reviewed_on=last_reviewed_on) is expected


@pytest.mark.parametrize(("count", "victims", "answers", "expected"), [
    (0, [], {}, ["agreements"]),
    (1, [], {}, []),
    (1, [5], {}, ["safe_places"]),
    (1, [5], {5: "   "}, ["safe_places"]),
    (1, [5, 6], {5: "bij zus"}, ["safe_places"]),
    (2, [5, 6], {5: "bij zus", 6: "opvang"}, []),
    (0, [5], {}, ["agreements", "safe_places"]),
])
def test_plan_missing(count, victims, answers, expected):
    assert rules.plan_missing(agreement_count=count, victim_ids=victims, answers=answers) == expected


P, VICTIM, CHILD = "suspected_perpetrator", "victim", "child"
MOTHER, FATHER, LIV = 1, 2, 3


@pytest.mark.parametrize(("audience", "is_protective", "person_id", "roles", "expected"), [
    # A person of the household sees what is for them ...
    ({MOTHER}, False, MOTHER, {VICTIM}, rules.FULL),
    ({MOTHER, LIV}, True, LIV, {CHILD}, rules.FULL),
    # ... and nothing that is not for them.
    ({MOTHER}, False, LIV, {CHILD}, rules.HIDDEN),
    ({MOTHER}, True, LIV, {CHILD}, rules.HIDDEN),
    # An ordinary agreement may be for the (suspected) perpetrator: "vader slaapt bij oom".
    ({FATHER}, False, FATHER, {P}, rules.FULL),
    # A protective agreement never reaches a (suspected) perpetrator, also when ticked before the role was added.
    ({MOTHER, FATHER}, True, FATHER, {P}, rules.HIDDEN),
    ({FATHER}, True, FATHER, {P, VICTIM}, rules.HIDDEN),  # perpetrator and victim at once: safety first
    ({FATHER}, True, FATHER, set(), rules.FULL),          # not (or no longer) a perpetrator
    # An external MDA++ partner: ordinary agreements in full, protective ones withheld, whatever the audience.
    ({MOTHER}, False, None, set(), rules.FULL),
    ({MOTHER}, True, None, set(), rules.WITHHELD),
    (set(), True, None, set(), rules.WITHHELD),
])
def test_agreement_visibility(audience, is_protective, person_id, roles, expected):
    assert rules.agreement_visibility(audience_ids=frozenset(audience), is_protective=is_protective,
                                      person_id=person_id, person_roles=frozenset(roles)) == expected


@pytest.mark.parametrize(("is_protective", "audience", "perpetrators", "expected"), [
    (True, [MOTHER, FATHER], [FATHER], [FATHER]),
    (True, [MOTHER, LIV], [FATHER], []),
    (False, [MOTHER, FATHER], [FATHER], []),  # an ordinary agreement may be for him
    (True, [], [FATHER], []),
])
def test_refused_audience(is_protective, audience, perpetrators, expected):
    assert rules.refused_audience(is_protective=is_protective, audience_ids=audience,
                                  perpetrator_ids=perpetrators) == expected


@pytest.mark.parametrize(("is_protective", "named", "expected"), [
    (False, [FATHER], [FATHER]),               # the persons it names
    (False, [], [MOTHER, FATHER, LIV]),        # names nobody: the household
    (True, [LIV], [LIV]),
    (True, [], [MOTHER, LIV]),                 # names nobody: the victims and children
    (True, [MOTHER, FATHER, LIV], [MOTHER, LIV]),  # names the perpetrator: he is left out
])
def test_default_audience(is_protective, named, expected):
    assert rules.default_audience(is_protective=is_protective, named_ids=named, household_ids=[MOTHER, FATHER, LIV],
                                  protected_ids=[MOTHER, LIV], perpetrator_ids=[FATHER]) == expected


@pytest.mark.parametrize(("texts", "expected"), [
    (["Frank belt bij spanning zijn zus en zij haalt Liv en Zoë op"], [FATHER, LIV]),
    (["Moeder (fictief)", "Gaat naar de opvang"], []),
    (["Olivia gaat naar school"], []),          # "Liv" inside another word is not Liv
    (["", "", "", "Zus van ANNA"], [MOTHER]),   # case does not matter, the network counts too
])
def test_named_person_ids(texts, expected):
    assert rules.named_person_ids(texts, {MOTHER: "Anna", FATHER: "Frank", LIV: "Liv"}) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Frank belt bij spanning zijn zus en zij haalt Liv en Zoë op", True),   # who to call, who picks up
    ("Waar kan Anna heen als het opnieuw gebeurt: naar de buren", True),     # where to go
    ("Moeder heeft een tas klaar staan bij de voordeur", True),
    ("Moeder gaat met de kinderen naar de opvang", True),
    ("Vader volgt een cursus omgaan met boosheid", False),
    ("Ouders volgen samen een oudercursus", False),
])
def test_looks_protective(text, expected):
    assert rules.looks_protective(text) is expected


@pytest.mark.parametrize(("roles", "expected"), [
    ([(MOTHER, VICTIM), (FATHER, P), (LIV, CHILD)], [MOTHER, LIV]),   # every victim and every child
    ([(FATHER, P), (FATHER, CHILD)], [FATHER]),                        # an adolescent child who is also perpetrator
    ([(FATHER, P), (MOTHER, "witness")], []),
])
def test_safe_place_person_ids(roles, expected):
    assert rules.safe_place_person_ids(roles) == expected
