"""Assessment rules as pure functions over plain data: the balance, stale ZRM information, the partner-violence prompt.

No database access here; the tables below are the rules.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from wijkveilig.assessment.balansmodel import BY_CODE, Level, Side

# ZRM: it is a photo of one moment; information older than about 30 days is not used (GGD Amsterdam).
ZRM_STALE_AFTER = timedelta(days=30)
# 'Clearly outweighs': at least this many more risk factors than protective factors in total.
RISK_MARGIN = 3
# Signs of Safety scale at or below this is a high-risk picture (0 = cannot live at home, 10 = safe enough to close).
SAFETY_SCALE_HIGH_RISK = 3


@dataclass(frozen=True)
class LevelBalance:
    level: Level
    risk: int
    protective: int

    @property
    def difference(self) -> int:
        return self.risk - self.protective


@dataclass(frozen=True)
class Balance:
    levels: tuple[LevelBalance, ...]

    @property
    def risk(self) -> int:
        return sum(lb.risk for lb in self.levels)

    @property
    def protective(self) -> int:
        return sum(lb.protective for lb in self.levels)

    @property
    def risk_outweighs(self) -> bool:
        return self.risk - self.protective >= RISK_MARGIN

    @property
    def verdict(self) -> str:
        """'risk' (risk clearly outweighs), 'protective' (protection clearly outweighs) or 'even'."""
        difference = self.risk - self.protective
        if difference >= RISK_MARGIN:
            return "risk"
        if -difference >= RISK_MARGIN:
            return "protective"
        return "even"


def balance_compute(codes: list[str] | set[str]) -> Balance:
    """Count ticked risk and protective factors per level; unknown codes are ignored."""
    factors = [BY_CODE[code] for code in set(codes) if code in BY_CODE]
    return Balance(levels=tuple(
        LevelBalance(level=level,
                     risk=sum(1 for f in factors if f.level == level and f.side == Side.RISK),
                     protective=sum(1 for f in factors if f.level == level and f.side == Side.PROTECTIVE))
        for level in Level))


@dataclass(frozen=True)
class BalanceChange:
    level: Level
    risk_change: int
    protective_change: int


def balance_change(previous: Balance | None, current: Balance) -> list[BalanceChange]:
    """Per level how many risk and protective factors more (+) or fewer (−) than last time; empty without a previous."""
    if previous is None:
        return []
    before = {lb.level: lb for lb in previous.levels}
    return [BalanceChange(level=lb.level, risk_change=lb.risk - before[lb.level].risk,
                          protective_change=lb.protective - before[lb.level].protective) for lb in current.levels]


def zrm_is_stale(information_on: date, today: date) -> bool:
    """Whether ZRM information of that date is too old to score on (older than 30 days)."""
    return today - information_on > ZRM_STALE_AFTER


def zrm_suggests_meldcode(scores: dict[str, int]) -> bool:
    """A 1 (acute problematiek) on huiselijke relaties suggests starting or continuing the Meldcode route."""
    return scores.get("domestic_relations") == 1


@dataclass(frozen=True)
class RiskPicture:
    has_partner_violence: bool
    has_active_meldcode_route: bool
    balance: Balance | None  # the latest Balansmodel, if any
    latest_safety_scales: tuple[int, ...]  # the latest score of every party
    # The Meldcode was followed to a report: Veilig Thuis now assesses safety (a route may close after reporting).
    is_reported_to_vt: bool = False


def partner_violence_prompt(picture: RiskPicture) -> bool:
    """Partner violence with a high risk picture and no Meldcode route: prompt the worker, as for children.

    High risk: the Balansmodel's risk clearly outweighs protection, or any party's safety scale is 3 or lower.
    """
    if not picture.has_partner_violence or picture.has_active_meldcode_route or picture.is_reported_to_vt:
        return False
    balance_high = picture.balance is not None and picture.balance.risk_outweighs
    scale_high = any(score <= SAFETY_SCALE_HIGH_RISK for score in picture.latest_safety_scales)
    return balance_high or scale_high
