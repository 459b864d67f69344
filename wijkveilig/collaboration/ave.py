"""AVE phase from what is known: pure rules over plain case facts → a suggested phase with its reasons.

AVE (Bureau HHM 2018, domain-facts.md §4.3): 1 no problems or only suspicions; 2 a question or a problem;
3 complex problems on several life domains and sectors; 4 problems so complex or large that the situation
escalates completely. Table `RULES` (one row per fact, the phase it implies at least):
- MDA++ open on the household → AVE 4 (MDA++ is for severe, acute and long-lasting violence, §4.2);
- Veilig Thuis investigates, or asked the Raad voor de Kinderbescherming to → AVE 3;
- reported to Veilig Thuis → AVE 3 (a second sector, Veilig Thuis, now works on the family);
- an open Meldcode route, or a safety plan → AVE 2 (there is a problem the team works on);
- otherwise AVE 1.
The suggestion is the highest phase any fact implies. Nothing changes the phase by itself: a person decides.
"""

from dataclasses import dataclass

LOWEST_PHASE = 1


class Fact:
    MDA_ACTIVE = "mda_active"
    VT_INVESTIGATION = "vt_investigation"
    REPORTED_TO_VT = "reported_to_vt"
    OPEN_MELDCODE_ROUTE = "open_meldcode_route"
    SAFETY_PLAN = "safety_plan"


@dataclass(frozen=True)
class CaseFacts:
    is_mda_active: bool = False
    has_vt_investigation: bool = False  # VT's own investigation or a request to the Raad voor de Kinderbescherming
    has_vt_report: bool = False
    has_open_meldcode_route: bool = False
    has_safety_plan: bool = False


@dataclass(frozen=True)
class Suggestion:
    phase: int
    reasons: tuple[str, ...]  # the facts that imply exactly this phase, strongest first


RULES = (
    (Fact.MDA_ACTIVE, 4, lambda f: f.is_mda_active),
    (Fact.VT_INVESTIGATION, 3, lambda f: f.has_vt_investigation),
    (Fact.REPORTED_TO_VT, 3, lambda f: f.has_vt_report),
    (Fact.OPEN_MELDCODE_ROUTE, 2, lambda f: f.has_open_meldcode_route),
    (Fact.SAFETY_PLAN, 2, lambda f: f.has_safety_plan),
)


def suggest(facts: CaseFacts) -> Suggestion:
    """The lowest AVE phase the known facts justify, with the facts that justify it (none for AVE 1)."""
    matched = [(code, phase) for code, phase, holds in RULES if holds(facts)]
    phase = max((phase for _code, phase in matched), default=LOWEST_PHASE)
    return Suggestion(phase=phase, reasons=tuple(code for code, at in matched if at == phase))


def needs_setting(*, recorded: int | None, suggested: int, acknowledged: int | None) -> bool:
    """Ask a person to set the phase: none recorded while the facts say more than AVE 1, or the recorded phase is
    below the suggestion. A phase deliberately set below an earlier suggestion (`acknowledged`, recorded with the
    change and its reason) is not asked again until the suggestion rises above that one."""
    if recorded is None:
        return suggested > LOWEST_PHASE
    if recorded >= suggested:
        return False
    return acknowledged is None or suggested > acknowledged
