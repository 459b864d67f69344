from datetime import date, datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class AssigneeOut(Schema):
    username: str


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


class CaseIn(Schema):
    household_name: str = Field(..., min_length=1, max_length=120)
    summary: str = Field("", max_length=10000)
    street: str = Field("", max_length=120)
    house_number: str = Field("", max_length=12)
    postcode: str = Field("", max_length=8)
    city: str = Field("", max_length=80)


class CaseUpdateIn(Schema):
    summary: str = Field(..., max_length=10000)
    version: int = Field(..., ge=1, le=2**31)


class CaseCloseIn(Schema):
    reason: str = Field(..., max_length=30)
    note: str = Field("", max_length=5000)
    version: int = Field(..., ge=1, le=2**31)


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    gender: str
    roles: list[str]
    version: int


class PersonIn(Schema):
    first_name: str = Field(..., max_length=80)
    last_name: str = Field(..., max_length=120)
    birth_date: date | None = None
    gender: str = Field("x", pattern="^[fmx]$")
    bsn: str = Field("", max_length=9)
    roles: list[str] = Field(..., min_length=1, max_length=6)


class PersonUpdateIn(PersonIn):
    version: int = Field(..., ge=1, le=2**31)


class RelationIn(Schema):
    person_id: int = Field(..., ge=1, le=2**62)
    other_id: int = Field(..., ge=1, le=2**62)
    kind: str = Field(..., max_length=20)


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
    kind: str = Field("note", pattern="^(note|signal)$")
    statement_kind: str = Field(..., pattern="^(observation|opinion|hypothesis)$")
    occurred_at: datetime
    body: str = Field(..., min_length=1, max_length=20000)
    place: str = Field("", max_length=200)
    observer: str = Field("", max_length=200)
    source: str = Field("", max_length=300)


class NoteUpdateIn(Schema):
    statement_kind: str = Field(..., pattern="^(observation|opinion|hypothesis)$")
    body: str = Field(..., min_length=1, max_length=20000)
    place: str = Field("", max_length=200)
    observer: str = Field("", max_length=200)
    source: str = Field("", max_length=300)
    version: int = Field(..., ge=1, le=2**31)
