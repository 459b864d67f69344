"""Small counts cannot be found back from the municipal overview: controlled rounding, audited as a reader would."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkveilig.core.disclosure import RoundedTable, controlled_round, feasible_ranges


def _margins(counts):
    rows, columns = len(counts), len(counts[0])
    return ([sum(row) for row in counts], [sum(counts[i][j] for i in range(rows)) for j in range(columns)],
            sum(map(sum, counts)))


def _published_and_true(counts, table):
    row_totals, column_totals, total = _margins(counts)
    pairs = [(table.cells[i][j], counts[i][j]) for i in range(len(counts)) for j in range(len(counts[0]))]
    return (pairs + list(zip(table.row_totals, row_totals)) + list(zip(table.column_totals, column_totals))
            + [(table.total, total)])


@pytest.mark.parametrize(("counts", "base", "expected"), [
    # multiples of the base stay exactly as they are
    ([[10, 5], [0, 20]], 5, RoundedTable(5, [[10, 5], [0, 20]], [15, 20], [10, 25], 35)),
    # the attack of the earlier suppression: `<5 | <5 | 6`, total 8, gave both hidden cells back as 1
    ([[1, 1, 6]], 5, RoundedTable(5, [[0, 0, 5]], [5], [0, 0, 5], 5)),
    # a single household in a buurt: shown as 0 or 5, never as 1
    ([[1, 0], [0, 0]], 5, RoundedTable(5, [[0, 0], [0, 0]], [0, 0], [0, 0], 0)),
    # a municipality that chose 10
    ([[3, 3], [12, 0]], 10, RoundedTable(10, [[10, 0], [10, 0]], [10, 10], [20, 0], 20)),
])
def test_rounded_tables(counts, base, expected):
    assert controlled_round(counts, base) == expected


def test_an_empty_table_is_empty():
    assert controlled_round([]).cells == []


def test_the_reader_of_the_old_suppressed_row_is_left_guessing():
    """From `0 | 0 | 5`, total 5, a reader can only say each small cell is one of 0–4."""
    ranges = feasible_ranges(controlled_round([[1, 1, 6]]))
    assert ranges[(0, 0)] == (0, 4) and ranges[(0, 1)] == (0, 4)


def test_independent_rounding_would_leak_and_the_audit_notices():
    """Random rounding of each count on its own can pin counts: true 4 | 4, total 8, published as 0 | 0 with the
    total rounded up to 10, leaves each cell only 2, 3 or 4. The audit used by the property test below catches it."""
    leaky = RoundedTable(5, [[0, 0]], [10], [0, 0], 10)
    assert feasible_ranges(leaky)[(0, 0)] == (2, 4)


tables = st.integers(1, 5).flatmap(lambda width: st.lists(
    st.lists(st.integers(0, 23), min_size=width, max_size=width), min_size=1, max_size=6))


@settings(max_examples=80, deadline=None)
@given(tables, st.sampled_from([5, 10]))
def test_no_published_count_can_be_pinned_to_fewer_than_threshold_values(counts, base):
    table = controlled_round(counts, base)
    published_true = _published_and_true(counts, table)
    # every published number is a multiple of the base, less than one base from the truth, and the table adds up
    assert all(shown % base == 0 and abs(shown - true) < base for shown, true in published_true)
    assert [sum(row) for row in table.cells] == table.row_totals
    assert [sum(col) for col in zip(*table.cells)] == table.column_totals
    assert sum(table.row_totals) == table.total == sum(table.column_totals)
    # what a reader can conclude: for every count an interval of at least `base` values that holds the truth
    ranges = feasible_ranges(table)
    truths = dict(zip(ranges, [true for _shown, true in published_true]))
    for unit, (low, high) in ranges.items():
        assert high - low + 1 >= base, (unit, low, high)
        assert low <= truths[unit] <= high
