"""Statistical disclosure control for count tables shown to people without case access (policy officers).

Controlled rounding, as statistics offices publish small-area tables (decision 0016): every count,
the totals included, is rounded to a neighbouring multiple of the base (the threshold, default 5; exact multiples
stay as they are), chosen so that the rounded cells still add up to the rounded totals. Because the published table
is additive and every published count lies less than one base from the true one, a reader who knows the method can
only conclude, for each count, an interval of at least `base` values (`feasible_ranges` computes exactly that), and
subtracting shown numbers gives nothing back. Suppression with "<5" could not promise that: a row shown as
`<5 | <5 | 6` with total 8 pins both hidden cells to 1.

The rounding is an integer programme solved by HiGHS through scipy (a controlled rounding of a two-way table always
exists, Cox 1987); the objective keeps each rounded count as close to the true one as possible. Pure functions over
plain numbers; no Django.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class RoundedTable:
    base: int
    cells: list[list[int]]   # per row, per column
    row_totals: list[int]    # per row
    column_totals: list[int]  # per column
    total: int


def _units(rows: int, columns: int) -> list[tuple[int, int]]:
    """Every published count as (row, column): cells, then row totals (column `columns`), column totals (row
    `rows`), and the grand total (rows, columns)."""
    cells = [(i, j) for i in range(rows) for j in range(columns)]
    return cells + [(i, columns) for i in range(rows)] + [(rows, j) for j in range(columns)] + [(rows, columns)]


def _additivity(rows: int, columns: int, units: list[tuple[int, int]]) -> np.ndarray:
    """One equation per row, per column and for the grand total: the parts minus their total is zero."""
    index = {unit: k for k, unit in enumerate(units)}
    lines = ([[(i, j) for j in range(columns)] + [(i, columns)] for i in range(rows + 1)]
             + [[(i, j) for i in range(rows)] + [(rows, j)] for j in range(columns)])
    matrix = np.zeros((len(lines), len(units)))
    for r, line in enumerate(lines):
        for unit in line[:-1]:
            matrix[r, index[unit]] = 1
        matrix[r, index[line[-1]]] = -1
    return matrix


def _with_margins(counts: list[list[int]], units: list[tuple[int, int]]) -> np.ndarray:
    rows, columns = len(counts), len(counts[0])
    grid = {(i, j): counts[i][j] for i in range(rows) for j in range(columns)}
    for i in range(rows):
        grid[(i, columns)] = sum(counts[i])
    for j in range(columns):
        grid[(rows, j)] = sum(counts[i][j] for i in range(rows))
    grid[(rows, columns)] = sum(map(sum, counts))
    return np.array([grid[unit] for unit in units], dtype=float)


def controlled_round(counts: list[list[int]], base: int = DEFAULT_THRESHOLD) -> RoundedTable:
    """The table with every count and total rounded to a neighbouring multiple of `base`, still adding up."""
    if not counts or not counts[0]:
        return RoundedTable(base=base, cells=[[] for _ in counts], row_totals=[0] * len(counts),
                            column_totals=[], total=0)
    rows, columns = len(counts), len(counts[0])
    units = _units(rows, columns)
    true = _with_margins(counts, units)
    floor, remainder = np.floor_divide(true, base), np.mod(true, base)
    # One 0/1 variable per count: 1 rounds up. A multiple of the base cannot move (its upper bound is 0).
    matrix = _additivity(rows, columns, units)
    result = milp(c=base - 2 * remainder, integrality=np.ones(len(units)), bounds=Bounds(0, (remainder > 0) * 1.0),
                  constraints=LinearConstraint(matrix, -matrix @ floor, -matrix @ floor))
    if not result.success:  # cannot happen for a two-way table; refuse to publish rather than publish unprotected
        raise ValueError("no controlled rounding found")
    published = dict(zip(units, ((floor + np.round(result.x)) * base).astype(int).tolist()))
    return RoundedTable(
        base=base,
        cells=[[published[(i, j)] for j in range(columns)] for i in range(rows)],
        row_totals=[published[(i, columns)] for i in range(rows)],
        column_totals=[published[(rows, j)] for j in range(columns)],
        total=published[(rows, columns)],
    )


def feasible_ranges(table: RoundedTable) -> dict[tuple[int, int], tuple[int, int]]:
    """What a reader can conclude from the published table alone: for each count, the smallest and largest true
    value consistent with every published number (true counts add up, are not negative, and lie less than one base
    from what is shown). Linear programming; the constraint matrix of a two-way table is totally unimodular, so the
    bounds are whole numbers."""
    rows, columns = len(table.cells), len(table.column_totals)
    units = _units(rows, columns)
    shown = {**{(i, j): table.cells[i][j] for i in range(rows) for j in range(columns)},
             **{(i, columns): table.row_totals[i] for i in range(rows)},
             **{(rows, j): table.column_totals[j] for j in range(columns)}, (rows, columns): table.total}
    bounds = [(max(0, shown[u] - table.base + 1), shown[u] + table.base - 1) for u in units]
    matrix = _additivity(rows, columns, units)
    ranges = {}
    for k, unit in enumerate(units):
        objective = np.zeros(len(units))
        objective[k] = 1
        low = linprog(objective, A_eq=matrix, b_eq=np.zeros(len(matrix)), bounds=bounds)
        high = linprog(-objective, A_eq=matrix, b_eq=np.zeros(len(matrix)), bounds=bounds)
        ranges[unit] = (round(low.fun), round(-high.fun))
    return ranges
