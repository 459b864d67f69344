"""Small-count protection of the municipal overview: no hidden count can be found back by subtracting shown ones."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkveilig.core.disclosure import PRIMARY, SECONDARY, hidden_cells, protect


@pytest.mark.parametrize(("counts", "cells", "row_totals", "column_totals"), [
    # nothing small: everything shown
    ([[7, 9]], [["7", "9"]], ["16"], ["7", "9"]),
    # zero is shown (no household behind it)
    ([[0, 12]], [["0", "12"]], ["12"], ["0", "12"]),
    # one small cell in a row with a big total: the row total would give it back, so the smallest other cell goes;
    # the columns then each hold one hidden cell, so their totals go too
    ([[2, 7, 9]], [[PRIMARY, SECONDARY, "9"]], ["18"], [PRIMARY, SECONDARY, "9"]),
    # the differencing attack of stop 6's known limit: buurt row [2, 7] total 9, colour totals 2+5 and 7+6
    # (the reader keeps a+b=9, c+d=11, a+c=7, b+d=13: a can be anything from 0 to 7)
    ([[2, 7], [5, 6]], [[PRIMARY, SECONDARY], [SECONDARY, SECONDARY]], ["9", "11"], ["7", "13"]),
    # the small count's column is protected by hiding 9; that row then hides its total (17), not the 8
    ([[3, 0], [9, 8]], [[PRIMARY, "0"], [SECONDARY, "8"]], [PRIMARY, SECONDARY], ["12", "8"]),
    # a zero is hidden only when nothing else is left to hide in the line
    ([[3, 0]], [[PRIMARY, SECONDARY]], [PRIMARY], [PRIMARY, SECONDARY]),
])
def test_protected_tables(counts, cells, row_totals, column_totals):
    table = protect(counts)
    assert (table.cells, table.row_totals, table.column_totals) == (cells, row_totals, column_totals)


def test_an_empty_table_has_nothing_to_hide():
    assert protect([]).cells == [] and hidden_cells([]) == {}


def _lines(counts):
    rows, columns = len(counts), len(counts[0])
    return ([[(i, j) for j in range(columns + 1)] for i in range(rows + 1)]
            + [[(i, j) for i in range(rows + 1)] for j in range(columns + 1)])


tables = st.integers(1, 6).flatmap(lambda width: st.lists(
    st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=8))


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_small_count_is_hidden_and_no_line_gives_one_back(counts):
    hidden = hidden_cells(counts)
    rows, columns = len(counts), len(counts[0])
    for i in range(rows):
        for j in range(columns):
            if 0 < counts[i][j] < 5:
                assert hidden[(i, j)] == PRIMARY
    grand = (rows, columns)
    grand_known = (all((i, columns) not in hidden for i in range(rows))
                   or all((rows, j) not in hidden for j in range(columns)))
    for line in _lines(counts):
        if sum(cell in hidden for cell in line) == 1:
            assert grand in line and not grand_known, line
    assert grand not in hidden


@settings(max_examples=200, deadline=None)
@given(tables)
def test_large_counts_stay_visible_unless_needed(counts):
    """Secondary suppression only happens in a line that already hides a small count."""
    hidden = hidden_cells(counts)
    for cell, kind in hidden.items():
        if kind == SECONDARY:
            assert any(cell in line and any(hidden.get(c) == PRIMARY or (c != cell and c in hidden)
                                            for c in line) for line in _lines(counts))
