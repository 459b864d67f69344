"""Request and response shapes of the API; input is checked here so bad input is a 422, never a 500."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from wijkveilig.cases.models import CaseStatus, CloseReason, NoteKind, ParticipantRole, StatementKind
from wijkveilig.households.models import Gender, RelationKind

EARLIEST_YEAR = 1900
MAX_VERSION = 2_000_000_000  # well inside a 32-bit integer, so `version + 1` always fits the column
MAX_ID = 2**63 - 1
# NUL and other control characters (PostgreSQL refuses NUL in text) and lone surrogates (not encodable as UTF-8).
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_POSTCODE = re.compile(r"^(\d{4} ?[A-Za-z]{2})?$")


def _choice(choices) -> object:
    """A Literal of a TextChoices' values, so the OpenAPI spec lists what is allowed."""
    return Literal[tuple(choices.values)]


def _clean_text(value: str) -> str:
    if _FORBIDDEN_CHARACTERS.search(value):
        raise PydanticCustomError("wv_characters", _("bevat tekens die niet zijn toegestaan"))
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("wv_blank", _("mag niet leeg zijn"))
    return value


def _postcode(value: str) -> str:
    if not _POSTCODE.match(value.strip()):
        raise PydanticCustomError("wv_postcode", _("is geen geldige postcode (bijvoorbeeld 1234 AB)"))
    return value.strip()


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _date_text(value: object) -> object:
    """Only `JJJJ-MM-DD` text is a date: pydantic would read a number (`0`, `"1700000000"`) as seconds since 1970."""
    if isinstance(value, date) and not isinstance(value, datetime):  # a value from our own code, not from JSON
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("wv_date", _("moet een datum zijn (JJJJ-MM-DD)"))
    return value


def _datetime_text(value: object) -> object:
    """Only ISO 8601 text is a time, never a number of seconds."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATETIME.match(value):
        raise PydanticCustomError("wv_datetime",
                                  _("moet een datum en tijd zijn (bijvoorbeeld 2024-05-01T14:30:00+02:00)"))
    return value


def _not_too_early(value: date) -> date:
    if value.year < EARLIEST_YEAR:
        raise PydanticCustomError("wv_too_early", _("ligt te ver in het verleden"))
    return value


def _aware(value: datetime) -> datetime:
    """A time without offset is read as Dutch local time; absurd years are refused before they reach the database."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    _not_too_early(value)
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("wv_datetime_range", _("ligt buiten het toegestane bereik")) from None
    return value


Text = Annotated[str, AfterValidator(_clean_text)]
RequiredText = Annotated[str, AfterValidator(_clean_text), AfterValidator(_not_blank)]
Postcode = Annotated[str, AfterValidator(_postcode)]
PastDate = Annotated[date, BeforeValidator(_date_text), AfterValidator(_not_too_early)]
LocalDatetime = Annotated[datetime, BeforeValidator(_datetime_text), AfterValidator(_aware)]
Version = Annotated[int, Field(ge=1, le=MAX_VERSION, description="De versie die u het laatst hebt opgehaald.")]


class ErrorOut(Schema):
    detail: str = Field(..., description="Uitleg in het Nederlands; bevat geen persoonsgegevens.")
    field: str | None = Field(None, description="Het invoerveld waar het om gaat, als dat bekend is.")
    current_version: int | None = Field(None, description="Bij 409: de versie die nu is opgeslagen (0: nog niets).")


class CaseOut(Schema):
    id: int
    reference: str
    status: str
    summary: str
    household_name: str
    team: str
    opened_at: datetime
    closed_at: datetime | None
    close_reason: str
    version: int


class CaseListOut(Schema):
    id: int
    reference: str
    status: str
    household_name: str
    opened_at: datetime


class StatusFilter(Schema):
    status: Literal[("", *CaseStatus.values)] = ""
    na: str = Field("", max_length=64, pattern=r"^[a-z0-9_-]*$",
                    description="Vervolgpagina: de waarde uit de kop X-Next-Cursor van de vorige pagina.")


class CaseSearchIn(StatusFilter):
    """Search terms travel in the body, never in the URL (they are often names)."""

    q: Text = Field("", max_length=100, description="Zoek op kenmerk, naam van het huishouden of een persoon.")


class CaseIn(Schema):
    household_name: RequiredText = Field(..., min_length=1, max_length=120)
    summary: Text = Field("", max_length=10000)
    street: Text = Field("", max_length=120)
    house_number: Text = Field("", max_length=12)
    postcode: Postcode = Field("", max_length=8, json_schema_extra={"pattern": _POSTCODE.pattern})
    city: Text = Field("", max_length=80)


class CaseUpdateIn(Schema):
    summary: Text = Field(..., max_length=10000)
    version: Version


class CaseCloseIn(Schema):
    reason: _choice(CloseReason)
    note: Text = Field("", max_length=5000)
    version: Version


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    gender: str
    roles: list[str]
    version: int


class PersonIn(Schema):
    first_name: RequiredText = Field(..., min_length=1, max_length=80)
    last_name: RequiredText = Field(..., min_length=1, max_length=120)
    birth_date: PastDate | None = None
    gender: _choice(Gender) = Gender.OTHER.value
    bsn: Text = Field("", max_length=9)
    roles: list[_choice(ParticipantRole)] = Field(..., min_length=1, max_length=6)


class PersonUpdateIn(PersonIn):
    """A PUT replaces every detail: a field left out is a 422, never an emptied birth date or BSN."""

    birth_date: PastDate | None = Field(..., description="null: onbekend")
    gender: _choice(Gender)
    bsn: Text = Field(..., max_length=9, description="Leeg (\"\"): geen BSN")
    version: Version


class RelationIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    other_id: int = Field(..., ge=1, le=MAX_ID)
    kind: _choice(RelationKind)


class RelationOut(Schema):
    id: int
    person_id: int
    other_id: int
    kind: str


class NoteOut(Schema):
    id: int
    kind: str
    statement_kind: str
    occurred_at: datetime
    place: str
    observer: str
    source: str
    body: str
    version: int


class NoteIn(Schema):
    kind: _choice(NoteKind) = NoteKind.NOTE.value
    statement_kind: _choice(StatementKind)
    occurred_at: LocalDatetime = Field(..., description="Zonder tijdzone geldt de Nederlandse tijd.")
    body: RequiredText = Field(..., min_length=1, max_length=20000)
    place: Text = Field("", max_length=200)
    observer: Text = Field("", max_length=200)
    source: Text = Field("", max_length=300)


class NoteUpdateIn(Schema):
    statement_kind: _choice(StatementKind)
    body: RequiredText = Field(..., min_length=1, max_length=20000)
    place: Text = Field(..., max_length=200)  # a PUT names every field it replaces
    observer: Text = Field(..., max_length=200)
    source: Text = Field(..., max_length=300)
    version: Version

