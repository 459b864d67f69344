"""Every change to an intake concern: checks the rule, writes, and logs in one transaction."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkveilig.accounts import policy as roles
from wijkveilig.accounts.models import Membership, Team
from wijkveilig.audit.services import Action, Actor, Outcome, access_log_write, guard
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import ParticipantRole
from wijkveilig.core.errors import DomainError
from wijkveilig.core.hashing import lookup_hash
from wijkveilig.core.models import save_versioned
from wijkveilig.households.bsn import is_valid_bsn
from wijkveilig.intake import closure, policy, routing, triage
from wijkveilig.intake.access import SECTION, ConcernAccess, log_rule
from wijkveilig.intake.models import Concern, ConcernHandling, ConcernPerson, ConcernStatus, PostcodeRange, Source
from wijkveilig.intake.report import report_content
from wijkveilig.intake.selectors import household_matches
from wijkveilig.meldcode import services as meldcode_services
from wijkveilig.meldcode.models import RouteStatus

MAX_SHARES_PER_HOUR = 5
MAX_PERSONS = 12
# Who may register which source; a partner shares through concern_share instead.
SOURCES_BY_ROLE = policy.SOURCES_BY_ROLE  # kept for callers of services.SOURCES_BY_ROLE


@dataclass(frozen=True)
class PersonKnown:
    first_name: str
    last_name: str
    birth_date: date | None = None
    bsn: str = ""
    role: str = ""


def _log(actor: Actor, concern: Concern, event: str, action: str, grant: str) -> None:
    access_log_write(actor=actor, event=event, action=action, section=SECTION, auth_rule=log_rule(grant, concern.pk),
                     case=concern.case)


def _check_persons(persons: list[PersonKnown]) -> None:
    if len(persons) > MAX_PERSONS:
        raise DomainError(_("Voeg hoogstens %(n)s personen toe.") % {"n": MAX_PERSONS}, field="persons")
    for person in persons:
        if not person.first_name.strip() or not person.last_name.strip():
            raise DomainError(_("Vul van elke persoon voornaam en achternaam in (of 'onbekend')."), field="persons")
        if person.birth_date and person.birth_date > timezone.localdate():
            raise DomainError(_("Een geboortedatum ligt in de toekomst."), field="persons")
        if person.bsn.strip() and not is_valid_bsn(person.bsn):
            raise DomainError(_("Een BSN klopt niet (het voldoet niet aan de elfproef)."), field="persons")


def _save_persons(concern: Concern, persons: list[PersonKnown]) -> None:
    rows = []
    for p in persons:
        bsn = p.bsn.strip().zfill(9) if p.bsn.strip() else ""
        rows.append(ConcernPerson(concern=concern, first_name=p.first_name.strip(), last_name=p.last_name.strip(),
                                  birth_date=p.birth_date, bsn=bsn, bsn_hash=lookup_hash(bsn) if bsn else "",
                                  role=p.role if p.role in ParticipantRole.values else ""))
    ConcernPerson.objects.bulk_create(rows)


def address_route(*, postcode: str, house_number: str) -> tuple[object | None, Team | None]:
    """The buurt and team of an address by the postcode table; (None, None) when the table does not know it."""
    code = routing.normalise_postcode(postcode)
    rows = list(PostcodeRange.objects.filter(postcode_from__lte=code, postcode_to__gte=code)
                .select_related("buurt__district").order_by("pk")) if code else []
    ranges = [routing.PostcodeRange(r.postcode_from, r.postcode_to, r.number_from, r.number_to, r.buurt.code)
              for r in rows]
    buurt_code = routing.buurt_code_for(postcode, house_number, ranges)
    buurt = next((r.buurt for r in rows if r.buurt.code == buurt_code), None)
    if buurt is None:
        return None, None
    return buurt, buurt.teams.order_by("name").first()


def _check_concern_fields(*, household_name: str, observation: str, received_at: datetime) -> None:
    if not household_name.strip():
        raise DomainError(_("Vul de naam van het huishouden in (of 'onbekend')."), field="household_name")
    if not observation.strip():
        raise DomainError(_("Beschrijf wat is waargenomen."), field="observation")
    if received_at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Het tijdstip van ontvangst ligt in de toekomst."), field="received_at")


def _municipality_for(user, *, buurt, team) -> int:
    """Whose concern it is: the buurt's municipality, else the team's, else the submitter's own one (in an
    installation with one municipality, that one). A submitter who works for several municipalities (a regional
    Veilig Thuis) must give an address the postcode table knows: the concern must reach the coordinators of one
    municipality, not of every one."""
    if buurt is not None:
        return buurt.district.municipality_id
    if team is not None:
        return team.municipality_id
    own = roles.municipality_ids(user)
    if len(own) != 1:
        raise DomainError(_("Dit adres staat niet in de postcodetabel en u werkt voor meer dan één gemeente. "
                            "Controleer de postcode en het huisnummer."), field="postcode")
    return own[0]


def _create(*, actor: Actor, source: str, received_at: datetime, household_name: str, street: str,
            house_number: str, postcode: str, city: str, observation: str, persons: list[PersonKnown]) -> Concern:
    _check_concern_fields(household_name=household_name, observation=observation, received_at=received_at)
    _check_persons(persons)
    buurt, team = address_route(postcode=postcode, house_number=house_number)
    municipality_id = _municipality_for(actor.user, buurt=buurt, team=team)
    concern = Concern.objects.create(
        source=source, received_at=received_at, household_name=household_name.strip(), street=street.strip(),
        house_number=house_number.strip(), postcode=routing.normalise_postcode(postcode) or postcode.strip()[:7],
        city=city.strip(), observation=observation, buurt=buurt, team=team, submitted_by=actor.user,
        municipality_id=municipality_id,
        destination=routing.route_for("", has_team=team is not None).destination)
    _save_persons(concern, persons)
    return concern


@guard(lambda actor, **_: bool(policy.sources_for(actor.user)), "concern.register_denied", section=SECTION)
@transaction.atomic
def concern_register(*, actor: Actor, source: str, received_at: datetime, household_name: str, observation: str,
                     street: str = "", house_number: str = "", postcode: str = "", city: str = "",
                     persons: list[PersonKnown] = (), answers: triage.TriageAnswers | None = None,
                     reasons: dict[str, str] | None = None) -> Concern:
    """Register an incoming concern, route it by its address and, when answered, triage it on arrival."""
    if source not in policy.sources_for(actor.user):
        raise DomainError(_("Kies een bron die bij uw rol past."), field="source")
    concern = _create(actor=actor, source=source, received_at=received_at, household_name=household_name,
                      street=street, house_number=house_number, postcode=postcode, city=city,
                      observation=observation, persons=list(persons))
    _log(actor, concern, "concern.registered", Action.CREATE, "submitter")
    if answers is not None:
        _apply_triage(actor=actor, concern=concern, answers=answers, reasons=reasons or {}, grant="submitter")
    return concern


@guard(lambda actor, **_: policy.may_share(actor.user), "concern.share_denied", section=SECTION)
@transaction.atomic
def concern_share(*, actor: Actor, household_name: str, observation: str, street: str = "", house_number: str = "",
                  postcode: str = "", city: str = "", persons: list[PersonKnown] = ()) -> Concern:
    """A partner or volunteer organisation shares a concern ("Zorg delen"); at most a few per hour per account."""
    since = timezone.now() - timedelta(hours=1)
    if Concern.objects.filter(submitted_by=actor.user, received_at__gte=since).count() >= MAX_SHARES_PER_HOUR:
        raise DomainError(_("U hebt het afgelopen uur al %(n)s zorgen gedeeld. Probeer het later opnieuw, of bel "
                            "bij spoed Veilig Thuis (0800-2000) of 112.") % {"n": MAX_SHARES_PER_HOUR})
    concern = _create(actor=actor, source=Source.PARTNER, received_at=timezone.now(), household_name=household_name,
                      street=street, house_number=house_number, postcode=postcode, city=city,
                      observation=observation, persons=list(persons))
    _log(actor, concern, "concern.shared", Action.CREATE, "submitter_partner")
    return concern


def _apply_triage(*, actor: Actor, concern: Concern, answers: triage.TriageAnswers, reasons: dict[str, str],
                  grant: str, expected_version: int | None = None) -> Concern:
    for question, _colour in triage.QUESTIONS:
        if not reasons.get(question, "").strip():
            raise DomainError(_("Onderbouw elk antwoord van de triage kort."), field=f"{question}_reason")
    colour = triage.colour_for(answers)
    route = routing.route_for(colour, has_team=concern.team_id is not None)
    for question, _colour in triage.QUESTIONS:
        setattr(concern, question, getattr(answers, question))
        setattr(concern, f"{question}_reason", reasons[question].strip())
    concern.computed_colour = concern.final_colour = colour
    concern.overrule_reason, concern.overruled_by = "", None
    concern.destination, concern.status = route.destination, ConcernStatus.TRIAGED
    concern.triaged_at, concern.triaged_by = timezone.now(), actor.user
    save_versioned(concern, expected_version=concern.version if expected_version is None else expected_version, fields=[
        "direct_danger", "direct_danger_reason", "structural_unsafety", "structural_unsafety_reason", "multi_problem",
        "multi_problem_reason", "computed_colour", "final_colour", "overrule_reason", "overruled_by", "destination",
        "status", "triaged_at", "triaged_by"])
    _log(actor, concern, "concern.triaged", Action.UPDATE, grant)
    return concern


def _require_no_case(concern: Concern) -> None:
    if concern.status == ConcernStatus.CASE_OPENED:
        raise DomainError(_("Van deze zorg is al een casus gemaakt."))


def _require_open(concern: Concern) -> None:
    _require_no_case(concern)
    if ConcernHandling.objects.filter(concern=concern).exists():
        # The report or confirmation was made with this colour and triage; changing them afterwards would rewrite it.
        raise DomainError(_("Deze zorg is al afgehandeld; triage en kleur liggen vast."))


@transaction.atomic
def concern_triage(*, actor: Actor, access: ConcernAccess, expected_version: int, answers: triage.TriageAnswers,
                   reasons: dict[str, str]) -> Concern:
    """Answer the three triage questions; the colour and route follow (an earlier overrule is undone). Refused if
    someone triaged or overruled since `expected_version`."""
    _require_open(access.concern)
    return _apply_triage(actor=actor, concern=access.concern, answers=answers, reasons=reasons, grant=access.grant,
                         expected_version=expected_version)


@guard(lambda actor, access, **_: policy.may_decide(access, actor.user), "concern.overrule_denied", section=SECTION)
@transaction.atomic
def concern_overrule(*, actor: Actor, access: ConcernAccess, expected_version: int, colour: str,
                     reason: str) -> Concern:
    """A coordinator sets another colour with a reason; the computed colour stays on record. Refused if someone
    triaged or overruled since `expected_version`."""
    concern = access.concern
    _require_open(concern)
    if not concern.computed_colour:
        raise DomainError(_("Doe eerst de triage; daarna kunt u de kleur aanpassen."))
    if colour not in triage.Colour.values:
        raise DomainError(_("Kies een kleur."), field="colour")
    if not reason.strip():
        raise DomainError(_("Geef een reden waarom u de kleur aanpast."), field="reason")
    concern.final_colour, concern.overrule_reason, concern.overruled_by = colour, reason.strip(), actor.user
    concern.destination = routing.route_for(colour, has_team=concern.team_id is not None).destination
    save_versioned(concern, expected_version=expected_version,
                   fields=["final_colour", "overrule_reason", "overruled_by", "destination"])
    _log(actor, concern, "concern.colour_overruled", Action.UPDATE, access.grant)
    return concern


@guard(lambda actor, access, **_: policy.may_decide(access, actor.user), "concern.claim_denied", section=SECTION)
@transaction.atomic
def concern_claim(*, actor: Actor, access: ConcernAccess, team_id: int) -> Concern:
    """A coordinator takes a concern from the municipal queue into one of their teams."""
    concern = access.concern
    if concern.team_id is not None:
        raise DomainError(_("Alleen een zorg uit de gemeentelijke wachtrij kan worden overgenomen."))
    membership = Membership.objects.filter(user=actor.user, team_id=team_id).select_related("team").first()
    if membership is None:
        raise DomainError(_("Kies een van uw eigen teams."), field="team")
    if membership.team.municipality_id != concern.municipality_id:
        raise DomainError(_("Kies een team in de gemeente van deze zorg."), field="team")
    concern.team = membership.team
    concern.destination = routing.route_for(concern.final_colour, has_team=True).destination
    save_versioned(concern, expected_version=concern.version, fields=["team", "destination"])
    _log(actor, concern, "concern.claimed", Action.UPDATE, access.grant)
    return concern


def _add_persons(*, actor: Actor, case_access, concern: Concern, skip_ids: set[int]) -> None:
    for person in concern.persons.all():
        if person.pk in skip_ids:
            continue
        hh.person_add(actor=actor, access=case_access, first_name=person.first_name, last_name=person.last_name,
                      birth_date=person.birth_date, bsn=person.bsn, roles=[person.role or ParticipantRole.OTHER])


def _handle_with_case(*, actor: Actor, concern: Concern, case_access) -> None:
    """Record the case as the concern's outcome; oranje/rood also start the Meldcode route (or link the active one).

    A concern already reported to or confirmed by Veilig Thuis keeps that outcome: the case is the team staying
    involved, and no second route is started for a report Veilig Thuis already has.
    """
    Concern.objects.select_for_update().filter(pk=concern.pk).first()  # waits for a report being made right now
    if ConcernHandling.objects.filter(concern=concern).exists():
        return
    outcome = closure.case_outcome(concern.final_colour)
    route = None
    if outcome == closure.Outcome.CASE_WITH_ROUTE:
        route = (case_access.case.meldcode_routes.filter(status=RouteStatus.ACTIVE).first()
                 or meldcode_services.route_start(actor=actor, access=case_access))
    ConcernHandling.objects.create(concern=concern, outcome=outcome, route=route, recorded_by=actor.user)


@guard(lambda actor, access, **_: policy.may_decide(access, actor.user), "concern.case_open_denied", section=SECTION)
@transaction.atomic
def concern_case_open(*, actor: Actor, access: ConcernAccess, worker_ids: list[int],
                      household_id: int | None = None):
    """Turn a triaged concern into a team case: on the household the user confirmed, or a new one; then assign.

    For oranje/rood the case gets a Meldcode route at once (`closure.case_outcome`), so the concern ends in one.
    """
    concern = access.concern
    _require_no_case(concern)
    if not concern.final_colour:
        raise DomainError(_("Doe eerst de triage."))
    if concern.team_id is None:
        raise DomainError(_("Neem de zorg eerst over in een team."))
    summary = _("Uit binnenkomende zorg %(ref)s (%(source)s, kleur %(colour)s): %(text)s") % {
        "ref": concern.reference, "source": concern.get_source_display(), "colour": concern.get_final_colour_display(),
        "text": concern.observation}
    matches = {m.household.pk: m for m in household_matches(concern)}
    if household_id is not None:
        if household_id not in matches:
            raise DomainError(_("Dit huishouden komt niet overeen met de personen in deze zorg."), field="household")
        case_access = case_services.case_open_for_household(actor=actor, household=matches[household_id].household,
                                                            summary=summary, team_id=concern.team_id)
        skip = matches[household_id].concern_person_ids
    else:
        case_access = case_services.case_open(
            actor=actor, household_name=concern.household_name, summary=summary, street=concern.street,
            house_number=concern.house_number, postcode=concern.postcode, city=concern.city, buurt=concern.buurt,
            team_id=concern.team_id)
        skip = set()
    _add_persons(actor=actor, case_access=case_access, concern=concern, skip_ids=skip)
    case_services.case_assign(actor=actor, access=case_access, user_ids=worker_ids)
    _handle_with_case(actor=actor, concern=concern, case_access=case_access)
    concern.case, concern.status = case_access.case, ConcernStatus.CASE_OPENED
    save_versioned(concern, expected_version=concern.version, fields=["case", "status"])
    _log(actor, concern, "concern.case_opened", Action.UPDATE, access.grant)
    return case_access.case


def _refusal_logged(actor: Actor, access: ConcernAccess, event: str, call):
    """Run a service; a refused rule is logged as denied (outside its rolled-back transaction) and re-raised."""
    try:
        return call()
    except DomainError:
        access_log_write(actor=actor, event=event, action=Action.UPDATE, outcome=Outcome.DENIED, section=SECTION,
                         auth_rule=log_rule(access.grant, access.concern.pk))
        raise


def _form_key(access: ConcernAccess, value: str) -> str:
    if not access.can_write:
        raise DomainError(_("Alleen de coördinator die deze zorg behandelt, legt de afhandeling vast."))
    key = value.strip()[:64]
    if len(key) < 8:
        raise DomainError(_("Ongeldige formuliersleutel; laad de pagina opnieuw."))
    return key


def _require_unhandled(concern: Concern, outcome: str) -> None:
    """The outcome must fit the colour, and a concern ends in exactly one outcome."""
    if not closure.may_end_with(concern.final_colour, outcome):
        raise DomainError(_("Alleen een oranje of rode zorg wordt zo afgehandeld. Een groene of gele zorg pakt het "
                            "wijkteam op in een casus, met ondersteuning van Veilig Thuis (advies: 0800-2000)."))
    _require_no_case(concern)
    if ConcernHandling.objects.filter(concern=concern).exists():
        raise DomainError(_("Deze zorg is al afgehandeld."))


def _existing(key: str, concern: Concern, outcome: str) -> ConcernHandling | None:
    return ConcernHandling.objects.filter(idempotency_key=key, concern=concern, outcome=outcome).first()


@transaction.atomic
def _vt_report_send(*, actor: Actor, access: ConcernAccess, key: str, observation: str, informed_whom: str,
                    informed_reaction: str, not_informed_reason: str) -> ConcernHandling:
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (team, buurt).
    concern = Concern.objects.select_for_update().get(pk=access.concern.pk)
    if existing := _existing(key, concern, closure.Outcome.REPORTED):  # a double submit that waited for the lock
        return existing
    _require_unhandled(concern, closure.Outcome.REPORTED)
    if concern.team_id is None:
        raise DomainError(_("Neem de zorg eerst over in een team: de melding gaat naar de vaste contactpersoon "
                            "Veilig Thuis van dat team."))
    if concern.team.vt_contact_id is None:
        raise DomainError(_("Dit team heeft nog geen vaste contactpersoon bij Veilig Thuis. Meld telefonisch "
                            "(0800-2000) en leg daarna vast dat Veilig Thuis de zorg heeft, met het kenmerk."))
    if not observation.strip():
        raise DomainError(_("Beschrijf wat is waargenomen."), field="observation")
    meldcode_services.require_informed(informed_whom=informed_whom, informed_reaction=informed_reaction,
                                       not_informed_reason=not_informed_reason)
    content = report_content(concern, observation=observation.strip(), informed_whom=informed_whom.strip(),
                             informed_reaction=informed_reaction.strip(),
                             not_informed_reason=not_informed_reason.strip(), reporter=actor.user)
    handling = ConcernHandling.objects.create(
        concern=concern, outcome=closure.Outcome.REPORTED, idempotency_key=key,
        content=json.dumps(content, ensure_ascii=False), informed_whom=informed_whom.strip(),
        informed_reaction=informed_reaction.strip(), not_informed_reason=not_informed_reason.strip(),
        is_acute=triage.is_acute(concern.final_colour), reported_to=concern.team.vt_contact, recorded_by=actor.user)
    _log(actor, concern, "concern.vt_reported", Action.EXECUTE, access.grant)
    return handling


def concern_vt_report_send(*, actor: Actor, access: ConcernAccess, idempotency_key: str, observation: str,
                           informed_whom: str = "", informed_reaction: str = "",
                           not_informed_reason: str = "") -> ConcernHandling:
    """Report an oranje/rood concern to the team's Veilig Thuis contact, once per form key (a double submit
    returns the same report); refusals are logged as denied."""
    def send():
        return _vt_report_send(actor=actor, access=access, key=_form_key(access, idempotency_key),
                               observation=observation, informed_whom=informed_whom,
                               informed_reaction=informed_reaction, not_informed_reason=not_informed_reason)
    return _refusal_logged(actor, access, "concern.vt_report_denied", send)


@transaction.atomic
def _vt_known_confirm(*, actor: Actor, access: ConcernAccess, key: str, vt_reference: str,
                      vt_known_on: date) -> ConcernHandling:
    concern = Concern.objects.select_for_update().get(pk=access.concern.pk)
    if existing := _existing(key, concern, closure.Outcome.VT_ALREADY_KNOWS):
        return existing
    _require_unhandled(concern, closure.Outcome.VT_ALREADY_KNOWS)
    if not vt_reference.strip():
        raise DomainError(_("Vul het kenmerk van Veilig Thuis in: daarmee is na te gaan dat Veilig Thuis de zorg "
                            "heeft."), field="vt_reference")
    if vt_known_on is None or vt_known_on > timezone.localdate():
        raise DomainError(_("Vul in sinds wanneer Veilig Thuis de zorg heeft (niet in de toekomst)."),
                          field="vt_known_on")
    handling = ConcernHandling.objects.create(
        concern=concern, outcome=closure.Outcome.VT_ALREADY_KNOWS, idempotency_key=key,
        vt_reference=vt_reference.strip()[:60], vt_known_on=vt_known_on, recorded_by=actor.user)
    _log(actor, concern, "concern.vt_known_confirmed", Action.CREATE, access.grant)
    return handling


def concern_vt_known_confirm(*, actor: Actor, access: ConcernAccess, idempotency_key: str, vt_reference: str,
                             vt_known_on: date | None) -> ConcernHandling:
    """Record that Veilig Thuis already has an oranje/rood concern (e.g. its own transfer), with its reference and
    date; once per form key, refusals logged as denied."""
    def confirm():
        return _vt_known_confirm(actor=actor, access=access, key=_form_key(access, idempotency_key),
                                 vt_reference=vt_reference, vt_known_on=vt_known_on)
    return _refusal_logged(actor, access, "concern.vt_known_denied", confirm)


CSV_COLUMNS = ["postcode_from", "postcode_to", "number_from", "number_to", "buurt_code"]


def _range_row(line_no: int, row: dict, buurten: dict) -> PostcodeRange:
    start, end = routing.normalise_postcode(row.get("postcode_from") or ""), routing.normalise_postcode(
        row.get("postcode_to") or "")
    try:
        low, high = int(row.get("number_from") or ""), int(row.get("number_to") or "")
    except ValueError:
        low = high = -1
    buurt = buurten.get((row.get("buurt_code") or "").strip())
    if not start or not end or start > end or not 0 < low <= high or buurt is None:
        raise DomainError(_("Regel %(n)s klopt niet: controleer postcodes, huisnummers en buurtcode.") % {"n": line_no})
    return PostcodeRange(postcode_from=start, postcode_to=end, number_from=low, number_to=high, buurt=buurt)


@transaction.atomic
def postcode_ranges_import(*, rows, replace: bool = False) -> int:
    """Import the postcode table (all rows or none); `replace` first removes the ranges of the same buurten."""
    from wijkveilig.areas.models import Buurt

    buurten = {b.code: b for b in Buurt.objects.all()}
    ranges = [_range_row(n, row, buurten) for n, row in rows if not (row.get("postcode_from") or "").startswith("#")]
    if replace:
        PostcodeRange.objects.filter(buurt__in={r.buurt for r in ranges}).delete()
    PostcodeRange.objects.bulk_create(ranges)
    return len(ranges)
