"""Quarters as plain dates: which periods are closed and may be published. Pure functions."""

from datetime import date


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(start: date) -> date:
    return date(start.year + start.month // 10, (start.month + 2) % 12 + 1, 1)


def previous_quarter(start: date) -> date:
    return date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)


def closed_quarters(today: date, count: int = 8) -> list[date]:
    """The starts of the last `count` quarters that have ended, newest first (the current quarter is never shown)."""
    starts, start = [], previous_quarter(quarter_start(today))
    for _ in range(count):
        starts.append(start)
        start = previous_quarter(start)
    return starts


def parse_quarter(text: str) -> date | None:
    """'2026-K3' → 2026-07-01; None for anything else."""
    year, sep, quarter = text.partition("-K")
    if not (sep and year.isdigit() and len(year) == 4 and quarter in {"1", "2", "3", "4"}):
        return None
    return date(int(year), 3 * int(quarter) - 2, 1)


def quarter_label(start: date) -> str:
    return f"{start.year}-K{(start.month - 1) // 3 + 1}"
