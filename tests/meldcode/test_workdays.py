"""Veilig Thuis's 5 working days, across Dutch public holidays (Algemene termijnenwet)."""

from datetime import date

import pytest

from wijkveilig.meldcode.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("day, expected", [
    (date(2026, 4, 27), False),  # Koningsdag (Monday)
    (date(2025, 4, 26), False),  # Koningsdag on a Saturday
    (date(2026, 5, 5), False),   # Bevrijdingsdag counts every year in the Algemene termijnenwet
    (date(2026, 4, 3), False),   # Goede Vrijdag
    (date(2026, 4, 6), False),   # Tweede Paasdag
    (date(2026, 5, 14), False),  # Hemelvaartsdag
    (date(2026, 5, 25), False),  # Tweede Pinksterdag
    (date(2026, 12, 25), False), (date(2026, 12, 26), False), (date(2027, 1, 1), False),
    (date(2026, 11, 28), False),  # Saturday
    (date(2026, 11, 24), True), (date(2026, 4, 28), True),
])
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize("start, expected", [
    (date(2026, 11, 23), date(2026, 11, 30)),  # Monday -> next Monday
    (date(2026, 4, 22), date(2026, 4, 30)),    # Wednesday before Koningsdag: 23,24,28,29,30
    (date(2026, 12, 23), date(2026, 12, 31)),  # Christmas: 24, (25, 26 holidays), 28, 29, 30, 31
    (date(2026, 11, 28), date(2026, 12, 4)),   # received on Saturday: Mon-Fri
    (date(2026, 12, 31), date(2027, 1, 8)),    # New Year's Day skipped
])
def test_five_working_days(start, expected):
    assert add_working_days(start, 5) == expected


def test_working_days_between_is_the_inverse():
    start = date(2026, 4, 20)
    for n in range(30):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_negative_count_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
