"""Every change to a Meldcode route: checks the rule, writes, adds the timeline line and the log row in one
transaction."""

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkveilig.audit.services import Action, Actor, guard
from wijkveilig.cases import changes
from wijkveilig.cases import services as case_services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.minors import has_minors
from wijkveilig.cases.models import CaseStatus, Note, NoteKind
from wijkveilig.core.errors import DomainError, require_all
from wijkveilig.core.errors import require as _require
from wijkveilig.meldcode import afwegingskader, policy, weighing
from wijkveilig.meldcode.afwegingskader import Outcome, Question
from wijkveilig.meldcode.deadlines import feedback_due_on
from wijkveilig.meldcode.models import (
    AcuteDanger,
    Complexity,
    ConsultationKind,
    DecisionAnswer,
    DecisionConfirmation,
    FeedbackMoment,
    FinalResponsibility,
    Kindcheck,
    MeldcodeRoute,
    MeldcodeSetting,
    MinorsAnswer,
    ReturningViolence,
    RiskSituation,
    RouteConsultation,
    RouteConversation,
    RouteSignal,
    RouteStatus,
    RouteWeighing,
    Severity,
    SkipReason,
    StepAction,
    StepEvent,
    VtAnswerKind,
    VtDecision,
    VtFeedback,
    VtReport,
    VtRouteAnswer,
)
from wijkveilig.meldcode.report import report_content
from wijkveilig.meldcode.state import RouteState, route_state
from wijkveilig.meldcode.steps import Blocker, Step, completion_blockers, reopen
from wijkveilig.meldcode.weighing_selectors import complexity_suggestion, complexity_text

BLOCKER_MESSAGES = {
    Blocker.EARLIER_STEP_OPEN: gettext_lazy("Rond eerst de vorige stap af. Stappen overslaan kan niet."),
    Blocker.ALREADY_COMPLETED: gettext_lazy("Deze stap is al afgerond."),
    Blocker.NO_SIGNALS: gettext_lazy("Leg minstens één signaal vast (dat het vermoeden ondersteunt of ontkracht)."),
    Blocker.KINDCHECK_OPEN: gettext_lazy("Kindcheck: beantwoord eerst of er minderjarigen in het huishouden wonen "
                                         "of erbij horen."),
    Blocker.KINDCHECK_MISSING: gettext_lazy("Kindcheck: in dit huishouden staan minderjarigen. Doe de kindcheck "
                                            "(wie zorgt voor de kinderen, waar verblijven ze overdag) of leg vast "
                                            "waarom die niet van toepassing is."),
    Blocker.NO_CONSULTATION: gettext_lazy("Leg vast met wie u heeft overlegd, wat en wanneer."),
    Blocker.NO_CONVERSATION: gettext_lazy("Leg het gesprek met de cliënt vast, of waarom het niet is gevoerd."),
    Blocker.NO_WEIGHING: gettext_lazy("Leg de weging vast: aard, ernst en risico."),
    Blocker.DOUBT_WITHOUT_VT: gettext_lazy("Bij twijfel altijd Veilig Thuis raadplegen: leg eerst die raadpleging "
                                           "vast."),
    Blocker.DECISION_OPEN: gettext_lazy("Beantwoord de vragen van het afwegingskader tot er een uitkomst is."),
}


def _log(actor: Actor, access: CaseAccess, event: str, action: str = Action.UPDATE) -> None:
    changes.log_change(actor=actor, access=access, event=event, action=action, section="meldcode")


def _timeline(actor: Actor, access: CaseAccess, event: str, detail: str = "") -> None:
    changes.timeline(actor=actor, case=access.case, event=event, detail=detail)


def _active_route(access: CaseAccess, route_id: int) -> MeldcodeRoute:
    route = MeldcodeRoute.objects.select_for_update().filter(pk=route_id, case=access.case).first()
    if route is None:
        raise DomainError(_("Deze Meldcode-route hoort niet bij deze casus."))
    if route.status != RouteStatus.ACTIVE:
        raise DomainError(_("Deze Meldcode-route is afgesloten."))
    return route


def _require_step_open(state: RouteState, step: Step) -> None:
    """Recording belongs to the current step or an earlier one reopened; later steps wait their turn."""
    current = state.current_step
    if current is None or step > current:
        raise DomainError(_("Deze stap is nog niet aan de beurt. Rond eerst de vorige stappen af."))


@transaction.atomic
def route_start(*, actor: Actor, access: CaseAccess) -> MeldcodeRoute:
    """Start the Meldcode route on an open case (one active route per case)."""
    _require(access.case.status == CaseStatus.OPEN, _("Deze casus is gesloten."))
    if access.case.meldcode_routes.filter(status=RouteStatus.ACTIVE).exists():
        raise DomainError(_("Er loopt al een Meldcode-route voor deze casus."))
    route = MeldcodeRoute.objects.create(case=access.case, started_by=actor.user)
    _timeline(actor, access, "meldcode.started")
    _log(actor, access, "meldcode.started", Action.CREATE)
    return route


@transaction.atomic
def signal_link(*, actor: Actor, access: CaseAccess, route_id: int, note_id: int,
                supports_suspicion: bool) -> RouteSignal:
    """Step 1: put an existing signal of this case on the route, as supporting or refuting the suspicion."""
    route = _active_route(access, route_id)
    _require_step_open(route_state(route), Step.SIGNALS)
    note = Note.objects.filter(pk=note_id, case=access.case, kind=NoteKind.SIGNAL).first()
    _require(note is not None, _("Kies een signaal uit deze casus."), "note")
    signal, created = RouteSignal.objects.get_or_create(
        route=route, note=note, defaults={"supports_suspicion": supports_suspicion, "linked_by": actor.user})
    _require(created, _("Dit signaal staat al in stap 1."), "note")
    _log(actor, access, "meldcode.signal_linked")
    return signal


def signal_add(*, actor: Actor, access: CaseAccess, route_id: int, supports_suspicion: bool,
               **note_fields) -> RouteSignal:
    """Step 1: record a new signal on the case and link it to the route (one transaction)."""
    with transaction.atomic():
        note = case_services.note_add(actor=actor, access=access, kind=NoteKind.SIGNAL, **note_fields)
        return signal_link(actor=actor, access=access, route_id=route_id, note_id=note.pk,
                           supports_suspicion=supports_suspicion)


def _check_kindcheck(access: CaseAccess, *, in_route: bool, risk_situations: list[str], minors: str,
                     action_taken: str, not_applicable_reason: str) -> None:
    _require(all(r in RiskSituation.values for r in risk_situations), _("Onbekende risicosituatie."), "risk_situations")
    _require(not minors or minors in MinorsAnswer.values, _("Kies een antwoord over minderjarigen."), "minors")
    # In a route a risk situation may be recorded before the minors question is answered; step 1 then stays
    # blocked. Outside a route the kindcheck is only done with an answer.
    _require(bool(minors) or (in_route and bool(risk_situations)),
             _("Beantwoord of er minderjarigen in het huishouden wonen of erbij horen (ook kinderen van een partner, "
               "of een zwangerschap)."), "minors")
    _require(minors != MinorsAnswer.NO or not has_minors(access.case.pk, today=timezone.localdate()),
             _("In dit huishouden staan minderjarigen. Kies 'ja', of 'niet van toepassing' met de reden (bijvoorbeeld: "
               "de kinderen wonen er niet en er is geen contact)."), "minors")
    _require(minors != MinorsAnswer.NOT_APPLICABLE or bool(not_applicable_reason.strip()),
             _("Leg vast waarom de kindcheck niet van toepassing is."), "not_applicable_reason")
    _require(minors != MinorsAnswer.YES or bool(action_taken.strip()),
             _("Leg vast wat u heeft gedaan voor de kinderen."), "action_taken")


@transaction.atomic
def kindcheck_record(*, actor: Actor, access: CaseAccess, route_id: int | None = None, risk_situations: list[str],
                     minors: str, includes_partner_children: bool = False, pregnancy: bool = False,
                     where_children_stay: str = "", action_taken: str = "",
                     not_applicable_reason: str = "") -> Kindcheck:
    """The kindcheck, in step 1 of a route (`route_id`) or on the case outside a route. "No minors" is refused while
    minors are registered; "niet van toepassing" needs its reason."""
    route = None
    if route_id is not None:
        route = _active_route(access, route_id)
        _require_step_open(route_state(route), Step.SIGNALS)
    else:
        _require(access.case.status == CaseStatus.OPEN, _("Deze casus is gesloten."))
    _check_kindcheck(access, in_route=route is not None, risk_situations=risk_situations, minors=minors,
                     action_taken=action_taken, not_applicable_reason=not_applicable_reason)
    kindcheck = Kindcheck.objects.create(
        case=access.case, route=route, risk_situations=sorted(set(risk_situations)), minors=minors,
        not_applicable_reason=not_applicable_reason.strip() if minors == MinorsAnswer.NOT_APPLICABLE else "",
        pregnancy=pregnancy, includes_partner_children=includes_partner_children,
        where_children_stay=where_children_stay, action_taken=action_taken, recorded_by=actor.user)
    _timeline(actor, access, "meldcode.kindcheck", minors)
    _log(actor, access, "meldcode.kindcheck_recorded", Action.CREATE)
    return kindcheck


@transaction.atomic
def consultation_record(*, actor: Actor, access: CaseAccess, route_id: int, kind: str, with_whom: str,
                        consulted_on: date, topic: str, advice: str,
                        specialist_id: int | None = None) -> RouteConsultation:
    """With whom, what, when, and the advice given: step 2 needs one, and any moment of an active route allows one.

    "Ook als je beslist dat melden niet nodig is, kun je met Veilig Thuis overleggen" (decision record 0011).
    """
    route = _active_route(access, route_id)
    _require(kind in ConsultationKind.values, _("Kies met wie u overlegde."), "kind")
    _require(consulted_on <= timezone.localdate(), _("De datum ligt in de toekomst."), "consulted_on")
    require_all((bool(topic.strip()), _("Vul in wat u heeft besproken."), "topic"),
                (bool(advice.strip()), _("Vul in welk advies u kreeg."), "advice"))
    specialist = None
    if kind == ConsultationKind.SPECIALIST:
        consultation = case_services.specialist_consult(actor=actor, access=access, specialist_id=specialist_id or 0,
                                                        question=topic)
        specialist = consultation.specialist
        with_whom = with_whom or specialist.get_full_name() or specialist.get_username()
    _require(bool(with_whom.strip()), _("Vul in met wie u overlegde."), "with_whom")
    record = RouteConsultation.objects.create(route=route, kind=kind, with_whom=with_whom, specialist=specialist,
                                              consulted_on=consulted_on, topic=topic, advice=advice,
                                              recorded_by=actor.user)
    _timeline(actor, access, "meldcode.consulted", kind)
    _log(actor, access, "meldcode.consultation_recorded", Action.CREATE)
    return record


@transaction.atomic
def conversation_record(*, actor: Actor, access: CaseAccess, route_id: int, held: bool, held_on: date | None = None,
                        with_whom: str = "", facts_presented: str = "", reaction: str = "", skip_reason: str = "",
                        skip_explanation: str = "") -> RouteConversation:
    """Step 3: the conversation (facts presented, reaction), or the reason it was skipped."""
    route = _active_route(access, route_id)
    _require_step_open(route_state(route), Step.CONVERSATION)
    if held:
        require_all((held_on is not None, _("Vul de datum van het gesprek in."), "held_on"),
                    (held_on is None or held_on <= timezone.localdate(),
                     _("De datum van het gesprek ligt in de toekomst."), "held_on"),
                    (bool(facts_presented.strip()), _("Vul in welke feiten u heeft voorgelegd."), "facts_presented"),
                    (bool(reaction.strip()), _("Vul de reactie van de cliënt in."), "reaction"))
        skip_reason, skip_explanation = "", ""
    else:
        require_all((skip_reason in SkipReason.values, _("Kies waarom het gesprek niet wordt gevoerd."), "skip_reason"),
                    (bool(skip_explanation.strip()), _("Licht toe waarom het gesprek niet wordt gevoerd."),
                     "skip_explanation"))
    record = RouteConversation.objects.create(
        route=route, held=held, held_on=held_on if held else None, with_whom=with_whom, facts_presented=facts_presented,
        reaction=reaction, skip_reason=skip_reason, skip_explanation=skip_explanation, recorded_by=actor.user)
    _timeline(actor, access, "meldcode.conversation", "held" if held else skip_reason)
    _log(actor, access, "meldcode.conversation_recorded", Action.CREATE)
    return record


@transaction.atomic
def weighing_record(*, actor: Actor, access: CaseAccess, route_id: int, nature: str, severity: str, risk: str,
                    is_in_doubt: bool, threatened_person_ids: Iterable[int] = (), has_great_harm: bool = False,
                    complexity_kinds: Iterable[str] = (), complexity_note: str = "") -> RouteWeighing:
    """Step 4: nature, severity and risk, whether the worker is in doubt, who is threatened, great harm, and the
    complexity kinds; a complexity the case itself shows may be left unticked only with an explanation."""
    route = _active_route(access, route_id)
    _require_step_open(route_state(route), Step.WEIGHING)
    _require(bool(nature.strip()), _("Beschrijf de aard van het geweld."), "nature")
    _require(severity in Severity.values, _("Kies de ernst."), "severity")
    _require(bool(risk.strip()), _("Beschrijf het risico."), "risk")
    person_ids = set(threatened_person_ids)
    persons = list(access.case.household.persons.filter(pk__in=person_ids))
    _require(len(persons) == len(person_ids), _("Kies alleen personen uit dit huishouden."), "threatened_persons")
    kinds = sorted(set(complexity_kinds))
    _require(all(kind in Complexity.values for kind in kinds), _("Onbekende soort complexe situatie."),
             "complexity_kinds")
    left_out = weighing.unexplained_omissions(complexity_suggestion(route), kinds, complexity_note)
    _require(not left_out, _("De casus wijst op: %(kinds)s. Vink dit aan, of licht toe waarom de situatie "
                             "daardoor niet complex is.") % {"kinds": complexity_text(left_out)}, "complexity_note")
    record = RouteWeighing.objects.create(route=route, nature=nature, severity=severity, risk=risk,
                                          is_in_doubt=is_in_doubt, has_great_harm=has_great_harm,
                                          complexity_kinds=kinds, is_complex=weighing.is_complex(kinds),
                                          complexity_note=complexity_note, recorded_by=actor.user)
    record.threatened_persons.set(persons)
    _timeline(actor, access, "meldcode.weighed", "doubt" if is_in_doubt else severity)
    _log(actor, access, "meldcode.weighing_recorded", Action.CREATE)
    return record


def _check_answer_turn(state: RouteState, question: str) -> None:
    if state.decision.next_question is None or state.decision.next_question.value != question:
        raise DomainError(_("Beantwoord de vragen van het afwegingskader in volgorde."), field="question")
    if question == Question.RESULT_ACHIEVED:
        due = state.route.evaluation_on
        _require(due is not None and due <= timezone.localdate(),
                 _("Vraag 5 beantwoordt u op of na de evaluatiedatum."), "question")
    elif state.current_step != Step.DECISION:
        raise DomainError(_("Het afwegingskader hoort bij stap 5. Rond eerst stap 1 tot en met 4 af."),
                          field="question")


@transaction.atomic
def answer_record(*, actor: Actor, access: CaseAccess, route_id: int, question: str, answer: bool, justification: str,
                  evaluation_on: date | None = None) -> afwegingskader.Decision:
    """Step 5: answer the next afwegingskader question with a justification; returns the derived outcome."""
    route = _active_route(access, route_id)
    state = route_state(route)
    _check_answer_turn(state, question)
    _require(len(justification.strip()) >= 5, _("Onderbouw uw antwoord kort."), "justification")
    if question == Question.HELP_ACCEPTED and answer:
        _require(evaluation_on is not None and evaluation_on > timezone.localdate(),
                 _("Stel een evaluatiedatum in de toekomst vast: wanneer moet de hulp veiligheid hebben gebracht?"),
                 "evaluation_on")
        route.evaluation_on = evaluation_on
        route.save(update_fields=["evaluation_on"])
    DecisionAnswer.objects.create(route=route, question=question, answer=answer, justification=justification,
                                  answered_by=actor.user)
    decision = route_state(route).decision
    _timeline(actor, access, "meldcode.answered", f"{question}={'ja' if answer else 'nee'}")
    _log(actor, access, "meldcode.question_answered", Action.CREATE)
    # Question 5 = yes closes the route only with monitoring agreements (monitoring_services); no closing here.
    return decision


def close_route(route: MeldcodeRoute) -> None:
    route.status, route.closed_at = RouteStatus.CLOSED, timezone.now()
    route.save(update_fields=["status", "closed_at"])


def _needs_confirmation(access: CaseAccess) -> bool:
    setting = MeldcodeSetting.objects.filter(municipality_id=access.case.team.municipality_id).first()
    return bool(setting and setting.final_responsibility == FinalResponsibility.COORDINATOR_CONFIRMS)


@transaction.atomic
def step_complete(*, actor: Actor, access: CaseAccess, route_id: int, step: int, note: str = "") -> RouteState:
    """Complete a step; refused with the reasons when the step is not its turn or misses what it needs."""
    route = _active_route(access, route_id)
    state = route_state(route)
    blockers = completion_blockers(Step(step), state.facts)
    if blockers:
        raise DomainError(" ".join(str(BLOCKER_MESSAGES[b]) for b in blockers), field="step")
    if step == Step.DECISION and _needs_confirmation(access):
        confirmed = route.confirmations.filter(outcome=state.decision.outcome.value).exists()
        _require(confirmed, _("Uw organisatie vraagt dat de teamcoördinator de uitkomst van stap 5 bevestigt."), "step")
    StepEvent.objects.create(route=route, step=step, action=StepAction.COMPLETED, by=actor.user, note=note)
    if step == Step.DECISION and state.decision.outcome == Outcome.CLOSE_AND_RECORD:
        close_route(route)
    _timeline(actor, access, "meldcode.step_completed", str(step))
    _log(actor, access, "meldcode.step_completed")
    return route_state(route)


@transaction.atomic
def step_reopen(*, actor: Actor, access: CaseAccess, route_id: int, step: int, reason: str) -> RouteState:
    """Go back to a completed step (and so reopen the later ones); the reason is recorded and visible."""
    route = _active_route(access, route_id)
    state = route_state(route)
    _require(step in Step._value2member_map_, _("Onbekende stap."), "step")
    _require(reopen(Step(step), state.facts.completed) is not None, _("Deze stap is nog niet afgerond."), "step")
    _require(len(reason.strip()) >= 5, _("Geef aan waarom u teruggaat naar deze stap."), "reason")
    StepEvent.objects.create(route=route, step=step, action=StepAction.REOPENED, by=actor.user, note=reason)
    _timeline(actor, access, "meldcode.step_reopened", str(step))
    _log(actor, access, "meldcode.step_reopened")
    return route_state(route)


@guard(lambda actor, access, **_: policy.may_confirm(access, actor.user), "meldcode.confirm_denied",
       section="meldcode")
@transaction.atomic
def decision_confirm(*, actor: Actor, access: CaseAccess, route_id: int) -> DecisionConfirmation:
    """The coordinator confirms the current step-5 outcome (where the organisation requires it)."""
    route = _active_route(access, route_id)
    outcome = route_state(route).decision.outcome
    _require(outcome is not None, _("Er is nog geen uitkomst om te bevestigen."))
    confirmation = DecisionConfirmation.objects.create(route=route, outcome=outcome.value, confirmed_by=actor.user)
    _timeline(actor, access, "meldcode.decision_confirmed", outcome.value)
    _log(actor, access, "meldcode.decision_confirmed", Action.CREATE)
    return confirmation


@transaction.atomic
def acute_danger_record(*, actor: Actor, access: CaseAccess, route_id: int, police_called_at: datetime,
                        called_by: str, note: str = "") -> AcuteDanger:
    """Acute danger: record that 112 was called (when, by whom); a report to Veilig Thuis follows."""
    route = _active_route(access, route_id)
    _require(police_called_at <= timezone.now() + timedelta(minutes=5),
             _("Het tijdstip ligt in de toekomst."), "police_called_at")
    _require(bool(called_by.strip()), _("Vul in wie 112 heeft gebeld."), "called_by")
    record = AcuteDanger.objects.create(route=route, police_called_at=police_called_at, called_by=called_by,
                                        note=note, recorded_by=actor.user)
    _timeline(actor, access, "meldcode.acute_danger")
    _log(actor, access, "meldcode.acute_danger_recorded", Action.CREATE)
    return record


def may_report(state: RouteState) -> bool:
    """A report follows from the afwegingskader (report / report again, not yet sent) or from recorded acute danger."""
    if state.route.acute_dangers.exists():
        return True
    return state.phase == afwegingskader.Phase.REPORT_DUE


def require_informed(*, informed_whom: str, informed_reaction: str, not_informed_reason: str) -> None:
    """Every report to Veilig Thuis records whom the worker informed beforehand and how they reacted, or why no one
    was informed (Meldcode, record duty for step 5; also for a report made from an intake concern)."""
    _require(bool(informed_whom.strip()) or bool(not_informed_reason.strip()),
             _("Vul in wie u vooraf over de melding heeft geïnformeerd, of waarom niet."), "informed_whom")
    _require(not informed_whom.strip() or bool(informed_reaction.strip()),
             _("Vul de reactie in van wie u informeerde."), "informed_reaction")


@transaction.atomic
def vt_report_send(*, actor: Actor, access: CaseAccess, route_id: int, idempotency_key: str, informed_whom: str = "",
                   informed_reaction: str = "", not_informed_reason: str = "") -> VtReport:
    """Register the report to Veilig Thuis once per idempotency key (a double submit returns the same report)."""
    key = idempotency_key.strip()[:64]
    _require(len(key) >= 8, _("Ongeldige formuliersleutel; laad de pagina opnieuw."))
    existing = VtReport.objects.filter(idempotency_key=key, case=access.case).first()
    if existing is not None:
        return existing
    route = _active_route(access, route_id)
    _require(may_report(route_state(route)),
             _("Melden volgt uit het afwegingskader (uitkomst: melden) of uit acuut gevaar."), "route")
    require_informed(informed_whom=informed_whom, informed_reaction=informed_reaction,
                     not_informed_reason=not_informed_reason)
    content = report_content(route, informed_whom=informed_whom, informed_reaction=informed_reaction,
                             not_informed_reason=not_informed_reason, reporter=actor.user)
    sent_at, is_acute = timezone.now(), route.acute_dangers.exists()
    report = VtReport.objects.create(
        case=access.case, route=route, idempotency_key=key, content=json.dumps(content, ensure_ascii=False),
        informed_whom=informed_whom, informed_reaction=informed_reaction, not_informed_reason=not_informed_reason,
        is_acute=is_acute, sent_at=sent_at, sent_by=actor.user,
        assessment_due_on=feedback_due_on(FeedbackMoment.AFTER_ASSESSMENT, is_acute=is_acute,
                                          sent_on=timezone.localtime(sent_at).date()))
    _timeline(actor, access, "meldcode.reported")
    _log(actor, access, "vt_report.sent", Action.EXECUTE)
    after = route_state(route)
    if afwegingskader.closes_after_report(after.phase, step5_completed=Step.DECISION.value in after.facts.completed,
                                          report_norm=after.decision.report_norm):
        # After the report, keeping an eye on safety passes to Veilig Thuis; feedback is tracked on the report.
        # After a meldnorm-1 report the route waits for Veilig Thuis's answer on questions 3-5 instead.
        close_route(route)
    return report


@guard(lambda actor, access, **_: policy.may_record_vt_feedback(access, actor.user), "vt_report.feedback_denied",
       section="vt_report")
@transaction.atomic
def vt_feedback_record(*, actor: Actor, access: CaseAccess, report_id: int, moment: str, decision: str, summary: str,
                       received_on: date, safety_conditions: str = "") -> VtFeedback:
    """The Veilig Thuis liaison records feedback and decision on a report sent to Veilig Thuis."""
    report = VtReport.objects.filter(pk=report_id, case=access.case).first()
    _require(report is not None, _("Deze melding hoort niet bij deze casus."))
    _require(moment in FeedbackMoment.values, _("Kies het moment van terugkoppeling."), "moment")
    _require(decision in VtDecision.values, _("Kies het besluit van Veilig Thuis."), "decision")
    _require(bool(summary.strip()), _("Vat de terugkoppeling samen."), "summary")
    _require(received_on <= timezone.localdate(), _("De datum ligt in de toekomst."), "received_on")
    _require(decision != VtDecision.CONDITIONS or bool(safety_conditions.strip()),
             _("Vul de veiligheidsvoorwaarden in."), "safety_conditions")
    feedback = VtFeedback.objects.create(report=report, moment=moment, decision=decision, summary=summary,
                                         received_on=received_on, safety_conditions=safety_conditions,
                                         recorded_by=actor.user)
    _timeline(actor, access, "meldcode.vt_feedback", decision)
    _log(actor, access, "vt_report.feedback_recorded", Action.CREATE)
    _after_first_feedback(report, feedback)
    return feedback


def _after_first_feedback(report: VtReport, feedback: VtFeedback) -> None:
    """The second feedback moment gets its due date; a route waiting on questions 3-5 closes when VT keeps the case."""
    if feedback.moment != FeedbackMoment.AFTER_ASSESSMENT or report.investigation_due_on is not None:
        return
    report.investigation_due_on = feedback_due_on(
        FeedbackMoment.AFTER_INVESTIGATION, sent_on=timezone.localtime(report.sent_at).date(),
        is_acute=report.is_acute, first_decision=feedback.decision, first_received_on=feedback.received_on)
    report.save(update_fields=["investigation_due_on"])
    route = MeldcodeRoute.objects.select_for_update().get(pk=report.route_id)
    if (feedback.decision in afwegingskader.VT_KEEPS_CASE_DECISIONS
            and route_state(route).phase == afwegingskader.Phase.AWAITING_VT_ANSWER):
        close_route(route)


def _route_for_returning_violence(access: CaseAccess, route_id: int) -> MeldcodeRoute:
    """The active route, or the case's latest route if it was closed with monitoring (which is then reopened)."""
    route = MeldcodeRoute.objects.select_for_update().filter(pk=route_id, case=access.case).first()
    _require(route is not None, _("Deze Meldcode-route hoort niet bij deze casus."))
    state = route_state(route)
    _require(afwegingskader.may_record_returning_violence(state.phase, state.decision),
             _("Terugkerend geweld legt u vast in de hulpperiode: na 'ja' op vraag 4, onder voorwaarden van Veilig "
               "Thuis, of op een route die is afgesloten met monitoring."))
    if route.status == RouteStatus.CLOSED:
        _require(access.case.status == CaseStatus.OPEN, _("Deze casus is gesloten."))
        latest = access.case.meldcode_routes.order_by("-started_at", "-id").first()
        _require(latest == route and not access.case.meldcode_routes.filter(status=RouteStatus.ACTIVE).exists(),
                 _("Er is een nieuwere Meldcode-route; leg het daar vast."))
        route.status, route.closed_at = RouteStatus.ACTIVE, None
        route.save(update_fields=["status", "closed_at"])
    return route


@transaction.atomic
def returning_violence_record(*, actor: Actor, access: CaseAccess, route_id: int, occurred_on: date,
                              description: str) -> ReturningViolence:
    """Meldnorm 3: the unsafety returns or the help does not stop it; the outcome becomes report again at once."""
    _require(occurred_on <= timezone.localdate(), _("De datum ligt in de toekomst."), "occurred_on")
    _require(len(description.strip()) >= 5, _("Beschrijf wat er is gebeurd."), "description")
    route = _route_for_returning_violence(access, route_id)
    record = ReturningViolence.objects.create(route=route, occurred_on=occurred_on, description=description,
                                              recorded_by=actor.user)
    _timeline(actor, access, "meldcode.returning_violence")
    _log(actor, access, "meldcode.returning_violence_recorded", Action.CREATE)
    return record


def _check_vt_answer(answer: str, safety_conditions: str, organisation: str, monitoring_on: date | None) -> None:
    _require(answer in VtAnswerKind.values, _("Kies het antwoord van Veilig Thuis."), "answer")
    if answer == VtAnswerKind.HELP_UNDER_CONDITIONS:
        _require(bool(safety_conditions.strip()), _("Vul de veiligheidsvoorwaarden van Veilig Thuis in."),
                 "safety_conditions")
        _require(monitoring_on is not None and monitoring_on > timezone.localdate(),
                 _("Stel een monitoringsdatum in de toekomst vast: wanneer kijkt u samen met Veilig Thuis of de "
                   "voorwaarden worden nageleefd?"), "monitoring_on")
    if answer == VtAnswerKind.OTHER_ORGANISATION:
        _require(bool(organisation.strip()), _("Vul in welke organisatie de hulp biedt."), "organisation")


@transaction.atomic
def vt_answer_record(*, actor: Actor, access: CaseAccess, route_id: int, answer: str, summary: str,
                     safety_conditions: str = "", organisation: str = "",
                     monitoring_on: date | None = None) -> VtRouteAnswer:
    """After a meldnorm-1 report: Veilig Thuis's answer on questions 3-5; helping under its conditions keeps the
    route open with a monitoring date, any other answer closes it (zicht op veiligheid lies elsewhere)."""
    route = _active_route(access, route_id)
    _require(afwegingskader.may_record_vt_answer(route_state(route).phase),
             _("Het antwoord van Veilig Thuis op vraag 3 tot en met 5 volgt op een melding bij acute of structurele "
               "onveiligheid (meldnorm 1)."), "answer")
    _check_vt_answer(answer, safety_conditions, organisation, monitoring_on)
    _require(bool(summary.strip()), _("Vat het antwoord van Veilig Thuis samen."), "summary")
    helps = answer == VtAnswerKind.HELP_UNDER_CONDITIONS
    record = VtRouteAnswer.objects.create(
        route=route, answer=answer, summary=summary, safety_conditions=safety_conditions if helps else "",
        organisation=organisation if answer == VtAnswerKind.OTHER_ORGANISATION else "",
        monitoring_on=monitoring_on if helps else None, recorded_by=actor.user)
    if helps:
        route.evaluation_on = monitoring_on
        route.save(update_fields=["evaluation_on"])
    else:
        close_route(route)
    _timeline(actor, access, "meldcode.vt_answered", answer)
    _log(actor, access, "meldcode.vt_answer_recorded", Action.CREATE)
    return record
