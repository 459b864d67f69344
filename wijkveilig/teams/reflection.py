"""The anonymous drempels reflection (Factor veiligheid §3.2): the ten statements, the answers, and what the
coordinator may see of a closed round: counts rounded with the one disclosure rule, and the change since the round
before. Pure functions over plain data (decision 0053)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wijkveilig.core import disclosure

# Factor veiligheid §3.2, "Drempels bij het serieus nemen van een niet-pluis gevoel", quoted.
STATEMENTS = (
    _("Ik vind het afschuwelijk om met het leed van anderen geconfronteerd te worden."),
    _("Ik vind het moeilijk om met heftige emoties geconfronteerd te worden."),
    _("Ik geloof niet dat mensen elkaar bewust pijn doen zoals bij ouderenmishandeling."),
    _("Ik ben bang dat mijn eigen ervaringen met eenzaamheid, geweld of onrecht weer naar boven komen."),
    _("Als ik het signaleer zou ik niet weten wat ik er verder mee moet."),
    _("Ik vind het lastig om me met privé zaken te bemoeien."),
    _("Ik heb het al zo druk met andere zaken."),
    _("Ik vind niet dat ik de persoon ben om hier iets mee te doen."),
    _("Ik ben bang voor represailles van de omgeving als ik een moeilijk onderwerp aankaart."),
    _("Ik weet niet of ik alles wat verteld wordt wel moet geloven."),
)

# "Welke van de volgende stellingen herkent u bij uzelf of bij collega's?": one of four, so that the counts add up.
ANSWERS = (
    ("self", _("bij mezelf")),
    ("colleagues", _("bij collega's")),
    ("both", _("bij mezelf en bij collega's")),
    ("neither", _("niet")),
)
ANSWER_CODES = tuple(code for code, _label in ANSWERS)
# The same four answers as column headings of the coordinator's table.
COLUMN_LABELS = (_("Herkend bij zichzelf"), _("Herkend bij collega's"), _("Bij zichzelf en bij collega's"),
                 _("Niet herkend"))
SELF = frozenset({"self", "both"})


@dataclass(frozen=True)
class RoundResult:
    respondents: int  # exact: who took part is no secret, what they answered is
    cells: list[list[int]]  # per statement, per answer (ANSWERS order), rounded
    self_share: list[int | None]  # per statement: % who recognise it in themselves, from the rounded counts


def is_publishable(respondents: int, base: int) -> bool:
    """Fewer respondents than the threshold: no result at all (a team of three would read each other's answers)."""
    return respondents >= base


def round_result(counts: list[list[int]], respondents: int, base: int) -> RoundResult:
    """The published result of one closed round: statements × answers, controlled rounding (decision 0016)."""
    table = disclosure.controlled_round(counts, base=base)
    self_columns = [i for i, code in enumerate(ANSWER_CODES) if code in SELF]
    shares = [round(100 * sum(row[i] for i in self_columns) / total) if total else None
              for row, total in zip(table.cells, table.row_totals)]
    return RoundResult(respondents=respondents, cells=table.cells, self_share=shares)


def change_since(current: RoundResult, previous: RoundResult | None) -> list[int | None]:
    """Per statement, the change in percentage points of 'recognised in myself' since the previous round."""
    if previous is None:
        return [None] * len(current.self_share)
    return [None if now is None or before is None else now - before
            for now, before in zip(current.self_share, previous.self_share)]
