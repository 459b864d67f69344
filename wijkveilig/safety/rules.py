"""Safety plan rules as pure functions over plain data (no ORM)."""

import re
from datetime import date

KEPT = "kept"


def is_overdue(*, due_on: date, today: date, latest_status: str | None) -> bool:
    """An agreement is overdue once its date has passed and no review says it was kept."""
    return due_on < today and latest_status != KEPT


def is_review_missed(*, review_on: date | None, today: date, last_reviewed_on: date | None) -> bool:
    """The plan's review date has passed without any review on or after that date."""
    if review_on is None or review_on >= today:
        return False
    return last_reviewed_on is None or last_reviewed_on < review_on


def victims_without_safe_place(victim_ids: list[int], answers: dict[int, str]) -> list[int]:
    """Victims who have no answer yet to "where can you go if it happens again?"."""
    return [pk for pk in victim_ids if not answers.get(pk, "").strip()]


def plan_missing(*, agreement_count: int, victim_ids: list[int], answers: dict[int, str]) -> list[str]:
    """What still keeps a plan from being agreed, as codes: 'agreements', 'safe_places'."""
    missing = []
    if agreement_count == 0:
        missing.append("agreements")
    if victims_without_safe_place(victim_ids, answers):
        missing.append("safe_places")
    return missing


# Roles on the case that decide what a person may read of the plan (plain strings: no import of cases here).
PERPETRATOR = "suspected_perpetrator"
SAFE_PLACE_ROLES = frozenset({"victim", "child"})

# Words that mark an agreement as protecting a victim (Movisie: "Waar kan de vrouw heen wanneer het nog een
# keer gebeurt?"): a safe place, who to call, who picks up the children, where to go. Lower-case word stems.
PROTECTIVE_CUES = (
    "veilige plek", "heen", "vlucht", "opvang", "onderdak", "haalt",
    "ophalen", "opgehaald", "belt", "bellen", "112", "noodnummer", "alarm", "sleutel", "tas klaar", "wegga",
    "weg te gaan", "naar de buren",
)


def looks_protective(*texts: str) -> bool:
    """Suggestion only: does the agreement's text read like a victim's protection (where to go, whom to call,
    who picks up the children)? The worker decides; the plan page asks to check when this says yes."""
    text = " ".join(texts).lower()
    return any(cue in text for cue in PROTECTIVE_CUES)


def named_person_ids(texts: list[str], first_names: dict[int, str]) -> list[int]:
    """The persons whose first name appears as a whole word in the agreement's texts (the default audience)."""
    words = set(re.findall(r"\w+", " ".join(texts).lower()))
    return sorted(pk for pk, name in first_names.items() if name.strip() and name.strip().lower() in words)


def refused_audience(*, is_protective: bool, audience_ids: list[int], perpetrator_ids: list[int]) -> list[int]:
    """Persons who may not be in this audience: every (suspected) perpetrator of a protective agreement."""
    return sorted(set(audience_ids) & set(perpetrator_ids)) if is_protective else []


def default_audience(*, is_protective: bool, named_ids: list[int], household_ids: list[int],
                     protected_ids: list[int], perpetrator_ids: list[int]) -> list[int]:
    """Who an agreement is for when the worker ticked nobody: the persons it names; if it names nobody, the whole
    household for an ordinary agreement and the victims and children for a protective one. Never a (suspected)
    perpetrator for a protective agreement."""
    ids = named_ids or (protected_ids if is_protective else household_ids)
    return sorted(set(ids) - set(refused_audience(is_protective=is_protective, audience_ids=ids,
                                                  perpetrator_ids=perpetrator_ids)))


FULL, WITHHELD, HIDDEN = "full", "withheld", "hidden"


def agreement_visibility(*, audience_ids: frozenset[int], is_protective: bool, person_id: int | None,
                         person_roles: frozenset[str]) -> str:
    """What one reader may see of one agreement, decided at read time from the roles they hold now.

    `person_id` None is an external MDA++ partner (no person of the household): ordinary agreements in full,
    protective ones only as "withheld" (kind, date and status, never who, what, where or network).
    A person of the household sees an agreement only if it is for them, and never a protective one while they
    hold the role (suspected) perpetrator, even when they were ticked before they got that role.
    """
    if person_id is None:
        return WITHHELD if is_protective else FULL
    if is_protective and PERPETRATOR in person_roles:
        return HIDDEN
    return FULL if person_id in audience_ids else HIDDEN


def safe_place_person_ids(roles: list[tuple[int, str]]) -> list[int]:
    """Whom "Waar kan … heen als het opnieuw gebeurt?" is asked of: every victim and every child of the case."""
    return sorted({pk for pk, role in roles if role in SAFE_PLACE_ROLES})
