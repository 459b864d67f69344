"""Kwaliteitskader self-scan rules: what an answer needs, and the per-theme averages for the comparison over years.
Pure functions over plain data (decision 0051)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

ACTION_BELOW = 3  # a score under 3 (niet geregeld, in ontwikkeling) needs an action point with owner and date


@dataclass(frozen=True)
class AnswerIn:
    score: int | None
    evidence: str = ""
    action: str = ""
    action_owner: str = ""
    action_due_on: date | None = None


def answer_problems(answer: AnswerIn) -> dict[str, str]:
    """Field → message for an answer that cannot be saved; an unscored statement with nothing written is fine."""
    problems = {}
    if answer.score is None:
        if answer.evidence.strip() or answer.action.strip():
            problems["score"] = _("Kies een score bij deze toelichting.")
        return problems
    if not answer.evidence.strip():
        problems["evidence"] = _("Onderbouw de score: waaruit blijkt dit?")
    if answer.score < ACTION_BELOW:
        if not answer.action.strip():
            problems["action"] = _("Bij een score onder 3 hoort een actiepunt.")
        if not answer.action_owner.strip():
            problems["action_owner"] = _("Wie is eigenaar van het actiepunt?")
        if answer.action_due_on is None:
            problems["action_due_on"] = _("Wanneer moet het actiepunt klaar zijn?")
    return problems


def theme_averages(scores: list[tuple[str, int | None]]) -> dict[str, float | None]:
    """(theme code, score) pairs → average score per theme, one decimal; None where nothing was scored."""
    per_theme: dict[str, list[int]] = {}
    for theme, score in scores:
        per_theme.setdefault(theme, [])
        if score is not None:
            per_theme[theme].append(score)
    return {theme: round(sum(values) / len(values), 1) if values else None for theme, values in per_theme.items()}
