"""The kindcheck prompt outside a Meldcode route ("Doe de kindcheck"), as a pure rule over plain data.

Meldcode (domain-facts §1.6): the kindcheck is meant for professionals with adult clients whose situation could
seriously harm minor children: serious psychiatric problems, addiction, a violent partner, imminent eviction.
Movisie, "Factor veiligheid" (seed 004): "Bij een kindcheck controleren professionals of er kinderen in een gezin
zijn en of ze veilig zijn. Bijvoorbeeld als een ouder een psychische stoornis heeft of verslaafd is."
Decision 0013 explains each row of the table.
"""

from dataclasses import dataclass
from datetime import datetime

# Trigger codes are the kindcheck's own risk situations (meldcode.models.RiskSituation), so the kindcheck form
# can start with them ticked.
PSYCHIATRIC = "psychiatric"
ADDICTION = "addiction"
VIOLENT_PARTNER = "violent_partner"
EVICTION = "eviction"
DEBTS = "debts"

ZRM, BALANSMODEL, VIOLENCE_FORM = "zrm", "balansmodel", "violence_form"
# ZRM 2017: 1 acute problematiek, 2 niet zelfredzaam. Both are "low" on a domain.
ZRM_LOW = 2

# The one table: which answer in which instrument shows which kindcheck trigger (codes as stored in the code base).
TRIGGER_TABLE: tuple[tuple[str, str, str], ...] = (
    (ZRM, "mental_health", PSYCHIATRIC),  # Geestelijke gezondheid 1-2
    (BALANSMODEL, "r_micro_psychiatric", PSYCHIATRIC),  # Psychiatrische problematiek
    (ZRM, "substance_use", ADDICTION),  # Middelengebruik 1-2
    (BALANSMODEL, "r_micro_addiction", ADDICTION),  # Verslaving
    (ZRM, "domestic_relations", VIOLENT_PARTNER),  # Huiselijke relaties 1-2
    (VIOLENCE_FORM, "partner_violence", VIOLENT_PARTNER),  # (ex-)partnergeweld recorded on the case
    (ZRM, "finances", DEBTS),  # Financiën 1-2: (problematic) debts
    (BALANSMODEL, "r_meso_poverty", DEBTS),  # Armoede: the Balansmodel's nearest factor to severe debts
    (ZRM, "housing", EVICTION),  # Huisvesting 1-2: no stable home or losing it
)
TRIGGER_ORDER = (PSYCHIATRIC, ADDICTION, VIOLENT_PARTNER, DEBTS, EVICTION)


@dataclass(frozen=True)
class ZrmPhoto:
    """The latest ZRM scoring of one person of the household."""

    is_adult: bool
    scores: dict[str, int]
    assessed_at: datetime


@dataclass(frozen=True)
class KindcheckPicture:
    has_adult: bool  # the household has a person who is not a minor (the Balansmodel and violence form are theirs)
    minor_count: int  # minors registered in or with the household (living there or visiting)
    zrm_photos: tuple[ZrmPhoto, ...] = ()
    balance_codes: frozenset[str] = frozenset()  # factors ticked in the latest Balansmodel
    balance_at: datetime | None = None
    violence_forms: frozenset[str] = frozenset()
    last_kindcheck_at: datetime | None = None  # in a route or outside one


@dataclass(frozen=True)
class Reason:
    trigger: str
    instrument: str
    key: str


@dataclass(frozen=True)
class KindcheckPrompt:
    reasons: tuple[Reason, ...]
    since: datetime | None  # the newest assessment that shows a trigger; None: only the violence form does

    @property
    def triggers(self) -> tuple[str, ...]:
        found = {r.trigger for r in self.reasons}
        return tuple(t for t in TRIGGER_ORDER if t in found)


def _shown(picture: KindcheckPicture, instrument: str, key: str) -> list[datetime | None]:
    """When this row of the table shows in the picture (one moment per showing; None for the violence form)."""
    if instrument == ZRM:
        return [p.assessed_at for p in picture.zrm_photos if p.is_adult and p.scores.get(key, ZRM_LOW + 1) <= ZRM_LOW]
    if instrument == BALANSMODEL:
        return [picture.balance_at] if picture.has_adult and key in picture.balance_codes else []
    return [None] if picture.has_adult and key in picture.violence_forms else []


def kindcheck_prompt(picture: KindcheckPicture) -> KindcheckPrompt | None:
    """Prompt "Doe de kindcheck" when an adult's assessment shows a trigger while minors live in or visit the
    household, until a kindcheck is recorded after the newest assessment that shows it."""
    if picture.minor_count == 0:
        return None
    reasons, moments = [], []
    for instrument, key, trigger in TRIGGER_TABLE:
        shown = _shown(picture, instrument, key)
        if shown:
            reasons.append(Reason(trigger=trigger, instrument=instrument, key=key))
            moments.extend(moment for moment in shown if moment is not None)
    if not reasons:
        return None
    since = max(moments) if moments else None
    if picture.last_kindcheck_at is not None and (since is None or picture.last_kindcheck_at >= since):
        return None
    return KindcheckPrompt(reasons=tuple(reasons), since=since)
