"""Every assessment write: checks the input, saves, adds the timeline line and the log row in one transaction."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.assessment import balansmodel, danger_statement, zrm
from wijkveilig.assessment.conversation import QUESTIONS
from wijkveilig.assessment.models import (
    BalanceAssessment,
    BalanceFactor,
    DangerStatement,
    SafetyMapping,
    SafetyParty,
    SafetyScale,
    ZrmAssessment,
    ZrmScore,
)
from wijkveilig.audit.services import Action, Actor
from wijkveilig.cases import changes
from wijkveilig.cases import services as case_services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Note, NoteKind, StatementKind
from wijkveilig.core.errors import DomainError

SECTION = "assessment"
MAX_DANGER_STATEMENTS = 3  # Signs of Safety: usually no more than about three


_require_open = changes.require_open


_record = partial(changes.record, section=SECTION, action=Action.CREATE)


@transaction.atomic
def balance_assess(*, actor: Actor, access: CaseAccess, factors: dict[str, str]) -> BalanceAssessment:
    """Record a Balansmodel assessment: `factors` maps each ticked factor code to its note (may be empty)."""
    _require_open(access)
    unknown = [code for code in factors if code not in balansmodel.BY_CODE]
    if unknown:
        raise DomainError(_("Onbekende factor in het Balansmodel."), field="factors")
    if not factors:
        raise DomainError(_("Vink ten minste één risicofactor of beschermende factor aan."), field="factors")
    assessment = BalanceAssessment.objects.create(case=access.case, assessed_by=actor.user)
    BalanceFactor.objects.bulk_create(BalanceFactor(assessment=assessment, code=code, note=note.strip())
                                      for code, note in factors.items())
    _record(actor=actor, access=access, event="assessment.balance_recorded")
    return assessment


@dataclass(frozen=True)
class ZrmEntry:
    score: int
    note: str = ""


@transaction.atomic
def zrm_assess(*, actor: Actor, access: CaseAccess, person_id: int, information_on: date,
               scores: dict[str, ZrmEntry]) -> ZrmAssessment:
    """Record a ZRM 2017 scoring of one person of the case; every one of the 13 domains needs a score 1-5."""
    _require_open(access)
    person = access.case.household.persons.filter(pk=person_id).first()
    if person is None:
        raise DomainError(_("Kies een persoon uit dit huishouden."), field="person")
    if information_on > timezone.localdate():
        raise DomainError(_("De datum van de informatie ligt in de toekomst."), field="information_on")
    missing = [code for code in zrm.DOMAIN_CODES if code not in scores]
    if missing or set(scores) - set(zrm.DOMAIN_CODES):
        raise DomainError(_("Geef voor elk van de 13 domeinen een score."), field="scores")
    if any(entry.score not in zrm.SCORE_LABELS for entry in scores.values()):
        raise DomainError(_("Een score is 1 tot en met 5."), field="scores")
    assessment = ZrmAssessment.objects.create(case=access.case, person=person, information_on=information_on,
                                              assessed_by=actor.user)
    ZrmScore.objects.bulk_create(ZrmScore(assessment=assessment, domain=code, score=scores[code].score,
                                          note=scores[code].note.strip()) for code in zrm.DOMAIN_CODES)
    _record(actor=actor, access=access, event="assessment.zrm_recorded")
    return assessment


@dataclass(frozen=True)
class DangerEntry:
    who_worried: str
    behaviour: str
    consequence: str
    safety_goal: str
    statement: str = ""  # the sentence as the worker edited it; empty: composed from the parts


@dataclass(frozen=True)
class ScaleEntry:
    party: str
    score: int
    person_id: int | None = None


def _check_dangers(dangers: list[DangerEntry]) -> None:
    if len(dangers) > MAX_DANGER_STATEMENTS:
        raise DomainError(_("Houd het bij hoogstens drie gevarenuitspraken."), field="dangers")
    for danger in dangers:
        parts = (danger.who_worried, danger.behaviour, danger.consequence, danger.safety_goal)
        if not all(part.strip() for part in parts):
            raise DomainError(_("Een gevarenuitspraak noemt wie zich zorgen maakt, over welk gedrag, wat er kan "
                                "gebeuren als er niets verandert, en het veiligheidsdoel dat erbij hoort."),
                              field="dangers")


def _check_scales(access: CaseAccess, scales: list[ScaleEntry]) -> None:
    persons = set(access.case.household.persons.values_list("pk", flat=True))
    seen = set()
    for scale in scales:
        if scale.party not in SafetyParty.values or not 0 <= scale.score <= 10:
            raise DomainError(_("Een schaalscore is 0 tot en met 10, per partij."), field="scales")
        if scale.person_id is not None and scale.person_id not in persons:
            raise DomainError(_("Kies een persoon uit dit huishouden."), field="scales")
        key = (scale.party, scale.person_id)
        if key in seen:
            raise DomainError(_("Elke partij geeft één score."), field="scales")
        seen.add(key)


@transaction.atomic
def safety_mapping_record(*, actor: Actor, access: CaseAccess, harm: str = "", complicating_factors: str = "",
                          strengths: str = "", existing_safety: str = "", next_steps: str = "",
                          dangers: list[DangerEntry], scales: list[ScaleEntry]) -> SafetyMapping:
    """Record a Signs of Safety mapping with its danger statements (each with a safety goal) and safety scales."""
    _require_open(access)
    _check_dangers(dangers)
    _check_scales(access, scales)
    texts = (harm, complicating_factors, strengths, existing_safety, next_steps)
    if not dangers and not scales and not any(text.strip() for text in texts):
        raise DomainError(_("Vul ten minste één onderdeel van de mapping in."))
    mapping = SafetyMapping.objects.create(
        case=access.case, harm=harm.strip(), complicating_factors=complicating_factors.strip(),
        strengths=strengths.strip(), existing_safety=existing_safety.strip(), next_steps=next_steps.strip(),
        recorded_by=actor.user)
    DangerStatement.objects.bulk_create(
        DangerStatement(mapping=mapping, position=i, who_worried=d.who_worried.strip(), behaviour=d.behaviour.strip(),
                        consequence=d.consequence.strip(), safety_goal=d.safety_goal.strip(),
                        statement=" ".join(d.statement.split()) or danger_statement.compose(
                            who_worried=d.who_worried, behaviour=d.behaviour, consequence=d.consequence))
        for i, d in enumerate(dangers, start=1))
    SafetyScale.objects.bulk_create(SafetyScale(mapping=mapping, party=s.party, person_id=s.person_id, score=s.score)
                                    for s in scales)
    _record(actor=actor, access=access, event="assessment.safety_mapping_recorded")
    return mapping


def conversation_answer_record(*, actor: Actor, access: CaseAccess, question: str, answer: str,
                               statement_kind: str = StatementKind.OPINION) -> Note:
    """Record the answer to a guide question as a case note (question and answer in its text)."""
    if question not in QUESTIONS:
        raise DomainError(_("Kies een vraag uit de gespreksleidraad."), field="question")
    if not answer.strip():
        raise DomainError(_("Schrijf het antwoord op."), field="answer")
    body = f"{QUESTIONS[question]}\n{answer.strip()}"
    return case_services.note_add(actor=actor, access=access, kind=NoteKind.NOTE, statement_kind=statement_kind,
                                  occurred_at=timezone.now(), body=body)
