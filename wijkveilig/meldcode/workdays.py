"""Working days in the Netherlands: Monday–Friday except the public holidays of the Algemene termijnenwet.

The `holidays` package supplies the Dutch holidays (incl. Good Friday, Easter/Whit Monday, Ascension, King's Day
with its Sunday rule, Christmas). It only lists Liberation Day (5 May) in lustrum years, but the Algemene
termijnenwet counts 5 May every year, so it is added here.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def dutch_holidays(year: int) -> frozenset[date]:
    days = set(holidays.NL(years=year).keys())
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the start day itself is not counted)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day)
    return days
