"""Where a team falls short for domestic-violence work, and who is fit to take a case: pure functions over plain data.

"Trained for rood" (decision 0050): a valid training at level verdieping (not expired on the day). A training is
"expiring" when it ends within `EXPIRY_WARNING_DAYS`; an expired one is a gap only if no newer valid record of the
same course replaces it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

EXPIRY_WARNING_DAYS = 90
ADVANCED = "advanced"


class GapKind:
    NO_TRAINED_FOR_RED = "no_trained_for_red"
    NO_ATTENTION_OFFICER = "no_attention_officer"
    TRAINING_EXPIRED = "training_expired"
    TRAINING_EXPIRING = "training_expiring"


@dataclass(frozen=True)
class Training:
    course: str
    level: str
    valid_until: date | None


@dataclass(frozen=True)
class MemberFacts:
    member_id: int  # the membership
    user_id: int
    takes_cases: bool  # a worker (the intake suggestion and the 'rood' gap count only them)
    is_attention_officer: bool
    has_dv_expertise: bool
    absent_until: date | None = None
    open_cases: int = 0
    max_open_cases: int = 12
    duo_partner_user_id: int | None = None
    trainings: tuple[Training, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Gap:
    kind: str
    member_id: int | None = None
    course: str = ""
    valid_until: date | None = None


def is_valid(training: Training, today: date) -> bool:
    return training.valid_until is None or training.valid_until >= today


def is_available(member: MemberFacts, today: date) -> bool:
    return member.absent_until is None or member.absent_until < today


def has_capacity(member: MemberFacts) -> bool:
    return member.open_cases < member.max_open_cases


def is_trained_for_red(member: MemberFacts, today: date) -> bool:
    return any(t.level == ADVANCED and is_valid(t, today) for t in member.trainings)


def can_take_red(member: MemberFacts, today: date) -> bool:
    """A worker who is here, has room and a valid advanced training: who a 'rood' concern should go to."""
    return (member.takes_cases and is_available(member, today) and has_capacity(member)
            and is_trained_for_red(member, today))


def _training_gaps(member: MemberFacts, today: date) -> list[Gap]:
    gaps = []
    warn_until = today + timedelta(days=EXPIRY_WARNING_DAYS)
    for course in sorted({t.course for t in member.trainings}):
        records = [t for t in member.trainings if t.course == course]
        if any(t.valid_until is None or t.valid_until > warn_until for t in records):
            continue  # a record of this course stays valid beyond the warning window
        latest = max(records, key=lambda t: t.valid_until)
        kind = GapKind.TRAINING_EXPIRED if latest.valid_until < today else GapKind.TRAINING_EXPIRING
        gaps.append(Gap(kind, member.member_id, course, latest.valid_until))
    return gaps


def team_gaps(members: list[MemberFacts], today: date) -> list[Gap]:
    """The team's gaps, the team-wide ones first."""
    gaps = []
    if not any(can_take_red(m, today) for m in members):
        gaps.append(Gap(GapKind.NO_TRAINED_FOR_RED))
    if not any(m.is_attention_officer and is_available(m, today) for m in members):
        gaps.append(Gap(GapKind.NO_ATTENTION_OFFICER))
    for member in members:
        gaps += _training_gaps(member, today)
    return gaps
