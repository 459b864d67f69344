"""Every change to team profiles, training, the Veilig Thuis agreements, the self-scan and the reflection: checks the
rule, writes, and records the access-log row in one transaction."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.accounts.models import Membership, Team
from wijkveilig.areas.models import Municipality
from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.core.errors import DomainError
from wijkveilig.core.models import save_or_create_versioned, save_versioned
from wijkveilig.teams import policy, reflection, selfscan
from wijkveilig.teams.models import (
    Course,
    Discipline,
    ExtraTask,
    MemberProfile,
    ReflectionParticipation,
    ReflectionRound,
    ReflectionTally,
    Scenario,
    SelfScan,
    SelfScanAnswer,
    SelfScanStatement,
    TrainingLevel,
    TrainingRecord,
    VtAgreement,
)

SECTION = "team"
NO_AGREEMENT_VERSION = 0  # a municipality without agreements yet: the first writer sends version 0


def _log_write(actor: Actor, event: str, action: str = Action.UPDATE, rule: str = "team") -> None:
    access_log_write(actor=actor, event=event, action=action, section=SECTION, auth_rule=rule)


def _require(allowed: bool) -> None:
    if not allowed:
        raise DomainError(_("U mag dit niet wijzigen."))


def _require_team_manager(actor: Actor, team_id: int) -> None:
    _require(policy.can_manage_team(actor.user) and actor.user.memberships.filter(team_id=team_id).exists())


@dataclass(frozen=True)
class ProfileIn:
    discipline: str
    has_dv_expertise: bool
    duo_partner_id: int | None
    absent_until: date | None
    max_open_cases: int


def profile_for(membership: Membership) -> MemberProfile:
    """The member's profile; a member without one shows an unsaved profile at version 1 (decision 0018)."""
    return getattr(membership, "profile", None) or MemberProfile(membership=membership)


@transaction.atomic
def member_profile_update(*, actor: Actor, membership: Membership, expected_version: int,
                          values: ProfileIn) -> MemberProfile:
    """Save a member's discipline, expertise, duo partner and availability; refused on a stale version."""
    _require_team_manager(actor, membership.team_id)
    if values.discipline and values.discipline not in Discipline.values:
        raise DomainError(_("Kies een discipline uit de lijst."), field="discipline")
    if values.duo_partner_id is not None and (
            values.duo_partner_id == membership.pk
            or not Membership.objects.filter(pk=values.duo_partner_id, team_id=membership.team_id).exists()):
        raise DomainError(_("Kies als duopartner een ander lid van dit team."), field="duo_partner")
    profile = MemberProfile.objects.filter(membership=membership).first()
    if profile is None:
        blank = MemberProfile(membership=membership)
        given = (values.discipline, values.duo_partner_id, values.absent_until, values.max_open_cases)
        if given == (blank.discipline, blank.duo_partner_id, blank.absent_until, blank.max_open_cases) \
                and values.has_dv_expertise == membership.has_dv_expertise:
            return blank  # an untouched form: nothing to record, no empty profile row
        profile, _created = MemberProfile.objects.get_or_create(membership=membership)  # a racing writer's row too
    profile.discipline, profile.duo_partner_id = values.discipline, values.duo_partner_id
    profile.absent_until, profile.max_open_cases = values.absent_until, values.max_open_cases
    save_versioned(profile, expected_version=expected_version,
                   fields=["discipline", "duo_partner", "absent_until", "max_open_cases"])
    Membership.objects.filter(pk=membership.pk).update(has_dv_expertise=values.has_dv_expertise)
    _log_write(actor, "team.member_profile_updated")
    return profile


@transaction.atomic
def training_add(*, actor: Actor, membership: Membership, course: str, level: str, completed_on: date,
                 valid_until: date | None) -> TrainingRecord:
    """Record a finished training of a member of the coordinator's team."""
    _require_team_manager(actor, membership.team_id)
    if course not in Course.values or level not in TrainingLevel.values:
        raise DomainError(_("Kies een training en een niveau uit de lijst."), field="course")
    if completed_on > timezone.localdate():
        raise DomainError(_("Een training die nog moet komen kunt u nog niet vastleggen."), field="completed_on")
    if valid_until is not None and valid_until < completed_on:
        raise DomainError(_("Geldig tot moet na de datum van de training liggen."), field="valid_until")
    record = TrainingRecord.objects.create(membership=membership, course=course, level=level,
                                           completed_on=completed_on, valid_until=valid_until)
    _log_write(actor, "team.training_recorded", Action.CREATE)
    return record


@dataclass(frozen=True)
class AgreementIn:
    scenario: str
    regional_agreements: str
    agreed_on: date | None
    extra_tasks: tuple[str, ...]
    extra_tasks_other: str


def agreement_for(municipality: Municipality) -> VtAgreement | None:
    return VtAgreement.objects.filter(municipality=municipality).first()


@transaction.atomic
def vt_agreement_set(*, actor: Actor, municipality: Municipality, expected_version: int,
                     values: AgreementIn) -> VtAgreement:
    """Record the municipality's scenario and agreements with Veilig Thuis (version 0: none recorded yet)."""
    _require(policy.can_edit_vt_agreement(actor.user) and policy.may_open_municipality(actor.user, municipality.pk))
    if values.scenario not in Scenario.values:
        raise DomainError(_("Kies een van de drie samenwerkingsscenario's."), field="scenario")
    if set(values.extra_tasks) - set(ExtraTask.values):
        raise DomainError(_("Kies bovenwettelijke taken uit de lijst."), field="extra_tasks")
    if values.agreed_on is not None and values.agreed_on > timezone.localdate():
        raise DomainError(_("De afspraken kunnen niet in de toekomst zijn vastgesteld."), field="agreed_on")
    fields = {"scenario": values.scenario, "regional_agreements": values.regional_agreements.strip(),
              "agreed_on": values.agreed_on, "extra_tasks": sorted(values.extra_tasks),
              "extra_tasks_other": values.extra_tasks_other.strip()}
    agreement = save_or_create_versioned(VtAgreement, lookup={"municipality": municipality}, values=fields,
                                         expected_version=expected_version, none_version=NO_AGREEMENT_VERSION)
    _log_write(actor, "team.vt_agreement_updated", rule="municipality")
    return agreement


def self_scan_for(municipality: Municipality, year: int) -> SelfScan:
    """The year's scan; a year not yet filled in shows an unsaved scan at version 1."""
    return SelfScan.objects.filter(municipality=municipality, year=year).first() or SelfScan(
        municipality=municipality, year=year)


@transaction.atomic
def self_scan_save(*, actor: Actor, municipality: Municipality, year: int, expected_version: int,
                   answers: dict[int, selfscan.AnswerIn]) -> SelfScan:
    """Save the year's answers together; each scored statement carries evidence, a low score an action point."""
    _require(policy.can_fill_self_scan(actor.user) and policy.may_open_municipality(actor.user, municipality.pk))
    if not 2019 <= year <= timezone.localdate().year:  # the Kwaliteitskader dates from November 2019
        raise DomainError(_("Een zelfscan kan alleen over 2019 tot en met dit jaar gaan."))
    statements = set(SelfScanStatement.objects.filter(is_active=True).values_list("pk", flat=True))
    if set(answers) - statements:
        raise DomainError(_("De lijst met stellingen is intussen gewijzigd; laad de pagina opnieuw."))
    for statement_id, answer in answers.items():
        if problems := selfscan.answer_problems(answer):
            raise DomainError(next(iter(problems.values())), field=f"s{statement_id}_{next(iter(problems))}")
    scan, _created = SelfScan.objects.get_or_create(municipality=municipality, year=year)
    save_versioned(scan, expected_version=expected_version, fields=[])
    for statement_id, answer in answers.items():
        SelfScanAnswer.objects.update_or_create(scan=scan, statement_id=statement_id, defaults={
            "score": answer.score, "evidence": answer.evidence.strip(), "action": answer.action.strip(),
            "action_owner": answer.action_owner.strip(), "action_due_on": answer.action_due_on})
    _log_write(actor, "team.self_scan_saved", rule="municipality")
    return scan


def open_round(team: Team) -> ReflectionRound | None:
    return ReflectionRound.objects.filter(team=team, closed_on__isnull=True).first()


@transaction.atomic
def reflection_round_open(*, actor: Actor, team: Team) -> ReflectionRound:
    """Open a new round; every counter exists from the start, so no row's creation tells when someone answered."""
    _require_team_manager(actor, team.pk)
    if open_round(team) is not None:
        raise DomainError(_("Er loopt al een ronde; sluit die eerst."))
    try:
        with transaction.atomic():
            round_ = ReflectionRound.objects.create(team=team, opened_on=timezone.localdate())
    except IntegrityError:
        raise DomainError(_("Er loopt al een ronde; sluit die eerst.")) from None
    ReflectionTally.objects.bulk_create(
        ReflectionTally(round=round_, statement=number, answer=code)
        for number in range(1, len(reflection.STATEMENTS) + 1) for code in reflection.ANSWER_CODES)
    _log_write(actor, "team.reflection_opened", Action.CREATE)
    return round_


@transaction.atomic
def reflection_round_close(*, actor: Actor, team: Team) -> ReflectionRound:
    """Close the open round: only now do its (rounded) results show."""
    _require_team_manager(actor, team.pk)
    round_ = open_round(team)
    if round_ is None:
        raise DomainError(_("Er loopt geen ronde."))
    ReflectionRound.objects.filter(pk=round_.pk).update(closed_on=timezone.localdate())
    _log_write(actor, "team.reflection_closed")
    return round_


@transaction.atomic
def reflection_answer(*, actor: Actor, team: Team, answers: dict[int, str]) -> ReflectionRound:
    """Count one member's answers in the team's open round, once; the answers are not stored with the person."""
    _require(policy.can_answer_reflection(actor.user) and actor.user.memberships.filter(team=team).exists())
    round_ = open_round(team)
    if round_ is None:
        raise DomainError(_("Er loopt op dit moment geen ronde in uw team."))
    expected = set(range(1, len(reflection.STATEMENTS) + 1))
    if set(answers) != expected or not set(answers.values()) <= set(reflection.ANSWER_CODES):
        raise DomainError(_("Beantwoord alle tien stellingen."))
    try:
        with transaction.atomic():
            ReflectionParticipation.objects.create(round=round_, user=actor.user)
    except IntegrityError:
        raise DomainError(_("U heeft in deze ronde al meegedaan.")) from None
    for number, code in answers.items():
        ReflectionTally.objects.filter(round=round_, statement=number, answer=code).update(count=F("count") + 1)
    ReflectionRound.objects.filter(pk=round_.pk).update(respondents=F("respondents") + 1)
    _log_write(actor, "team.reflection_answered", Action.CREATE)
    return round_
