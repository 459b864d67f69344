"""Every change to a case: checks the rule, writes, adds the timeline line and the log row in one transaction."""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.models import TEAM_ROLES, Membership, Role, User
from wijkveilig.audit.services import Action, Actor, access_log_write, guard
from wijkveilig.cases import changes
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import (
    Assignment,
    Case,
    CaseStatus,
    CaseViolenceForm,
    CloseReason,
    Consultation,
    EmergencyAccess,
    Note,
    ViolenceForm,
    ViolenceNature,
)
from wijkveilig.cases.policy import (
    access_for,
    case_grant,
    emergency_candidates,  # noqa: F401 (services.emergency_candidates)
)
from wijkveilig.core.errors import DomainError
from wijkveilig.core.models import save_versioned
from wijkveilig.households.models import Household

MAX_ACTIVE_ASSIGNMENTS = 2
EMERGENCY_ACCESS_HOURS = 24


_log_change = partial(changes.log_change, section="case")
_timeline = changes.timeline
_require_open = changes.require_open


def team_for_new_case(user: User, team_id: int | None = None):
    """The team a new case of this user belongs to: the one chosen, or their only team."""
    memberships = Membership.objects.filter(user=user).select_related("team")
    if team_id is not None:
        memberships = memberships.filter(team_id=team_id)
    teams = [m.team for m in memberships]
    if not teams:
        raise DomainError(_("U bent geen lid van een wijkteam en kunt geen casus aanmaken."))
    return teams[0]


def _team_member(*, actor: Actor, **_) -> bool:
    return roles.can_work_on_cases(actor.user)


@guard(_team_member, "case.create_denied")
@transaction.atomic
def case_open(*, actor: Actor, household_name: str, summary: str = "", street: str = "", house_number: str = "",
              postcode: str = "", city: str = "", buurt=None, team_id: int | None = None) -> CaseAccess:
    """Create a household and its case, assigned to the worker who opened it."""
    household = Household.objects.create(name=household_name, street=street, house_number=house_number,
                                         postcode=postcode.replace(" ", "").upper(), city=city, buurt=buurt)
    return case_open_for_household(actor=actor, household=household, summary=summary, team_id=team_id)


@guard(_team_member, "case.create_denied")
@transaction.atomic
def case_open_for_household(*, actor: Actor, household: Household, summary: str = "",
                            team_id: int | None = None) -> CaseAccess:
    """Open a new case on a household that is already known (intake matched it), assigned to the opener."""
    user = actor.user
    team = team_for_new_case(user, team_id)
    case = Case.objects.create(reference=f"tmp-{household.pk}-{timezone.now().timestamp()}"[:20],
                               household=household, team=team, summary=summary, created_by=user)
    case.reference = f"WV-{case.opened_at:%Y}-{case.pk:05d}"
    Case.objects.filter(pk=case.pk).update(reference=case.reference)
    Assignment.objects.create(case=case, user=user, assigned_by=user)
    access = access_for(case, case_grant(user, case))  # the opener's strongest grant: a coordinator's is "team"
    _timeline(case=case, actor=actor, event="case.opened")
    _log_change(actor=actor, access=access, event="case.created", action=Action.CREATE)
    return access


@transaction.atomic
def case_update(*, actor: Actor, access: CaseAccess, expected_version: int, summary: str) -> Case:
    """Change the case summary, refusing if someone saved since `expected_version`."""
    case = access.case
    _require_open(case)
    case.summary = summary
    save_versioned(case, expected_version=expected_version, fields=["summary"])
    _timeline(case=case, actor=actor, event="case.updated")
    _log_change(actor=actor, access=access, event="case.updated")
    return case


@transaction.atomic
def case_close(*, actor: Actor, access: CaseAccess, expected_version: int, reason: str, note: str = "") -> Case:
    """Close a case with a reason; 'other' needs an explanation. Where the afwegingskader ended in "result achieved"
    (question 5), the case closes only once a monitoring agreement says who checks what and when."""
    from wijkveilig.meldcode.monitoring_selectors import awaiting_agreements

    case = access.case
    _require_open(case)
    if reason not in CloseReason.values:
        raise DomainError(_("Kies een reden voor het sluiten."), field="reason")
    if reason == CloseReason.OTHER and not note.strip():
        raise DomainError(_("Licht de reden 'anders' toe."), field="note")
    if awaiting_agreements(Case.objects.filter(pk=case.pk)).exists():
        raise DomainError(_("Het resultaat is bereikt, maar er is nog geen monitoringsafspraak. Leg in de "
                            "Meldcode-route vast wie wat wanneer controleert; sluit daarna de casus."),
                          field="reason")
    case.status, case.close_reason, case.close_note, case.closed_at = CaseStatus.CLOSED, reason, note, timezone.now()
    save_versioned(case, expected_version=expected_version,
                   fields=["status", "close_reason", "close_note", "closed_at"])
    _timeline(case=case, actor=actor, event="case.closed", detail=reason)
    _log_change(actor=actor, access=access, event="case.closed")
    return case


@transaction.atomic
def case_reopen(*, actor: Actor, access: CaseAccess, expected_version: int) -> Case:
    """Reopen a closed case; the earlier closing stays on the timeline."""
    case = access.case
    if case.status == CaseStatus.OPEN:
        raise DomainError(_("Deze casus is al open."))
    case.status, case.close_reason, case.close_note, case.closed_at = CaseStatus.OPEN, "", "", None
    save_versioned(case, expected_version=expected_version,
                   fields=["status", "close_reason", "close_note", "closed_at"])
    _timeline(case=case, actor=actor, event="case.reopened")
    _log_change(actor=actor, access=access, event="case.reopened")
    return case


@guard(lambda actor, access, **_: access.can_assign and roles.can_assign(actor.user), "case.assign_denied",
       section="assignment")
@transaction.atomic
def case_assign(*, actor: Actor, access: CaseAccess, user_ids: list[int]) -> list[User]:
    """Set the one or two workers on a case (coordinator only); they must be in the case's team."""
    case = access.case
    unique_ids = list(dict.fromkeys(user_ids))
    if not 1 <= len(unique_ids) <= MAX_ACTIVE_ASSIGNMENTS:
        raise DomainError(_("Wijs één of twee medewerkers toe (duo)."), field="workers")
    workers = list(User.objects.filter(pk__in=unique_ids, is_active=True, role__in=TEAM_ROLES,
                                       memberships__team=case.team).distinct())
    if len(workers) != len(unique_ids):
        raise DomainError(_("Alleen actieve medewerkers van dit team kunnen worden toegewezen."), field="workers")
    now = timezone.now()
    case.assignments.filter(ended_at__isnull=True).exclude(user__in=workers).update(ended_at=now)
    active = set(case.assignments.filter(ended_at__isnull=True).values_list("user_id", flat=True))
    for worker in workers:
        if worker.pk not in active:
            Assignment.objects.create(case=case, user=worker, assigned_by=actor.user, assigned_at=now)
    _timeline(case=case, actor=actor, event="case.assigned", detail=", ".join(w.get_username() for w in workers))
    _log_change(actor=actor, access=access, event="case.assigned", section="assignment")
    return workers


@transaction.atomic
def violence_forms_set(*, actor: Actor, access: CaseAccess, forms: dict[str, list[str]]) -> None:
    """Replace the case's forms of violence; `forms` maps a form to its natures (physical, ...)."""
    case = access.case
    _require_open(case)
    for form, natures in forms.items():
        if form not in ViolenceForm.values or any(n not in ViolenceNature.values for n in natures):
            raise DomainError(_("Onbekende vorm of aard van geweld."), field="forms")
    chosen = {form: sorted(set(natures)) for form, natures in forms.items()}
    if chosen == {item.form: sorted(item.natures) for item in case.violence_forms.all()}:
        return  # nothing changed (also an empty submit on a case without forms): no timeline line, no log row
    case.violence_forms.exclude(form__in=list(forms)).delete()
    for form, natures in forms.items():
        CaseViolenceForm.objects.update_or_create(case=case, form=form, defaults={"natures": sorted(set(natures))})
    _timeline(case=case, actor=actor, event="case.violence_forms_changed")
    _log_change(actor=actor, access=access, event="case.violence_forms_changed", section="violence_forms")


@transaction.atomic
def note_add(*, actor: Actor, access: CaseAccess, kind: str, statement_kind: str, occurred_at: datetime, body: str,
             place: str = "", observer: str = "", source: str = "") -> Note:
    """Record a note or signal with when, where, who observed, the source and the kind of statement."""
    case = access.case
    _require_open(case)
    if not body.strip():
        raise DomainError(_("Schrijf op wat er is waargenomen of besproken."), field="body")
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Het tijdstip ligt in de toekomst."), field="occurred_at")
    note = Note.objects.create(case=case, kind=kind, statement_kind=statement_kind, occurred_at=occurred_at,
                               body=body, place=place, observer=observer, source=source, author=actor.user)
    _timeline(case=case, actor=actor, event=f"{kind}.added", note=note, at=note.occurred_at)
    _log_change(actor=actor, access=access, event=f"{kind}.added", action=Action.CREATE, section="notes")
    return note


@transaction.atomic
def note_update(*, actor: Actor, access: CaseAccess, note: Note, expected_version: int, body: str,
                statement_kind: str, place: str, observer: str, source: str) -> Note:
    """Correct a note; a concurrent edit is refused, never overwritten."""
    _require_open(access.case)
    if note.case_id != access.case.pk:
        raise DomainError(_("Deze notitie hoort niet bij deze casus."))
    if not body.strip():
        raise DomainError(_("Schrijf op wat er is waargenomen of besproken."), field="body")
    note.body, note.statement_kind = body, statement_kind
    note.place, note.observer, note.source = place, observer, source
    save_versioned(note, expected_version=expected_version,
                   fields=["body", "statement_kind", "place", "observer", "source"])
    _timeline(case=access.case, actor=actor, event=f"{note.kind}.updated", note=note)
    _log_change(actor=actor, access=access, event=f"{note.kind}.updated", section="notes")
    return note


@transaction.atomic
def specialist_consult(*, actor: Actor, access: CaseAccess, specialist_id: int, question: str = "") -> Consultation:
    """Consult the team's aandachtsfunctionaris, which grants them read access to this case."""
    case = access.case
    specialist = User.objects.filter(pk=specialist_id, role=Role.SPECIALIST, is_active=True,
                                     memberships__team=case.team).first()
    if specialist is None:
        raise DomainError(_("Kies een aandachtsfunctionaris van dit team."), field="specialist")
    consultation = Consultation.objects.create(case=case, specialist=specialist, requested_by=actor.user,
                                               question=question)
    _timeline(case=case, actor=actor, event="case.specialist_consulted", detail=specialist.get_username())
    _log_change(actor=actor, access=access, event="case.specialist_consulted", section="consultation")
    return consultation


@guard(lambda actor, **_: roles.can_press_emergency(actor.user), "case.emergency_access_denied", section="noodknop")
@transaction.atomic
def emergency_access_grant(*, actor: Actor, case_id: int, reason: str) -> CaseAccess:
    """Noodknop: open a team case outside one's assignment for 24 hours, with a mandatory reason."""
    user = actor.user
    if len(reason.strip()) < 10:
        raise DomainError(_("Geef een duidelijke reden (minstens 10 tekens)."), field="reason")
    case = Case.objects.in_teams_of(user).filter(pk=case_id).select_related("team", "household").first()
    if case is None:
        return None
    now = timezone.now()
    EmergencyAccess.objects.create(case=case, user=user, reason=reason, granted_at=now,
                                   expires_at=now + timedelta(hours=EMERGENCY_ACCESS_HOURS))
    access = access_for(case, "emergency")
    _timeline(case=case, actor=actor, event="case.emergency_access")
    _log_change(actor=actor, access=access, event="case.emergency_access", action=Action.EXECUTE, section="noodknop")
    return access


@guard(lambda actor, **_: roles.can_review_emergencies(actor.user), "case.emergency_review_denied",
       section="noodknop")
@transaction.atomic
def emergency_access_review(*, actor: Actor, emergency_id: int) -> EmergencyAccess | None:
    """The coordinator marks an emergency access to a team case as reviewed."""
    item = EmergencyAccess.objects.filter(pk=emergency_id, case__team__memberships__user=actor.user,
                                          reviewed_at__isnull=True).select_related("case").first()
    if item is None:
        return None
    item.reviewed_by, item.reviewed_at = actor.user, timezone.now()
    item.save(update_fields=["reviewed_by", "reviewed_at"])
    access_log_write(actor=actor, event="case.emergency_reviewed", action=Action.UPDATE, case=item.case,
                     section="noodknop", auth_rule="team")
    return item

