"""Step 4, "Is de situatie complex?": which complexity kinds make a situation complex, what the case suggests, and
which specialist contacts fit. Pure: plain values in, plain values out.

Source: seed 004 (Movisie, Factor veiligheid) §5 "Bij weging ... Wie worden bedreigd? Is er grote schade? Is de
situatie complex?" and §5.3 "Complex: schakel specialistische hulp in"; decision record 0012.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ComplexityKind(StrEnum):
    HONOUR_RELATED = "honour_related"
    TRAFFICKING = "trafficking"
    FORCED_MARRIAGE = "forced_marriage"
    FGM = "fgm"
    PSYCHIATRY_WITH_VIOLENCE = "psychiatry_with_violence"
    SEXUAL_ABUSE_MULTIPLE_VICTIMS = "sexual_abuse_multiple_victims"


# A form of violence of the case (cases.ViolenceForm value) that is itself a complexity kind.
FORM_TO_KIND: dict[str, ComplexityKind] = {
    "honour_related": ComplexityKind.HONOUR_RELATED,
    "trafficking": ComplexityKind.TRAFFICKING,
    "forced_marriage": ComplexityKind.FORCED_MARRIAGE,
    "fgm": ComplexityKind.FGM,
}
# A kindcheck risk situation (meldcode.RiskSituation value) that, inside a Meldcode route (a suspicion of
# violence), points at "een combinatie van flinke psychiatrische stoornissen en geweld".
RISK_TO_KIND: dict[str, ComplexityKind] = {"psychiatric": ComplexityKind.PSYCHIATRY_WITH_VIOLENCE}


def suggested_kinds(violence_forms: Iterable[str], risk_situations: Iterable[str] = ()) -> frozenset[ComplexityKind]:
    """The complexity kinds the case already shows: its forms of violence and the kindcheck's risk situations."""
    return frozenset([FORM_TO_KIND[f] for f in violence_forms if f in FORM_TO_KIND]
                     + [RISK_TO_KIND[r] for r in risk_situations if r in RISK_TO_KIND])


def is_complex(kinds: Iterable[str]) -> bool:
    """Complex when at least one known complexity kind is ticked (unknown values never count)."""
    return any(kind in ComplexityKind._value2member_map_ for kind in kinds)


def unexplained_omissions(suggested: Iterable[str], ticked: Iterable[str], explanation: str) -> frozenset[str]:
    """Suggested kinds the worker left unticked without saying why: a registered honour-related case must not be
    weighed "not complex" in silence."""
    if explanation.strip():
        return frozenset()
    return frozenset(suggested) - frozenset(ticked)


@dataclass(frozen=True)
class Contact:
    id: int
    expertise: frozenset[str]  # empty: a general specialist contact (e.g. for every complex situation)


def matching_contacts(contacts: Iterable[Contact], kinds: Iterable[str]) -> list[int]:
    """Contacts for these kinds: the most matching expertise first, then general contacts; none when not complex."""
    wanted = frozenset(kinds)
    if not is_complex(wanted):
        return []
    ranked = [(len(c.expertise & wanted), c.id) for c in contacts if c.expertise & wanted or not c.expertise]
    return [contact_id for _overlap, contact_id in sorted(ranked, key=lambda pair: (-pair[0], pair[1]))]
