"""Every collaboration write: checks the rule, saves, adds the timeline line and the log row in one transaction."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkveilig.accounts.policy import MDA_PARTNER_ROLES
from wijkveilig.audit.services import Action, Actor, refuse
from wijkveilig.cases import changes
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import CaseStatus
from wijkveilig.cases.policy import write_grant_holders
from wijkveilig.cases.rules import due_before_case_existed, due_before_meeting
from wijkveilig.collaboration import ave, policy
from wijkveilig.collaboration.models import (
    AvePhase,
    AvePhaseChange,
    CaseConference,
    ConferenceDecision,
    MdaCase,
    MdaCriterion,
    MdaEnrolment,
    MdaPartner,
    MdaSector,
    RiskEstimate,
    SharingBasis,
)
from wijkveilig.core.errors import DomainError
from wijkveilig.core.http import parse_id
from wijkveilig.core.models import save_versioned

SECTION = "collaboration"


_require_open = changes.require_open


_record = partial(changes.record, section=SECTION, action=Action.CREATE)


def _refuse(*, actor: Actor, access: CaseAccess, event: str) -> None:
    """Log the refused write and answer 403; called outside the transaction so the denied row is kept."""
    refuse(actor=actor, event=event, case=access.case, section=SECTION, is_emergency=access.is_emergency,
           auth_rule=access.grant)


def team_members(case):
    """Who may take part in a conference: the members of the case's team (incl. the aandachtsfunctionaris)."""
    from wijkveilig.accounts.models import User

    return User.objects.filter(memberships__team=case.team, is_active=True).distinct().order_by("username")


def decision_owners(case) -> list:
    """Who may own a decision: team members who can write on the case (so they can mark it done)."""
    return write_grant_holders(case, team_members(case))


@dataclass(frozen=True)
class DecisionIn:
    description: str
    owner_id: int
    due_on: date


DUE_BEFORE_MEETING = gettext_lazy("Een besluit kan niet eerder klaar moeten zijn dan de casusbespreking zelf. "
                                  "Kies als datum de dag van de bespreking of later.")


@transaction.atomic
def conference_record(*, actor: Actor, access: CaseAccess, scheduled_at: datetime, participant_ids: list[int],
                      question: str, risk_estimate: str, known: str = "", not_known: str = "",
                      to_find_out: str = "", decisions: list[DecisionIn] = ()) -> CaseConference:
    """Schedule or record a case conference with team-member participants and decisions owned by team members."""
    _require_open(access)
    case = access.case
    if not question.strip():
        raise DomainError(_("Vul de vraag voor de casusbespreking in."), field="question")
    if risk_estimate not in RiskEstimate.values:
        raise DomainError(_("Kies een risico-inschatting."), field="risk_estimate")
    participants = list(team_members(case).filter(pk__in=participant_ids))
    if not participants or len(participants) != len(set(participant_ids)):
        raise DomainError(_("Kies de deelnemers uit de leden van het team van deze casus."), field="participants")
    owners = {user.pk: user for user in decision_owners(case)}
    for decision in decisions:
        if decision.owner_id not in owners:
            raise DomainError(_("De eigenaar van een besluit moet een teamlid met schrijfrechten op deze casus zijn."),
                              field="decisions")
        if not decision.description.strip():
            raise DomainError(_("Beschrijf elk besluit."), field="decisions")
        if due_before_case_existed(due_on=decision.due_on, opened_at=case.opened_at):
            raise DomainError(_("De datum van een besluit ligt vóór de start van deze casus."), field="decisions")
        if due_before_meeting(due_on=decision.due_on, scheduled_at=scheduled_at):
            raise DomainError(DUE_BEFORE_MEETING, field="decisions")
    conference = CaseConference.objects.create(
        case=case, scheduled_at=scheduled_at, question=question.strip(), known=known.strip(),
        not_known=not_known.strip(), to_find_out=to_find_out.strip(), risk_estimate=risk_estimate,
        created_by=actor.user)
    conference.participants.set(participants)
    ConferenceDecision.objects.bulk_create(
        ConferenceDecision(conference=conference, description=d.description.strip(), owner=owners[d.owner_id],
                           due_on=d.due_on) for d in decisions)
    _record(actor=actor, access=access, event="collaboration.conference_recorded")
    return conference


def decision_complete(*, actor: Actor, access: CaseAccess, decision_id: int) -> ConferenceDecision:
    """Mark a decision done; only its owner may (a refusal is logged as denied), and only once."""
    found = ConferenceDecision.objects.filter(conference__case=access.case, pk=decision_id).first() \
        if parse_id(decision_id) else None
    if found is not None and found.owner_id != actor.user.pk:
        _refuse(actor=actor, access=access, event="collaboration.decision_complete_denied")
    return _decision_complete(actor=actor, access=access, decision_id=decision_id)


@transaction.atomic
def _decision_complete(*, actor: Actor, access: CaseAccess, decision_id: int) -> ConferenceDecision:
    _require_open(access)
    decision = (ConferenceDecision.objects.select_for_update()
                .filter(conference__case=access.case, pk=decision_id).first()) if parse_id(decision_id) else None
    if decision is None:
        raise DomainError(_("Dit besluit bestaat niet in deze casus."))
    if decision.owner_id != actor.user.pk:
        raise PermissionDenied
    if decision.done_at is not None:
        raise DomainError(_("Dit besluit is al afgerond."))
    decision.done_at = timezone.now()
    decision.save(update_fields=["done_at"])
    _record(actor=actor, access=access, event="collaboration.decision_completed", action=Action.UPDATE)
    return decision


def current_phase(case) -> int:
    """The case's AVE phase: the latest change, or AVE 1 when none was ever recorded."""
    latest = case.ave_changes.order_by("-changed_at", "-id").first()
    return latest.phase if latest else AvePhase.NONE_OR_SUSPECTED


# The `ave.CaseFacts` fields, read as annotations of one query.
FACT_FIELDS = ("is_mda_active", "has_vt_investigation", "has_vt_report", "has_open_meldcode_route",
               "has_safety_plan")


@dataclass(frozen=True)
class EscalationState:
    """What the AVE rules need about one case, read in one query."""
    facts: ave.CaseFacts
    recorded_phase: int | None  # the latest AvePhaseChange, None when none was ever recorded
    acknowledged_phase: int | None  # the suggestion when that change was made
    overdue_decisions: int


def escalation_state(case) -> EscalationState:
    """The case's AVE facts, latest phase change and overdue conference decisions, in one query."""
    from wijkveilig.meldcode.models import MeldcodeRoute, RouteStatus, VtDecision, VtFeedback, VtReport

    here = OuterRef("pk")
    latest = AvePhaseChange.objects.filter(case=here).order_by("-changed_at", "-id")
    overdue = (ConferenceDecision.objects.filter(conference__case=here, done_at__isnull=True,
                                                 due_on__lt=timezone.localdate())
               .values("conference__case").annotate(n=Count("id")).values("n")[:1])
    row = type(case).objects.filter(pk=case.pk).annotate(
        is_mda_active=Exists(MdaCase.objects.filter(case=here, enrolment__ended_at__isnull=True)),
        has_vt_investigation=Exists(VtFeedback.objects.filter(
            report__case=here, decision__in=(VtDecision.OWN_INVESTIGATION, VtDecision.RVDK_REQUEST))),
        has_vt_report=Exists(VtReport.objects.filter(case=here)),
        has_open_meldcode_route=Exists(MeldcodeRoute.objects.filter(case=here).exclude(status=RouteStatus.CLOSED)),
        has_safety_plan=_safety_plan_exists(here),
        recorded=Subquery(latest.values("phase")[:1]), acknowledged=Subquery(latest.values("suggested_phase")[:1]),
        overdue=Subquery(overdue)).values(*FACT_FIELDS, "recorded", "acknowledged", "overdue").get()
    return EscalationState(facts=ave.CaseFacts(**{name: row[name] for name in FACT_FIELDS}),
                           recorded_phase=row["recorded"], acknowledged_phase=row["acknowledged"],
                           overdue_decisions=row["overdue"] or 0)


def _safety_plan_exists(here):
    try:
        from wijkveilig.safety.models import SafetyPlan
    except ImportError:  # the safety app is optional to this code (decision 0008)
        return Value(False)
    return Exists(SafetyPlan.objects.filter(case=here))


AVE_REQUIRED = {
    "reason": gettext_lazy("Geef de reden van het op- of afschalen."),
    "case_direction": gettext_lazy("Vul in wie de casusregie heeft."),
    "process_direction": gettext_lazy("Vul in wie de procesregie heeft."),
    "operational_responsibility": gettext_lazy("Vul in wie de operationele verantwoordelijkheid heeft."),
    "administrative_responsibility": gettext_lazy("Vul in wie de bestuurlijke verantwoordelijkheid heeft."),
}


def ave_phase_change(*, actor: Actor, access: CaseAccess, phase: int, **texts: str) -> AvePhaseChange:
    """Set or scale the case's AVE phase. Required texts (`AVE_REQUIRED`): the reason, who holds casusregie and
    procesregie, and who holds operational and administrative responsibility for this phase."""
    if set(texts) - set(AVE_REQUIRED):
        raise TypeError(f"unexpected arguments: {sorted(set(texts) - set(AVE_REQUIRED))}")
    if not policy.may_direct(access):
        _refuse(actor=actor, access=access, event="collaboration.ave_change_denied")
    return _ave_phase_change(actor=actor, access=access, phase=phase, texts=texts)


@transaction.atomic
def _ave_phase_change(*, actor: Actor, access: CaseAccess, phase: int, texts: dict) -> AvePhaseChange:
    _require_open(access)
    # Lock the case row so two simultaneous scalings cannot both read the same previous phase.
    type(access.case).objects.select_for_update().filter(pk=access.case.pk).first()
    if phase not in AvePhase.values:
        raise DomainError(_("Kies een AVE-fase van 1 tot en met 4."), field="phase")
    previous = current_phase(access.case)
    if phase == previous and access.case.ave_changes.exists():
        raise DomainError(_("De casus staat al in deze AVE-fase."), field="phase")
    values = {name: str(texts.get(name) or "").strip() for name in AVE_REQUIRED}
    missing = next((name for name, value in values.items() if not value), None)
    if missing:
        raise DomainError(str(AVE_REQUIRED[missing]), field=missing)
    change = AvePhaseChange.objects.create(
        case=access.case, phase=phase, previous_phase=previous, changed_by=actor.user,
        suggested_phase=ave.suggest(escalation_state(access.case).facts).phase, **values)
    # The same phase as before only when the first phase recorded is the one the case silently had (AVE 1).
    _record(actor=actor, access=access, action=Action.UPDATE,
            detail=f"{values['operational_responsibility']} / {values['administrative_responsibility']}",
            event="collaboration.ave_phase_set" if phase == previous
            else "collaboration.ave_scaled_up" if phase > previous else "collaboration.ave_scaled_down")
    return change


# ---- MDA++: one family, one plan, one case director; external partners see the shared part only ----------------

def _display(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.organisation})" if user.organisation else name


def mda_current(case) -> MdaEnrolment | None:
    """The open MDA++ this case is part of, if any (one per household)."""
    return (MdaEnrolment.objects.filter(links__case=case, ended_at__isnull=True)
            .select_related("case_director", "contact_person").first())


def mda_of_household(case) -> MdaEnrolment | None:
    """The household's open MDA++, whether or not this case has joined it yet."""
    return (MdaEnrolment.objects.filter(household_id=case.household_id, ended_at__isnull=True)
            .select_related("case_director", "contact_person").first())


def mda_partner_candidates():
    """External accounts that can be added to an MDA++ case: active partner and Veilig Thuis accounts."""
    from wijkveilig.accounts.models import User

    return User.objects.filter(role__in=MDA_PARTNER_ROLES, is_active=True).order_by("organisation", "username")


def require_direction(actor: Actor, access: CaseAccess, event: str) -> None:
    """MDA++ is a case-direction decision, as AVE scaling is: the assigned worker or the team's coordinator."""
    if not policy.may_direct(access):
        _refuse(actor=actor, access=access, event=event)


def _locked_current(access: CaseAccess) -> MdaEnrolment:
    current = mda_current(access.case)
    enrolment = MdaEnrolment.objects.select_for_update().filter(pk=current.pk).first() if current else None
    if enrolment is None or enrolment.ended_at is not None:
        raise DomainError(_("Deze casus is (nog) geen MDA++-casus."))
    return enrolment


def _fellow_cases(enrolment: MdaEnrolment, access: CaseAccess) -> list:
    """The other open cases in this MDA++: one family, one plan, so an MDA++ change is on each one's timeline."""
    return list(enrolment.cases.filter(status=CaseStatus.OPEN).exclude(pk=access.case.pk))


def _member(case, user_id, field: str, message: str) -> object:
    user = team_members(case).filter(pk=user_id).first() if isinstance(user_id, int) else None
    if user is None:
        raise DomainError(message, field=field)
    return user


def _director(case, director_id) -> object:
    return _member(case, director_id, "case_director",
                   _("Kies de casusregisseur uit de leden van het team van deze casus."))


def _contact(case, contact_id) -> object:
    return _member(case, contact_id, "contact_person",
                   _("Kies de vaste contactpersoon voor het gezin uit de leden van het team van deze casus."))


def mda_start(*, actor: Actor, access: CaseAccess, case_director_id: int, criteria: list[str],
              reason: str, contact_person_id: int | None = None) -> MdaEnrolment:
    """Start MDA++ for the case's household: one case director and one fixed contact person for the family
    (the director unless another team member is chosen), with the criteria that apply."""
    require_direction(actor, access, "collaboration.mda_start_denied")
    return _mda_start(actor=actor, access=access, case_director_id=case_director_id, criteria=criteria,
                      reason=reason, contact_person_id=contact_person_id)


def _lock_household(case) -> None:
    """Two cases of one household starting or joining MDA++ at once must not make two."""
    from wijkveilig.households.models import Household

    Household.objects.select_for_update().filter(pk=case.household_id).first()


@transaction.atomic
def _mda_start(*, actor: Actor, access: CaseAccess, case_director_id: int, criteria: list[str],
               reason: str, contact_person_id: int | None) -> MdaEnrolment:
    _require_open(access)
    _lock_household(access.case)
    if mda_current(access.case) is not None:
        raise DomainError(_("Deze casus is al een MDA++-casus."))
    existing = mda_of_household(access.case)
    if existing is not None:
        raise DomainError(_("Dit huishouden heeft al een MDA++ met casusregisseur %(name)s. Sluit deze casus daarbij "
                            "aan: één gezin, één plan, één regisseur.") % {"name": _display(existing.case_director)})
    chosen = [value for value in MdaCriterion.values if value in set(criteria)]
    if not chosen or len(chosen) != len(set(criteria)):
        raise DomainError(_("Kies ten minste één criterium voor MDA++."), field="criteria")
    if not reason.strip():
        raise DomainError(_("Licht toe waarom deze casus MDA++ nodig heeft."), field="reason")
    director = _director(access.case, case_director_id)
    contact = director if contact_person_id is None else _contact(access.case, contact_person_id)
    enrolment = MdaEnrolment.objects.create(household_id=access.case.household_id, case_director=director,
                                            contact_person=contact, criteria=chosen, reason=reason.strip(),
                                            started_by=actor.user)
    MdaCase.objects.create(enrolment=enrolment, case=access.case, joined_by=actor.user)
    _record(actor=actor, access=access, event="collaboration.mda_started", detail=_display(director))
    return enrolment


def mda_join(*, actor: Actor, access: CaseAccess) -> MdaEnrolment:
    """Add this case to its household's open MDA++: the same case director, contact person, partners and shared
    plan. The partners' access then covers this case's shared part too."""
    require_direction(actor, access, "collaboration.mda_join_denied")
    return _mda_join(actor=actor, access=access)


@transaction.atomic
def _mda_join(*, actor: Actor, access: CaseAccess) -> MdaEnrolment:
    _require_open(access)
    _lock_household(access.case)
    if mda_current(access.case) is not None:
        raise DomainError(_("Deze casus hoort al bij de MDA++ van dit huishouden."))
    enrolment = mda_of_household(access.case)
    if enrolment is None:
        raise DomainError(_("Dit huishouden heeft geen lopende MDA++. Start MDA++ voor deze casus."))
    MdaCase.objects.create(enrolment=enrolment, case=access.case, joined_by=actor.user)
    _record(actor=actor, access=access, event="collaboration.mda_joined",
            also=_fellow_cases(enrolment, access), action=Action.CREATE, detail=access.case.reference)
    return enrolment


def mda_director_change(*, actor: Actor, access: CaseAccess, expected_version: int, case_director_id: int,
                        contact_person_id: int | None = None) -> MdaEnrolment:
    """Hand the case direction, and/or the role of fixed contact person for the family, to other team members;
    refused if someone changed them since `expected_version`."""
    require_direction(actor, access, "collaboration.mda_director_denied")
    return _mda_director_change(actor=actor, access=access, expected_version=expected_version,
                                case_director_id=case_director_id, contact_person_id=contact_person_id)


@transaction.atomic
def _mda_director_change(*, actor: Actor, access: CaseAccess, expected_version: int, case_director_id: int,
                         contact_person_id: int | None) -> MdaEnrolment:
    _require_open(access)
    enrolment = _locked_current(access)
    director = _director(access.case, case_director_id)
    contact = enrolment.contact_person if contact_person_id is None else _contact(access.case, contact_person_id)
    if director.pk == enrolment.case_director_id and contact.pk == enrolment.contact_person_id:
        raise DomainError(_("Deze persoon is al de casusregisseur."), field="case_director")
    if director.pk != enrolment.case_director_id:
        _record(actor=actor, access=access, event="collaboration.mda_director_changed",
                also=_fellow_cases(enrolment, access), action=Action.UPDATE, detail=_display(director))
    if contact.pk != enrolment.contact_person_id:
        _record(actor=actor, access=access, event="collaboration.mda_contact_changed",
                also=_fellow_cases(enrolment, access), action=Action.UPDATE, detail=_display(contact))
    enrolment.case_director, enrolment.contact_person = director, contact
    save_versioned(enrolment, expected_version=expected_version, fields=["case_director", "contact_person"])
    return enrolment


def mda_partner_add(*, actor: Actor, access: CaseAccess, user_id: int, sector: str, basis: str,
                    basis_note: str) -> MdaPartner:
    """Give an external partner's account access to the shared part of this MDA++ case, with the ground for it."""
    require_direction(actor, access, "collaboration.mda_partner_add_denied")
    return _mda_partner_add(actor=actor, access=access, user_id=user_id, sector=sector, basis=basis,
                            basis_note=basis_note)


@transaction.atomic
def _mda_partner_add(*, actor: Actor, access: CaseAccess, user_id: int, sector: str, basis: str,
                     basis_note: str) -> MdaPartner:
    _require_open(access)
    enrolment = _locked_current(access)
    partner = mda_partner_candidates().filter(pk=user_id).first() if isinstance(user_id, int) else None
    if partner is None:
        raise DomainError(_("Kies een account van een ketenpartner of van Veilig Thuis."), field="user")
    if sector not in MdaSector.values:
        raise DomainError(_("Kies de sector van de partner."), field="sector")
    if basis not in SharingBasis.values:
        raise DomainError(_("Kies de grondslag voor het delen."), field="basis")
    if not basis_note.strip():
        raise DomainError(_("Licht de grondslag toe (bijvoorbeeld: wie gaf toestemming, welk convenant)."),
                          field="basis_note")
    if enrolment.partners.filter(user=partner, removed_at__isnull=True).exists():
        raise DomainError(_("Deze partner heeft al toegang tot deze MDA++-casus."), field="user")
    row = MdaPartner.objects.create(enrolment=enrolment, user=partner, sector=sector, basis=basis,
                                    basis_note=basis_note.strip(), added_by=actor.user)
    _record(actor=actor, access=access, event="collaboration.mda_partner_added",
            also=_fellow_cases(enrolment, access), action=Action.CREATE, detail=_display(partner))
    return row


def mda_partner_remove(*, actor: Actor, access: CaseAccess, partner_id: int, reason: str) -> MdaPartner:
    """End one partner's access to this MDA++ case, with a reason; their access stops at once."""
    require_direction(actor, access, "collaboration.mda_partner_remove_denied")
    return _mda_partner_remove(actor=actor, access=access, partner_id=partner_id, reason=reason)


@transaction.atomic
def _mda_partner_remove(*, actor: Actor, access: CaseAccess, partner_id: int, reason: str) -> MdaPartner:
    _require_open(access)
    enrolment = _locked_current(access)
    row = (enrolment.partners.select_related("user").filter(pk=partner_id, removed_at__isnull=True).first()
           if parse_id(partner_id) else None)
    if row is None:
        raise DomainError(_("Deze partner heeft geen toegang (meer) tot deze MDA++-casus."))
    if not reason.strip():
        raise DomainError(_("Geef de reden waarom de partner geen toegang meer heeft."), field="reason")
    row.removed_at, row.removed_by, row.removal_reason = timezone.now(), actor.user, reason.strip()
    row.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    _record(actor=actor, access=access, event="collaboration.mda_partner_removed",
            also=_fellow_cases(enrolment, access), action=Action.UPDATE, detail=_display(row.user))
    return row


def mda_end(*, actor: Actor, access: CaseAccess, reason: str) -> MdaEnrolment:
    """End the MDA++ (scaled down or finished): every partner's access ends with it."""
    require_direction(actor, access, "collaboration.mda_end_denied")
    return _mda_end(actor=actor, access=access, reason=reason)


@transaction.atomic
def _mda_end(*, actor: Actor, access: CaseAccess, reason: str) -> MdaEnrolment:
    enrolment = _locked_current(access)
    if not reason.strip():
        raise DomainError(_("Geef de reden om MDA++ te beëindigen."), field="reason")
    now = timezone.now()
    enrolment.ended_at, enrolment.ended_by, enrolment.end_reason = now, actor.user, reason.strip()
    enrolment.save(update_fields=["ended_at", "ended_by", "end_reason"])
    enrolment.partners.filter(removed_at__isnull=True).update(removed_at=now, removed_by=actor.user)
    _record(actor=actor, access=access, event="collaboration.mda_ended",
            also=_fellow_cases(enrolment, access), action=Action.UPDATE)
    return enrolment
