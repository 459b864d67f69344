"""Every safety plan write: checks the rule, saves, adds the timeline line and the log row in one transaction."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.audit.models import Outcome
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases import changes
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import ParticipantRole
from wijkveilig.cases.rules import due_before_case_existed
from wijkveilig.core.errors import DomainError
from wijkveilig.core.http import parse_id
from wijkveilig.core.models import save_or_create_versioned, save_versioned
from wijkveilig.safety import rules
from wijkveilig.safety.models import (
    NO_ANSWER_VERSION,
    Agreement,
    AgreementKind,
    AgreementReview,
    PlanStatus,
    ReviewStatus,
    SafePlace,
    SafetyPlan,
)
from wijkveilig.safety.selectors import safe_place_person_ids

SECTION = "safety"


_require_open = changes.require_open


_record = partial(changes.record, section=SECTION, action=Action.UPDATE)


def _plan(access: CaseAccess) -> SafetyPlan:
    plan, _created = SafetyPlan.objects.select_for_update().get_or_create(case=access.case)
    return plan


@transaction.atomic
def plan_update(*, actor: Actor, access: CaseAccess, expected_version: int, vt_conditions: str = "",
                review_on: date | None = None) -> SafetyPlan:
    """Set the plan's Veilig Thuis conditions and next review date (creates the plan on first use, version 1),
    refusing if someone saved them since `expected_version`."""
    _require_open(access)
    if review_on is not None and review_on < timezone.localdate():
        raise DomainError(_("De evaluatiedatum ligt in het verleden."), field="review_on")
    plan = _plan(access)
    plan.vt_conditions, plan.review_on = vt_conditions.strip(), review_on
    save_versioned(plan, expected_version=expected_version, fields=["vt_conditions", "review_on"])
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
    is_protective: bool | None = None  # None: not stated, the rule's suggestion decides
    audience_ids: tuple[int, ...] = ()  # empty: the persons the agreement names (rules.default_audience)

    def texts(self) -> list[str]:
        return [self.who, self.what, self.where, self.network]


@dataclass(frozen=True)
class _Checked:
    is_protective: bool
    audience_ids: list[int]


def _check_entry(*, actor: Actor, access: CaseAccess, entry: AgreementEntry) -> _Checked:
    """The agreement's own rules and its audience; ticking a perpetrator for a protective agreement is refused and
    logged as denied (outside the write's transaction, so the denied row is kept)."""
    _require_open(access)
    if entry.kind not in AgreementKind.values:
        raise DomainError(_("Kies directe of duurzame veiligheid."), field="kind")
    if not entry.who.strip() or not entry.what.strip():
        raise DomainError(_("Een afspraak zegt wie wat doet en wanneer."), field="what")
    if due_before_case_existed(due_on=entry.due_on, opened_at=access.case.opened_at):
        raise DomainError(_("Deze datum ligt vóór de start van deze casus."), field="due_on")
    persons = dict(access.case.household.persons.values_list("pk", "first_name"))
    if not set(entry.audience_ids) <= set(persons):
        raise DomainError(_("Kies personen uit dit huishouden."), field="audience")
    is_protective = rules.looks_protective(*entry.texts()) if entry.is_protective is None else entry.is_protective
    perpetrators = list(access.case.participants.filter(role=ParticipantRole.SUSPECTED_PERPETRATOR)
                        .values_list("person_id", flat=True))
    refused = rules.refused_audience(is_protective=is_protective, audience_ids=list(entry.audience_ids),
                                     perpetrator_ids=perpetrators)
    if refused:
        access_log_write(actor=actor, event="safety.agreement_audience_denied", action=Action.UPDATE,
                         outcome=Outcome.DENIED, case=access.case, section=SECTION,
                         is_emergency=access.is_emergency, auth_rule=access.grant)
        raise DomainError(_("Een beschermende afspraak is nooit zichtbaar voor een (vermoedelijke) pleger. Haal het "
                            "vinkje weg bij: %(names)s.") % {"names": ", ".join(persons[pk] for pk in refused)},
                          field="audience")
    audience = sorted(set(entry.audience_ids)) or rules.default_audience(
        is_protective=is_protective, named_ids=rules.named_person_ids(entry.texts(), persons),
        household_ids=list(persons), protected_ids=safe_place_person_ids(access.case), perpetrator_ids=perpetrators)
    if not audience and is_protective:
        raise DomainError(_("Vink aan voor wie deze beschermende afspraak is: hij noemt niemand uit het huishouden "
                            "bij naam en er staat geen slachtoffer of kind bij deze casus."), field="audience")
    return _Checked(is_protective=is_protective, audience_ids=audience)


def _back_to_draft(plan: SafetyPlan) -> None:
    """A changed plan goes back to draft: "afgesproken" always means agreed to what is written now."""
    SafetyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT, agreed_at=None, agreed_by=None)


def safety_agreement_add(*, actor: Actor, access: CaseAccess, entry: AgreementEntry) -> Agreement:
    """Add one SMART agreement for its audience: who, what and when are required, a protective agreement is refused
    for a (suspected) perpetrator; a changed plan goes back to draft."""
    checked = _check_entry(actor=actor, access=access, entry=entry)
    return _agreement_add(actor=actor, access=access, entry=entry, checked=checked)


@transaction.atomic
def _agreement_add(*, actor: Actor, access: CaseAccess, entry: AgreementEntry, checked: _Checked) -> Agreement:
    plan = _plan(access)
    agreement = Agreement.objects.create(plan=plan, kind=entry.kind, who=entry.who.strip(), what=entry.what.strip(),
                                         due_on=entry.due_on, where=entry.where.strip(),
                                         network=entry.network.strip(), is_protective=checked.is_protective,
                                         created_by=actor.user)
    agreement.audience.set(checked.audience_ids)
    _back_to_draft(plan)
    _record(actor=actor, access=access, event="safety.agreement_added", action=Action.CREATE)
    return agreement


def safety_agreement_update(*, actor: Actor, access: CaseAccess, agreement_id: int, expected_version: int,
                            entry: AgreementEntry) -> Agreement:
    """Change one agreement and its audience, refusing if someone saved it since `expected_version`; the same
    audience rules as adding; a changed plan goes back to draft."""
    checked = _check_entry(actor=actor, access=access, entry=entry)
    return _agreement_update(actor=actor, access=access, agreement_id=agreement_id,
                             expected_version=expected_version, entry=entry, checked=checked)


@transaction.atomic
def _agreement_update(*, actor: Actor, access: CaseAccess, agreement_id: int, expected_version: int,
                      entry: AgreementEntry, checked: _Checked) -> Agreement:
    agreement = Agreement.objects.select_for_update().filter(plan__case=access.case, pk=agreement_id).first() \
        if parse_id(agreement_id) else None
    if agreement is None:
        raise DomainError(_("Kies een afspraak uit dit veiligheidsplan."), field="agreement")
    agreement.kind, agreement.who, agreement.what = entry.kind, entry.who.strip(), entry.what.strip()
    agreement.due_on, agreement.where, agreement.network = entry.due_on, entry.where.strip(), entry.network.strip()
    agreement.is_protective = checked.is_protective
    save_versioned(agreement, expected_version=expected_version,
                   fields=["kind", "who", "what", "due_on", "where", "network", "is_protective"])
    agreement.audience.set(checked.audience_ids)
    _back_to_draft(agreement.plan)
    _record(actor=actor, access=access, event="safety.agreement_updated")
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
def safe_place_set(*, actor: Actor, access: CaseAccess, person_id: int, expected_version: int,
                   answer: str) -> SafePlace:
    """Record a victim's or child's answer to "Waar kan je heen als het opnieuw gebeurt?" (replaces an earlier
    answer), refusing if someone recorded one since `expected_version` (0: no answer had been recorded)."""
    _require_open(access)
    if person_id not in safe_place_person_ids(access.case):
        raise DomainError(_("Kies een slachtoffer of kind uit deze casus."), field="person")
    if not answer.strip():
        raise DomainError(_("Schrijf op waar deze persoon heen kan als het opnieuw gebeurt."), field="answer")
    plan = _plan(access)
    values = {"answer": answer.strip(), "recorded_by": actor.user, "recorded_at": timezone.now()}
    place = save_or_create_versioned(SafePlace, lookup={"plan": plan, "person_id": person_id}, values=values,
                                     expected_version=expected_version, none_version=NO_ANSWER_VERSION)
    _record(actor=actor, access=access, event="safety.safe_place_recorded")
    return place


@transaction.atomic
def safety_plan_agree(*, actor: Actor, access: CaseAccess) -> SafetyPlan:
    """Mark the plan as agreed; refused until it has an agreement and every victim and child has a safe place."""
    _require_open(access)
    plan = _plan(access)
    answers = dict(plan.safe_places.values_list("person_id", "answer"))
    missing = rules.plan_missing(agreement_count=plan.agreements.count(),
                                 victim_ids=safe_place_person_ids(access.case), answers=answers)
    if "agreements" in missing:
        raise DomainError(_("Leg eerst ten minste één afspraak vast."))
    if "safe_places" in missing:
        raise DomainError(_("Vul voor elk slachtoffer in waar diegene heen kan als het opnieuw gebeurt, ook voor "
                            "elk kind."))
    plan.status, plan.agreed_at, plan.agreed_by = PlanStatus.AGREED, timezone.now(), actor.user
    plan.save(update_fields=["status", "agreed_at", "agreed_by"])
    _record(actor=actor, access=access, event="safety.plan_agreed")
    return plan
