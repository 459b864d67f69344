"""Statistical disclosure control for count tables shown to people without case access (policy officers).

A count of 1–4 could single out a household, so it is hidden ("<5", primary suppression). Hiding it alone is not
enough when the table also shows totals: a row total minus the other cells of the row gives the hidden cell back.
So, as statistics offices do, a second cell is hidden in every row or column that would otherwise have exactly one
hidden cell (secondary or complementary suppression, shown as "x", the CBS sign for "geheim"). Pure functions over
plain numbers; no Django.
"""

from dataclasses import dataclass

THRESHOLD = 5
PRIMARY = f"<{THRESHOLD}"
SECONDARY = "x"


@dataclass(frozen=True)
class ProtectedTable:
    cells: list[list[str]]   # per row, per column
    row_totals: list[str]    # per row
    column_totals: list[str]  # per column


def _lines(rows: int, columns: int) -> list[list[tuple[int, int]]]:
    """Every row and every column of the table with its margin: the cells one total adds up."""
    by_row = [[(i, j) for j in range(columns + 1)] for i in range(rows + 1)]
    by_column = [[(i, j) for i in range(rows + 1)] for j in range(columns + 1)]
    return by_row + by_column


def _with_margins(counts: list[list[int]]) -> dict[tuple[int, int], int]:
    """The table as (row, column) → count, with the row totals in column `width`, the column totals in row
    `len(counts)` and the grand total bottom right."""
    rows, columns = len(counts), (len(counts[0]) if counts else 0)
    grid = {(i, j): counts[i][j] for i in range(rows) for j in range(columns)}
    for i in range(rows):
        grid[(i, columns)] = sum(counts[i])
    for j in range(columns):
        grid[(rows, j)] = sum(counts[i][j] for i in range(rows))
    grid[(rows, columns)] = sum(grid[(rows, j)] for j in range(columns))
    return grid


def hidden_cells(counts: list[list[int]]) -> dict[tuple[int, int], str]:
    """Which cells of the table with margins to hide, and how: (row, column) → PRIMARY or SECONDARY.

    Row `len(counts)` holds the column totals and column `width` the row totals. The grand total (bottom right) is
    not shown but is treated as known (it is the sum of the row totals or of the column totals), so it is never
    chosen to hide. Afterwards no row or column has exactly one hidden cell — except the line of totals when the
    grand total itself cannot be known — so no hidden count can be found by subtracting shown ones.
    """
    rows, columns = len(counts), (len(counts[0]) if counts else 0)
    grid, grand = _with_margins(counts), (rows, columns)
    hidden = {cell: PRIMARY for cell, n in grid.items() if 0 < n < THRESHOLD and cell != grand}
    changed = True
    while changed:
        changed = False
        for line in _lines(rows, columns):
            if sum(cell in hidden for cell in line) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and cell != grand]
            if candidates:  # the smallest shown count loses least information; a hidden 0 only as a last resort
                hidden[min(candidates, key=lambda cell: (grid[cell] == 0, grid[cell], cell))] = SECONDARY
                changed = True
    return hidden


def protect(counts: list[list[int]]) -> ProtectedTable:
    """The table as it may be shown: counts as text, small ones and the ones that would give them away hidden."""
    rows, columns = len(counts), (len(counts[0]) if counts else 0)
    grid, hidden = _with_margins(counts), hidden_cells(counts)

    def shown(cell: tuple[int, int]) -> str:
        return hidden.get(cell, str(grid[cell]))

    return ProtectedTable(
        cells=[[shown((i, j)) for j in range(columns)] for i in range(rows)],
        row_totals=[shown((i, columns)) for i in range(rows)],
        column_totals=[shown((rows, j)) for j in range(columns)],
    )
