"""Changes in the wijkanalyse: the team's risk reading per buurt (checked, saved and logged in one transaction)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.analysis import policy
from wijkveilig.analysis.models import RiskLevel, RiskReading
from wijkveilig.areas.models import Buurt
from wijkveilig.audit.models import Action, Outcome
from wijkveilig.audit.services import Actor, access_log_write
from wijkveilig.core.errors import DomainError
from wijkveilig.core.models import save_versioned, stale_version_error

NEW_READING_VERSION = 0  # the version a form carries when no reading was saved yet


@dataclass(frozen=True)
class ReadingEntry:
    ratings: dict  # RiskLevel value → RiskRating value, all five
    explanation: str
    read_on: date


def team_buurt_codes(user) -> set[str]:
    """The buurten of the teams the user is a member of, each within its team's own municipality: a buurt of another
    municipality linked to a team by mistake gives no right to record that municipality's reading."""
    own = Buurt.objects.filter(teams__memberships__user=user, district__municipality_id=F("teams__municipality_id"))
    return set(own.values_list("code", flat=True))


def require_risk_reading_right(*, actor: Actor, buurt_code: str) -> None:
    """Refuse (403, logged) anyone but a coordinator of a team working in the buurt; called outside a transaction,
    so the denied row is kept."""
    if not policy.can_record_risk_reading(actor.user, buurt_code=buurt_code,
                                          team_buurt_codes=team_buurt_codes(actor.user)):
        access_log_write(actor=actor, event="analysis.risk_reading_refused", action=Action.UPDATE,
                         outcome=Outcome.DENIED, section="analysis", auth_rule="team_buurt")
        raise PermissionDenied


def risk_reading_record(*, actor: Actor, buurt_code: str, expected_version: int, entry: ReadingEntry) -> RiskReading:
    """Save the team's dated reading of a buurt on the five levels, refusing a stale version, a date in the future
    and anyone but a coordinator of a team working there; the access log holds each change and each refusal."""
    require_risk_reading_right(actor=actor, buurt_code=buurt_code)
    with transaction.atomic():
        buurt = Buurt.objects.select_for_update().get(code=buurt_code)
        if entry.read_on > timezone.localdate():
            raise DomainError(_("De datum van de inschatting ligt in de toekomst."), field="read_on")
        if set(entry.ratings) != {level.value for level in RiskLevel}:
            raise DomainError(_("Geef voor alle vijf niveaus een inschatting."))
        reading = RiskReading.objects.filter(buurt=buurt).first()
        fields = {**entry.ratings, "explanation": entry.explanation, "read_on": entry.read_on,
                  "recorded_at": timezone.now(), "recorded_by": actor.user}
        if reading is None:
            if expected_version != NEW_READING_VERSION:
                raise stale_version_error(0)
            reading = RiskReading.objects.create(buurt=buurt, **fields)
        else:
            for name, value in fields.items():
                setattr(reading, name, value)
            save_versioned(reading, expected_version=expected_version, fields=list(fields))
        access_log_write(actor=actor, event="analysis.risk_reading_recorded", action=Action.UPDATE,
                         section="analysis", auth_rule="team_buurt")
    return reading
