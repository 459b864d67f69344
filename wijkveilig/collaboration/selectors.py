"""Read-side: the escalation proposal of a case (stagnation rules over gathered signals) and what needs attention."""

from collections import Counter

from django.utils import timezone

from wijkveilig.audit.services import Action, Actor, access_log_write, refuse
from wijkveilig.cases.models import Case, CaseStatus
from wijkveilig.cases.policy import case_grant
from wijkveilig.collaboration import ave, policy, stagnation
from wijkveilig.collaboration.models import AvePhaseChange, ConferenceDecision
from wijkveilig.collaboration.services import current_phase, escalation_state, mda_current, mda_of_household
from wijkveilig.meldcode.monitoring_selectors import missed_monitoring
from wijkveilig.meldcode.selectors import overdue_vt_reports

MAX_ATTENTION = 100


def _safety_counts(name: str, case_ids: list[int], today) -> dict[int, int]:
    """The safety app's counts when it is installed; no data (empty) when the module or function is missing."""
    try:
        from wijkveilig.safety import selectors as safety_selectors
    except ImportError:
        return {}
    function = getattr(safety_selectors, name, None)
    return function(case_ids, today) if callable(function) else {}


def _scale_series(case_ids: list[int]) -> dict[int, list[list[tuple]]]:
    """Per case, one (date, score) series per party: the rows of `assessment.selectors.safety_scale_trend`, batched
    in one query so the coordinator's werkvoorraad does not grow a query per case."""
    from wijkveilig.assessment.models import SafetyScale

    series: dict[int, dict[tuple, list[tuple]]] = {}
    rows = (SafetyScale.objects.filter(mapping__case_id__in=case_ids)
            .order_by("mapping__recorded_at", "mapping_id", "party", "person_id")
            .values_list("mapping__case_id", "party", "person_id", "mapping__recorded_at", "score"))
    for case_id, party, person_id, recorded_at, score in rows:
        series.setdefault(case_id, {}).setdefault((party, person_id), []).append((recorded_at, score))
    return {case_id: list(per_party.values()) for case_id, per_party in series.items()}


def _overdue_decisions(case_ids: list[int], today) -> dict[int, int]:
    """Per case, how many case-conference decisions are past their due date and not completed (one query)."""
    return Counter(ConferenceDecision.objects.filter(conference__case_id__in=case_ids, done_at__isnull=True,
                                                     due_on__lt=today)
                   .values_list("conference__case_id", flat=True))


def _phases(case_ids: list[int]) -> dict[int, int]:
    phases: dict[int, int] = {}
    for change in AvePhaseChange.objects.filter(case_id__in=case_ids).order_by("changed_at", "id").only(
            "case_id", "phase"):
        phases[change.case_id] = change.phase
    return phases


def proposals_for(cases: list[Case], *, phases: dict[int, int] | None = None,
                  decisions: dict[int, int] | None = None) -> dict[int, stagnation.Proposal]:
    """The escalation proposal for each of these cases that has one (open cases only); `phases` and `decisions`
    (overdue decisions per case) when the caller has already read them."""
    cases = [case for case in cases if case.status == CaseStatus.OPEN]
    ids, today = [case.pk for case in cases], timezone.localdate()
    if not ids:
        return {}
    vt = Counter(overdue_vt_reports(Case.objects.filter(pk__in=ids)).values_list("case_id", flat=True))
    agreements = _safety_counts("overdue_agreements", ids, today)
    reviews = _safety_counts("missed_reviews", ids, today)
    phases = _phases(ids) if phases is None else phases
    scales = _scale_series(ids)
    monitoring = missed_monitoring(ids, today)
    decisions = _overdue_decisions(ids, today) if decisions is None else decisions
    result = {}
    for case in cases:
        signals = stagnation.Signals(
            phase=phases.get(case.pk, 1), overdue_agreements=agreements.get(case.pk, 0),
            overdue_vt_feedback=vt.get(case.pk, 0), missed_reviews=reviews.get(case.pk, 0),
            safety_scales=scales.get(case.pk, []), missed_monitoring=monitoring.get(case.pk, 0),
            overdue_decisions=decisions.get(case.pk, 0))
        proposal = stagnation.propose(signals)
        if proposal:
            result[case.pk] = proposal
    return result


def proposal_for(case: Case) -> stagnation.Proposal | None:
    return proposals_for([case]).get(case.pk)


def escalation_for(case: Case) -> dict:
    """For the case page: the current AVE phase, the stagnation proposal and the request to set the phase."""
    state = escalation_state(case)
    phase = state.recorded_phase or 1
    proposal = proposals_for([case], phases={case.pk: phase},
                             decisions={case.pk: state.overdue_decisions}).get(case.pk)
    return {"phase": phase, "proposal": proposal, "ave_prompt": _prompt(case, state)}


def case_overview(case: Case) -> dict:
    """Conferences with participants and decisions, the AVE history and the current phase, for page and API."""
    conferences = list(case.conferences.prefetch_related("participants", "decisions__owner")
                       .select_related("created_by"))
    changes = list(case.ave_changes.select_related("changed_by"))
    return {"conferences": conferences, "ave_changes": changes, "phase": current_phase(case),
            "current_change": changes[0] if changes else None, "proposal": proposal_for(case),
            "mda": mda_current(case), "ave_prompt": ave_prompt(case)}


def ave_prompt(case: Case) -> dict | None:
    """When the known facts call for a higher AVE phase than recorded (or none is recorded): the suggested phase
    and why, so a person sets it. None when nothing needs to be asked (or the case is closed)."""
    return _prompt(case, escalation_state(case))


def _prompt(case: Case, state) -> dict | None:
    if case.status != CaseStatus.OPEN:
        return None
    suggestion = ave.suggest(state.facts)
    if not ave.needs_setting(recorded=state.recorded_phase, suggested=suggestion.phase,
                             acknowledged=state.acknowledged_phase):
        return None
    return {"phase": suggestion.phase, "reasons": suggestion.reasons}


def mda_overview(case: Case) -> dict:
    """The case's current MDA++ (of its household) with its partners (active first) and the household's cases in
    it; the household's MDA++ this case has not joined yet; and earlier periods, for the team's page."""
    enrolments = list(case.mda_enrolments.select_related("case_director", "contact_person", "started_by",
                                                         "ended_by")
                      .prefetch_related("partners__user", "partners__added_by", "partners__removed_by"))
    current = next((e for e in enrolments if e.ended_at is None), None)
    return {"mda": current, "mda_history": [e for e in enrolments if e is not current],
            "mda_cases": _mda_cases(current) if current else [],
            "household_mda": None if current else mda_of_household(case),
            "partner_last_views": partner_last_views(case)}


def _mda_cases(enrolment) -> list[Case]:
    return list(enrolment.cases.select_related("team").order_by("mda_links__joined_at", "id"))


def partner_last_views(case: Case) -> dict[int, object]:
    """Per partner account, when it last opened this case's shared plan (from the access log), so the case
    director sees whether the partners keep up."""
    from django.db.models import Max

    from wijkveilig.audit.models import AccessLogEntry

    rows = (AccessLogEntry.objects.filter(case_id=case.pk, event="mda.shared_plan_viewed", auth_rule="mda_partner")
            .values("user_id").annotate(last=Max("at")).values_list("user_id", "last"))
    return dict(rows)


def shared_plan(case: Case) -> dict:
    """What every MDA++ partner may see: the plan's agreements with their latest status, the Veilig Thuis safety
    conditions and the conference decisions. Never notes, review notes, conference deliberations or safe places;
    a protective agreement only as "withheld" (kind, date, status), as `safety.selectors.plan_for_person` decides."""
    from wijkveilig.safety import selectors as safety_selectors

    plan = safety_selectors.plan_of(case)
    agreements = []
    for row in safety_selectors.plan_for_person(plan, None).agreements if plan else []:
        agreement = row.agreement
        latest = agreement.reviews.all()[0] if agreement.reviews.all() else None  # reviews newest first
        shown = {} if row.is_withheld else {"who": agreement.who, "what": agreement.what, "where": agreement.where,
                                            "network": agreement.network}
        agreements.append({"kind": agreement.kind, "kind_display": agreement.get_kind_display(),
                           "due_on": agreement.due_on, "is_withheld": row.is_withheld,
                           "who": "", "what": "", "where": "", "network": "", **shown,
                           "latest_status": latest.get_status_display() if latest else "",
                           "latest_on": latest.reviewed_on if latest else None})
    decisions = list(ConferenceDecision.objects.filter(conference__case=case).select_related("owner", "conference")
                     .order_by("due_on", "id"))
    return {"mda": mda_current(case), "plan": plan, "shared_agreements": agreements, "decisions": decisions}


def household_shared_plan(*, actor: Actor, case: Case) -> dict:
    """The one shared MDA++ plan of the household, opened from `case`: the shared part (`shared_plan`) of every
    open case in the MDA++, this case first. Another case's part is shown only to whom may see that case's shared
    part (its grant with section `mda`), and each one shown is logged on that case; the others are counted."""
    mda = mda_current(case)
    others = [c for c in _mda_cases(mda) if c.pk != case.pk and c.status == CaseStatus.OPEN] if mda else []
    parts, hidden = [shared_plan(case) | {"case": case}], 0
    for other in others:
        grant = case_grant(actor.user, other, "mda")
        if grant is None:
            hidden += 1
            continue
        access_log_write(actor=actor, event="mda.shared_plan_viewed", action=Action.READ, case=other,
                         section="mda", auth_rule=grant)
        parts.append(shared_plan(other) | {"case": other})
    return {"mda": mda, "parts": parts, "hidden_cases": hidden}


def mda_cases_listed(*, actor: Actor) -> list[Case]:
    """The open MDA++ cases this external partner was added to (and not removed from), newest first, for partner
    and Veilig Thuis accounts only. The listing is logged: it shows which families the partner works with."""
    if not policy.may_list_mda_cases(actor.user):
        refuse(actor=actor, event="mda.cases_list_denied", action=Action.READ, section="mda")
    cases = list(Case.objects.filter(status=CaseStatus.OPEN, mda_enrolments__ended_at__isnull=True,
                                     mda_enrolments__partners__user=actor.user,
                                     mda_enrolments__partners__removed_at__isnull=True)
                 .select_related("team", "household").distinct().order_by("-id")[:MAX_ATTENTION])
    access_log_write(actor=actor, event="mda.cases_listed", action=Action.READ, section="mda",
                     auth_rule="mda_partner")
    return cases
