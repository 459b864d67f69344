"""Safety plan rules as pure functions over plain data (no ORM)."""

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
