"""Every safety plan write: checks the rule, saves, adds the timeline line and the log row in one transaction."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import CaseStatus, TimelineEvent
from wijkveilig.core.errors import DomainError
from wijkveilig.safety import rules
from wijkveilig.safety.models import (
    Agreement,
    AgreementKind,
    AgreementReview,
    PlanStatus,
    ReviewStatus,
    SafePlace,
    SafetyPlan,
)
from wijkveilig.safety.selectors import victim_ids

SECTION = "safety"


def _require_open(access: CaseAccess) -> None:
    if access.case.status != CaseStatus.OPEN:
        raise DomainError(_("Deze casus is gesloten. Heropen de casus om iets te wijzigen."))


def _record(*, actor: Actor, access: CaseAccess, event: str, action=Action.UPDATE) -> None:
    TimelineEvent.objects.create(case=access.case, actor=actor.user, event=event)
    access_log_write(actor=actor, event=event, action=action, case=access.case, section=SECTION,
                     is_emergency=access.is_emergency, auth_rule=access.grant)


def _plan(access: CaseAccess) -> SafetyPlan:
    plan, _created = SafetyPlan.objects.select_for_update().get_or_create(case=access.case)
    return plan


@transaction.atomic
def plan_update(*, actor: Actor, access: CaseAccess, vt_conditions: str = "", review_on: date | None = None) -> SafetyPlan:
    """Set the plan's Veilig Thuis conditions and next review date (creates the plan on first use)."""
    _require_open(access)
    if review_on is not None and review_on < timezone.localdate():
        raise DomainError(_("De evaluatiedatum ligt in het verleden."), field="review_on")
    plan = _plan(access)
    plan.vt_conditions, plan.review_on = vt_conditions.strip(), review_on
    plan.save(update_fields=["vt_conditions", "review_on"])
    _record(actor=actor, access=access, event="safety.plan_updated")
    return plan


@dataclass(frozen=True)
class AgreementEntry:
    kind: str
    who: str
    what: str
    due_on: date
    where: str = ""
    network: str = ""


@transaction.atomic
def safety_agreement_add(*, actor: Actor, access: CaseAccess, entry: AgreementEntry) -> Agreement:
    """Add one SMART agreement: who, what and when are required; a changed plan goes back to draft."""
    _require_open(access)
    if entry.kind not in AgreementKind.values:
        raise DomainError(_("Kies directe of duurzame veiligheid."), field="kind")
    if not entry.who.strip() or not entry.what.strip():
        raise DomainError(_("Een afspraak zegt wie wat doet en wanneer."), field="what")
    plan = _plan(access)
    agreement = Agreement.objects.create(plan=plan, kind=entry.kind, who=entry.who.strip(), what=entry.what.strip(),
                                         due_on=entry.due_on, where=entry.where.strip(),
                                         network=entry.network.strip(), created_by=actor.user)
    SafetyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT, agreed_at=None, agreed_by=None)
    _record(actor=actor, access=access, event="safety.agreement_added", action=Action.CREATE)
    return agreement


@transaction.atomic
def safety_agreement_review(*, actor: Actor, access: CaseAccess, agreement_id: int, status: str,
                            reviewed_on: date, note: str = "") -> AgreementReview:
    """Record one review of one agreement of this case's plan (kept, partly kept, not kept)."""
    _require_open(access)
    agreement = Agreement.objects.filter(plan__case=access.case, pk=agreement_id).first()
    if agreement is None:
        raise DomainError(_("Kies een afspraak uit dit veiligheidsplan."), field="agreement")
    if status not in ReviewStatus.values:
        raise DomainError(_("Kies: nagekomen, deels nagekomen of niet nagekomen."), field="status")
    if reviewed_on > timezone.localdate():
        raise DomainError(_("De evaluatiedatum ligt in de toekomst."), field="reviewed_on")
    review = AgreementReview.objects.create(agreement=agreement, status=status, note=note.strip(),
                                            reviewed_on=reviewed_on, reviewed_by=actor.user)
    _record(actor=actor, access=access, event="safety.agreement_reviewed", action=Action.CREATE)
    return review


@transaction.atomic
def safe_place_set(*, actor: Actor, access: CaseAccess, person_id: int, answer: str) -> SafePlace:
    """Record a victim's answer to "Waar kan je heen als het opnieuw gebeurt?" (replaces an earlier answer)."""
    _require_open(access)
    if person_id not in victim_ids(access.case):
        raise DomainError(_("Kies een slachtoffer uit deze casus."), field="person")
    if not answer.strip():
        raise DomainError(_("Schrijf op waar deze persoon heen kan als het opnieuw gebeurt."), field="answer")
    plan = _plan(access)
    place, _created = SafePlace.objects.update_or_create(
        plan=plan, person_id=person_id,
        defaults={"answer": answer.strip(), "recorded_by": actor.user, "recorded_at": timezone.now()})
    _record(actor=actor, access=access, event="safety.safe_place_recorded")
    return place


@transaction.atomic
def safety_plan_agree(*, actor: Actor, access: CaseAccess) -> SafetyPlan:
    """Mark the plan as agreed; refused until it has an agreement and every victim has a safe place."""
    _require_open(access)
    plan = _plan(access)
    answers = dict(plan.safe_places.values_list("person_id", "answer"))
    missing = rules.plan_missing(agreement_count=plan.agreements.count(), victim_ids=victim_ids(access.case),
                                 answers=answers)
    if "agreements" in missing:
        raise DomainError(_("Leg eerst ten minste één afspraak vast."))
    if "safe_places" in missing:
        raise DomainError(_("Vul voor elk slachtoffer in waar diegene heen kan als het opnieuw gebeurt."))
    plan.status, plan.agreed_at, plan.agreed_by = PlanStatus.AGREED, timezone.now(), actor.user
    plan.save(update_fields=["status", "agreed_at", "agreed_by"])
    _record(actor=actor, access=access, event="safety.plan_agreed")
    return plan
