"""Triage on arrival: the colour follows from three questions (Wijkveilig's own scale, not a national standard).

Modelled on the Veilig Thuis triage route: A. direct danger? B. structural serious unsafety?
C. harmful multi-problem situation? The most serious 'yes' decides the colour.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.TextChoices):
    RED = "rood", _("rood")
    ORANGE = "oranje", _("oranje")
    YELLOW = "geel", _("geel")
    GREEN = "groen", _("groen")


# Most urgent first: the order of the intake queue and of the questions.
COLOUR_RANK = {Colour.RED: 0, Colour.ORANGE: 1, Colour.YELLOW: 2, Colour.GREEN: 3}
QUESTIONS = (
    ("direct_danger", Colour.RED),
    ("structural_unsafety", Colour.ORANGE),
    ("multi_problem", Colour.YELLOW),
)


@dataclass(frozen=True)
class TriageAnswers:
    direct_danger: bool
    structural_unsafety: bool
    multi_problem: bool


def colour_for(answers: TriageAnswers) -> Colour:
    """The colour of the most serious question answered 'yes'; groen when none is."""
    for question, colour in QUESTIONS:
        if getattr(answers, question):
            return colour
    return Colour.GREEN


def is_acute(colour: str) -> bool:
    """Rood: call 112 first, the acute route applies."""
    return colour == Colour.RED
