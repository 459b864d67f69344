"""Keyset pagination: a page is the next N rows after the last one shown, found through the ordering's index.

An offset paginator counts every matching row on every view and reads all skipped rows again; on the access log or a
national case list both grow with the country (issue 12). A keyset page costs the same on page 1 and page 1,000.
It has no page numbers and no total, only "newer" and "older" links: the cursor is the sort key of the row at the
page's edge, in the URL as plain numbers (no personal data: a timestamp and a row id).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _encode(value) -> str:
    if isinstance(value, datetime):
        delta = value - _EPOCH
        return f"t{(delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds}"
    if isinstance(value, date):
        return f"d{value.toordinal()}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"i{value}"
    raise TypeError(f"no cursor encoding for {type(value).__name__}")


def _decode(text: str):
    kind, number = text[:1], text[1:]
    if not number.lstrip("-").isdigit() or len(number) > 20:
        raise ValueError(text)
    value = int(number)
    if kind == "t":
        return datetime.fromtimestamp(value // 1_000_000, tz=UTC).replace(microsecond=value % 1_000_000)
    if kind == "d":
        return date.fromordinal(value)
    if kind == "i":
        if not -(2**63) <= value < 2**63:
            raise ValueError(text)
        return value
    raise ValueError(text)


_KIND = {"DateTimeField": "t", "DateField": "d"}


def encode_cursor(values) -> str:
    return "_".join(_encode(v) for v in values)


def decode_cursor(text: str | None, kinds: str):
    """The key values in a cursor whose parts are of `kinds` (one letter per key: t datetime, d date, i integer),
    or None for a missing or malformed one (then the first page is shown)."""
    if not text:
        return None
    parts = text.split("_")
    if len(parts) != len(kinds) or any(part[:1] != kind for part, kind in zip(parts, kinds, strict=True)):
        return None
    try:
        return tuple(_decode(part) for part in parts)
    except (ValueError, OverflowError):
        return None


@dataclass
class KeysetPage:
    object_list: list
    newer_cursor: str | None = None  # the rows before this page (None: this is the first page)
    older_cursor: str | None = None  # the rows after this page (None: this is the last page)
    keys: tuple = field(default=(), repr=False)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.older_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.newer_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(queryset, *, keys: tuple[str, ...], size: int, after: str | None = None,
                before: str | None = None) -> KeysetPage:
    """One page of `queryset` in descending order of `keys` (the last key unique, e.g. the id): the rows older than
    cursor `after`, or the rows newer than cursor `before`. One query of at most size + 1 rows."""
    def key_of(obj):
        return tuple(getattr(obj, k) for k in keys)

    kinds = "".join(_KIND.get(queryset.model._meta.get_field(k).get_internal_type(), "i") for k in keys)
    lhs = Tuple(*(F(k) for k in keys))
    newer = decode_cursor(before, kinds)
    older = decode_cursor(after, kinds) if newer is None else None
    if newer is not None:
        rows = list(queryset.filter(TupleGreaterThan(lhs, newer)).order_by(*keys)[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(rows, newer_cursor=encode_cursor(key_of(rows[0])) if more_newer and rows else None,
                          older_cursor=encode_cursor(key_of(rows[-1])) if rows else None, keys=keys)
    if older is not None:
        queryset = queryset.filter(TupleLessThan(lhs, older))
    rows = list(queryset.order_by(*(f"-{k}" for k in keys))[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(rows, newer_cursor=encode_cursor(key_of(rows[0])) if older is not None and rows else None,
                      older_cursor=encode_cursor(key_of(rows[-1])) if more_older else None, keys=keys)
