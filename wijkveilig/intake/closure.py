"""How an intake concern is handled to the end (afhandeling): which outcome closes which colour (pure functions).

Oranje and rood go to Veilig Thuis / specialist help, and "Veilig Thuis heeft de regie" alone is no end state: such a
concern stays open until one recorded outcome shows Veilig Thuis really has it or the team's Meldcode route runs.
Groen and geel end when the team opens a case (with the specialist team's support). See docs/decisions/0014.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkveilig.intake.triage import Colour


class Outcome(models.TextChoices):
    REPORTED = "reported", _("gemeld bij Veilig Thuis vanuit de intake")
    VT_ALREADY_KNOWS = "vt_already_knows", _("Veilig Thuis heeft de zorg al (bevestigd, met kenmerk)")
    CASE_WITH_ROUTE = "case_with_route", _("casus met een lopende Meldcode-route")
    CASE = "case", _("casus bij het wijkteam")


_TO_VEILIG_THUIS = frozenset({Outcome.REPORTED, Outcome.VT_ALREADY_KNOWS, Outcome.CASE_WITH_ROUTE})
# colour → the outcomes that end it. A groen/geel concern is not "reported" from the intake: a report follows from the
# afwegingskader on the case (or from a colour overruled to oranje/rood with a reason).
OUTCOMES_BY_COLOUR = {
    Colour.RED: _TO_VEILIG_THUIS,
    Colour.ORANGE: _TO_VEILIG_THUIS,
    Colour.YELLOW: frozenset({Outcome.CASE}),
    Colour.GREEN: frozenset({Outcome.CASE}),
}


def allowed_outcomes(colour: str) -> frozenset:
    """The outcomes that may end a concern of this colour; none before the triage."""
    return OUTCOMES_BY_COLOUR.get(colour, frozenset()) if colour in Colour.values else frozenset()


def may_end_with(colour: str, outcome: str) -> bool:
    return outcome in allowed_outcomes(colour)


def case_outcome(colour: str) -> Outcome | None:
    """What opening a case records: oranje/rood also start (or link) a Meldcode route; None before the triage."""
    if Outcome.CASE_WITH_ROUTE in allowed_outcomes(colour):
        return Outcome.CASE_WITH_ROUTE
    return Outcome.CASE if Outcome.CASE in allowed_outcomes(colour) else None


def needs_handling_by_veilig_thuis(colour: str) -> bool:
    """Oranje/rood: the concern must end in a report, a confirmation by Veilig Thuis or a case with a route."""
    return Outcome.REPORTED in allowed_outcomes(colour)


def is_open_for_handling(*, colour: str, outcome: str = "", has_case: bool = False) -> bool:
    """Whether the concern stays in the coordinator's queue: until an outcome that fits its colour is recorded.

    A case opened from it always ends it (opening a case from an oranje/rood concern starts the route); an outcome
    that does not fit the colour (the colour was changed afterwards) does not.
    """
    if has_case:
        return False
    return not (outcome and may_end_with(colour, outcome))
