"""Obviously synthetic demo data: Gemeente Voorbeeld (GM9999), its wijken, buurten, teams, accounts and cases."""

import random
from base64 import b32decode
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import Membership, Role, Team, User
from wijkveilig.areas.models import Buurt, District, Municipality
from wijkveilig.assessment import services as assessment_services
from wijkveilig.assessment.models import ZrmAssessment
from wijkveilig.assessment.zrm import DOMAIN_CODES
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Case, CloseReason, NoteKind, ParticipantRole, StatementKind, ViolenceForm
from wijkveilig.demo.analysis_data import analysis_demo
from wijkveilig.demo.teams import team_examples
from wijkveilig.demo.volume import PREFIX as VOLUME_PREFIX
from wijkveilig.demo.volume import volume_seed
from wijkveilig.households.bsn import is_valid_bsn
from wijkveilig.households.models import Gender, RelationKind
from wijkveilig.meldcode import monitoring_services
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, SpecialistContact
from wijkveilig.meldcode.weighing_selectors import complexity_suggestion

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - documented demo credential, refused outside DEBUG
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - documented demo second factor, refused outside DEBUG
MUNICIPALITY = ("GM9999", "Gemeente Voorbeeld")
DISTRICTS = [("WK999901", "Centrum-Voorbeeld"), ("WK999902", "Noordrand"), ("WK999903", "Zuiderpolder")]
BUURTEN = [
    ("BU99990101", "Oude Kern", 0), ("BU99990102", "Marktkwartier", 0), ("BU99990103", "Stationsbuurt", 0),
    ("BU99990201", "Fictiefpark", 1), ("BU99990202", "Proefakker", 1),
    ("BU99990301", "Testwaarde", 2), ("BU99990302", "Demodijk", 2), ("BU99990303", "Zandkamp-Voorbeeld", 2),
]
TEAMS = {"Wijkteam Voorbeeld-Noord": ["BU99990101", "BU99990102", "BU99990201", "BU99990202"],
         "Wijkteam Voorbeeld-Zuid": ["BU99990103", "BU99990301", "BU99990302", "BU99990303"]}
ACCOUNTS = [
    ("medewerker", Role.WORKER, "Mila", "Demo-Medewerker", "Wijkteam Voorbeeld-Noord", True),
    ("duopartner", Role.WORKER, "Daan", "Demo-Duopartner", "Wijkteam Voorbeeld-Noord", False),
    ("aandacht", Role.SPECIALIST, "Aisha", "Demo-Aandacht", "Wijkteam Voorbeeld-Noord", True),
    ("coordinator", Role.COORDINATOR, "Kees", "Demo-Coördinator", "Wijkteam Voorbeeld-Noord", True),
    ("buitenstaander", Role.WORKER, "Bo", "Demo-Buitenstaander", "Wijkteam Voorbeeld-Zuid", False),
    ("vt", Role.VT_LIAISON, "Vera", "Demo-Veilig-Thuis", None, False),
    ("beleid", Role.POLICY_OFFICER, "Bram", "Demo-Beleid", None, False),
    ("beheer", Role.ADMINISTRATOR, "Ben", "Demo-Beheer", None, False),
    ("logbeheer", Role.LOG_OFFICER, "Lotte", "Demo-Logbeheer", None, False),
    ("partner", Role.PARTNER, "Pim", "Demo-Partner", None, False),
    ("politie", Role.PARTNER, "Petra", "Demo-Politie", None, False),
]
# External accounts name their organisation (shown to the team and in the access log).
ORGANISATIONS = {"vt": "Veilig Thuis Voorbeeld (fictief)", "partner": "Sportclub Voorbeeld (fictief)",
                 "politie": "Politie Basisteam Voorbeeld (fictief)"}
SURNAMES = ["Testerink", "Proefmans", "Voorbeeldt", "Fictiefsma", "Demodijk", "Nepveld", "Schijnhout", "Bedachtsen"]
ADULT_NAMES = ["Anna", "Bas", "Carla", "Dirk", "Eva", "Frank", "Greet", "Henk", "Ilse", "Joost"]
CHILD_NAMES = ["Noa", "Sem", "Liv", "Finn", "Zoë", "Luuk"]


def fake_bsn(n: int) -> str:
    """The n-th number from 999990000 up that passes the 11-proef: the BRP test range, never a real citizen."""
    found = -1
    for candidate in range(999_990_000, 1_000_000_000):
        if is_valid_bsn(str(candidate)):
            found += 1
            if found == n:
                return str(candidate)
    raise ValueError("no more fake BSNs in the test range")


def _geography() -> dict[str, Buurt]:
    municipality, _ = Municipality.objects.get_or_create(code=MUNICIPALITY[0], defaults={"name": MUNICIPALITY[1]})
    districts = [District.objects.get_or_create(code=code, defaults={"name": name, "municipality": municipality})[0]
                 for code, name in DISTRICTS]
    buurten = {code: Buurt.objects.get_or_create(code=code, defaults={"name": name, "district": districts[i]})[0]
               for code, name, i in BUURTEN}
    for team_name, codes in TEAMS.items():
        team, _ = Team.objects.get_or_create(name=team_name, defaults={"municipality": municipality})
        team.buurten.set([buurten[c] for c in codes])
    return buurten


def _accounts() -> dict[str, User]:
    users = {}
    key_hex = b32decode(DEMO_TOTP_SECRET).hex()
    for username, role, first, last, team_name, dv_expert in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={
            "role": role, "first_name": first, "last_name": last, "is_staff": role == Role.ADMINISTRATOR,
            "is_superuser": role == Role.ADMINISTRATOR})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            TOTPDevice.objects.create(user=user, name="Demo", key=key_hex, confirmed=True)
        if created and username in ORGANISATIONS:
            user.organisation = ORGANISATIONS[username]
            user.save(update_fields=["organisation"])
        if team_name:
            Membership.objects.get_or_create(user=user, team=Team.objects.get(name=team_name),
                                             defaults={"has_dv_expertise": dv_expert})
        users[username] = user
    return users


def _household_case(rng, index: int, owner: User, buurt: Buurt, users: dict[str, User]) -> None:
    actor = Actor.system(owner)
    surname = SURNAMES[index % len(SURNAMES)]
    access = services.case_open(actor=actor, household_name=f"Huishouden {surname} ({index + 1})",
                                summary="Synthetische demo-casus: zorgen over de veiligheid thuis (fictief).",
                                street="Voorbeeldstraat", house_number=str(index + 1), postcode=f"9{index % 9}99 XX",
                                city="Voorbeeld", buurt=buurt)
    mother = hh.person_add(actor=actor, access=access, first_name=rng.choice(ADULT_NAMES), last_name=surname,
                           roles=[ParticipantRole.VICTIM], gender=Gender.FEMALE, bsn=fake_bsn(index),
                           birth_date=date(1980 + index % 15, 1 + index % 12, 1 + index % 27))
    partner = hh.person_add(actor=actor, access=access, first_name=rng.choice(ADULT_NAMES), last_name=surname,
                            roles=[ParticipantRole.SUSPECTED_PERPETRATOR], gender=Gender.MALE)
    hh.relation_add(actor=actor, access=access, person_id=partner.pk, other_id=mother.pk, kind=RelationKind.PARTNER)
    for child_index in range(index % 3):
        child = hh.person_add(actor=actor, access=access, first_name=rng.choice(CHILD_NAMES), last_name=surname,
                              roles=[ParticipantRole.CHILD], birth_date=date(2012 + child_index + index % 8, 6, 1))
        hh.relation_add(actor=actor, access=access, person_id=mother.pk, other_id=child.pk, kind=RelationKind.PARENT)
    forms = {ViolenceForm.PARTNER_VIOLENCE: ["psychological"]}
    if index % 3:
        forms[ViolenceForm.CHILD_ABUSE] = ["neglect"]
    services.violence_forms_set(actor=actor, access=access, forms=forms)
    if index % 3:  # partner violence with children at home: the kindcheck was done when the case was opened
        _demo_kindcheck(actor, access)
    services.note_add(actor=actor, access=access, kind=NoteKind.SIGNAL, statement_kind=StatementKind.OBSERVATION,
                      occurred_at=timezone.now() - timedelta(days=index % 20, hours=index % 7),
                      body="Fictief signaal voor de demo: buren hoorden geschreeuw in de avond.",
                      place="Voorbeeldstraat (demo)", observer="Buurtbewoner (fictief)", source="Telefonische melding")
    if index % 4 == 0 and "duopartner" in users and owner.username == "medewerker":
        services.case_assign(actor=Actor.system(users["coordinator"]), access=CaseAccess(access.case, "team", True),
                             user_ids=[owner.pk, users["duopartner"].pk])
    if index % 5 == 4:
        services.case_close(actor=actor, access=access, expected_version=access.case.version,
                            reason=CloseReason.SAFETY_REACHED)


def _specialist_contacts() -> None:
    """Fictional specialist contacts of Gemeente Voorbeeld for complex situations (no real phone numbers)."""
    municipality = Municipality.objects.get(code=MUNICIPALITY[0])
    for name, expertise, email in (
            ("Landelijk Knooppunt (fictief)", ["honour_related", "forced_marriage", "fgm"], "knooppunt@example.org"),
            ("Zorgcoördinatie mensenhandel Voorbeeld (fictief)", ["trafficking"], "mensenhandel@example.org"),
            ("Specialistisch team huiselijk geweld Voorbeeld (fictief)", [], "specialisten@example.org")):
        SpecialistContact.objects.get_or_create(municipality=municipality, name=name, defaults={
            "expertise": expertise, "email": email, "phone": "000 000 0000", "note": "fictief nummer (demo)"})


def _closed_with_monitoring(actor: Actor, access: CaseAccess, route_id: int) -> None:
    """Question 5 = yes on the evaluation date, then one monitoring agreement (which closes the route)."""
    MeldcodeRoute.objects.filter(pk=route_id).update(evaluation_on=timezone.localdate())
    ms.answer_record(actor=actor, access=access, route_id=route_id, question="result_achieved", answer=True,
                     justification="De afspraken werken; moeder en kinderen voelen zich veilig (fictief)")
    monitoring_services.monitoring_agreement_record(
        actor=actor, access=access, route_id=route_id, what="Of de afspraken uit het veiligheidsplan nog werken",
        checker_text="Huisarts (fictief)", due_on=timezone.localdate() + timedelta(days=10))


def _demo_kindcheck(actor: Actor, access: CaseAccess, route_id: int | None = None) -> None:
    ms.kindcheck_record(actor=actor, access=access, route_id=route_id, risk_situations=["violent_partner"],
                        minors="yes", where_children_stay="Bij moeder; overdag op school (fictief).",
                        action_taken="Kinderen gezien bij het huisbezoek; school is op de hoogte (fictief).")


def _meldcode_examples(users: dict[str, User]) -> None:
    """Four demo routes of `medewerker`: one in step 2, one reported to Veilig Thuis (a complex situation) and helping
    under its conditions, one giving help (where "Onveiligheid keert terug" can be recorded), one closed with a
    monitoring agreement."""
    worker = users["medewerker"]
    actor = Actor.system(worker)
    cases = list(Case.objects.filter(assignments__user=worker, status="open").order_by("pk")[:4])
    for number, case in enumerate(cases):
        access = CaseAccess(case, "assigned", True)
        route = ms.route_start(actor=actor, access=access)
        note = case.notes.first()
        ms.signal_link(actor=actor, access=access, route_id=route.pk, note_id=note.pk, supports_suspicion=True)
        if case.participants.filter(role=ParticipantRole.CHILD).exists():  # step 1 needs the kindcheck
            _demo_kindcheck(actor, access, route.pk)
        ms.step_complete(actor=actor, access=access, route_id=route.pk, step=1)
        if number == 0:
            continue
        today = timezone.localdate()
        ms.consultation_record(actor=actor, access=access, route_id=route.pk, kind="colleague",
                               with_whom="Collega (fictief)", consulted_on=today, topic="Signalen besproken",
                               advice="Gesprek voeren met moeder")
        ms.step_complete(actor=actor, access=access, route_id=route.pk, step=2)
        ms.conversation_record(actor=actor, access=access, route_id=route.pk, held=True, held_on=today,
                               facts_presented="Wat de buren hoorden", reaction="Moeder bevestigt ruzies (fictief)")
        ms.step_complete(actor=actor, access=access, route_id=route.pk, step=3)
        victims = [p.person_id for p in case.participants.filter(role=ParticipantRole.VICTIM)]
        complexity = complexity_suggestion(route) | ({"forced_marriage"} if number == 1 else set())
        ms.weighing_record(actor=actor, access=access, route_id=route.pk, nature="Psychisch partnergeweld",
                           severity="moderate", risk="Herhaling waarschijnlijk", is_in_doubt=False,
                           threatened_person_ids=victims, complexity_kinds=sorted(complexity))
        ms.step_complete(actor=actor, access=access, route_id=route.pk, step=4)
        answers = [("suspicion", True), ("unsafety", True)] if number == 1 else \
            [("suspicion", True), ("unsafety", False), ("can_help", True), ("help_accepted", True)]
        for question, answer in answers:
            ms.answer_record(actor=actor, access=access, route_id=route.pk, question=question, answer=answer,
                             justification="Onderbouwing voor de demo (fictief)",
                             evaluation_on=today + timedelta(days=42))
        ms.step_complete(actor=actor, access=access, route_id=route.pk, step=5)
        if number == 3:
            _closed_with_monitoring(actor, access, route.pk)
        if number == 1:
            ms.vt_report_send(actor=actor, access=access, route_id=route.pk, idempotency_key=f"demo-report-{case.pk}",
                              informed_whom="Moeder (fictief)", informed_reaction="Begrijpt de melding")
            # Meldnorm 1: questions 3-5 with Veilig Thuis; the wijkteam helps under its safety conditions.
            ms.vt_answer_record(actor=actor, access=access, route_id=route.pk, answer="help_under_conditions",
                                summary="Overleg met Veilig Thuis: wijkteam blijft betrokken (fictief)",
                                safety_conditions="Vader woont tijdelijk bij zijn broer; geen alcohol in huis "
                                                  "(fictief)", monitoring_on=today + timedelta(days=28))


def _assessment_examples(users: dict[str, User]) -> None:
    """One case of `medewerker` with a Balansmodel and two ZRM scorings of the mother, five weeks apart. The
    Balansmodel ticks addiction after the kindcheck of that household with children: it shows "Doe de kindcheck"."""
    worker = users["medewerker"]
    actor = Actor.system(worker)
    case = Case.objects.filter(assignments__user=worker, status="open", meldcode_routes__isnull=True,
                               participants__role=ParticipantRole.CHILD).order_by("pk").first()
    if case is None:
        return
    access = CaseAccess(case, "assigned", True)
    assessment_services.balance_assess(actor=actor, access=access, factors={
        "r_meso_conflicts": "Veel ruzie over geld (fictief)", "r_meso_poverty": "Schulden (fictief)",
        "r_micro_addiction": "", "p_meso_family_friends": "Zus woont in de buurt (fictief)"})
    mother = case.participants.filter(role=ParticipantRole.VICTIM).first().person
    earlier = timezone.now() - timedelta(days=35)
    for when, score, relations in ((earlier, 2, 1), (timezone.now(), 3, 2)):
        scores = {code: assessment_services.ZrmEntry(score=relations if code == "domestic_relations" else score,
                                                     note="Demo-toelichting (fictief)") for code in DOMAIN_CODES}
        scoring = assessment_services.zrm_assess(actor=actor, access=access, person_id=mother.pk,
                                                 information_on=timezone.localdate(when), scores=scores)
        ZrmAssessment.objects.filter(pk=scoring.pk).update(assessed_at=when)  # demo history: backdate the first one


def _collaboration_examples(users: dict[str, User]) -> None:
    """One case conference of `medewerker` with a decision, and the case scaled up to AVE 2 by the coordinator."""
    from wijkveilig.collaboration import services as collaboration_services

    worker = users["medewerker"]
    case = Case.objects.filter(assignments__user=worker, status="open").order_by("pk").first()
    if case is None:
        return
    access = CaseAccess(case, "assigned", True)
    collaboration_services.conference_record(
        actor=Actor.system(worker), access=access, scheduled_at=timezone.now() - timedelta(days=7),
        participant_ids=[worker.pk, users["aandacht"].pk, users["coordinator"].pk],
        question="Is de afspraak over het ophalen van de kinderen veilig genoeg? (fictief)",
        known="Moeder houdt zich aan de afspraken (fictief).", not_known="Hoe vader reageert (fictief).",
        to_find_out="Wat de school ziet (fictief).", risk_estimate="moderate",
        decisions=[collaboration_services.DecisionIn("Gesprek met school plannen (fictief)", worker.pk,
                                                     timezone.localdate() + timedelta(days=7))])
    collaboration_services.ave_phase_change(
        actor=Actor.system(users["coordinator"]), access=CaseAccess(case, "team", True), phase=2,
        reason="Demo: er is een vraag op meerdere gebieden (fictief).", case_direction="Mila Demo-Medewerker",
        process_direction="Kees Demo-Coördinator", operational_responsibility="Teamleider wijkteam (fictief)",
        administrative_responsibility="Wethouder sociaal domein (fictief)")


def _safety_examples(users: dict[str, User]) -> None:
    """One agreed safety plan on a case of `medewerker`: three agreements (one protective, for the mother and the
    children only), one review, a safe place per victim and per child."""
    from wijkveilig.safety import selectors as safety_selectors
    from wijkveilig.safety import services as safety

    worker = users["medewerker"]
    case = Case.objects.filter(assignments__user=worker, status="open", safety_plan__isnull=True).order_by("pk").first()
    if case is None:
        return
    actor, access, today = Actor.system(worker), CaseAccess(case, "assigned", True), timezone.localdate()
    first = safety.safety_agreement_add(actor=actor, access=access, entry=safety.AgreementEntry(
        kind="immediate", who="Vader (fictief)", what="Slaapt twee weken bij zijn broer (fictief)",
        due_on=today + timedelta(days=14), where="Demostraat 1, Voorbeeld (fictief)", network="Oom Henk (fictief)",
        is_protective=False))
    safety.safety_agreement_add(actor=actor, access=access, entry=safety.AgreementEntry(
        kind="lasting", who="Ouders (fictief)", what="Volgen samen een oudercursus (fictief)",
        due_on=today + timedelta(days=90), network="Buurvrouw Greet (fictief)", is_protective=False))
    protected = [p.person_id for p in case.participants.filter(role__in=[ParticipantRole.VICTIM,
                                                                         ParticipantRole.CHILD])]
    safety.safety_agreement_add(actor=actor, access=access, entry=safety.AgreementEntry(
        kind="immediate", who="Moeder (fictief)", what="Belt bij spanning haar zus; de zus haalt haar en de kinderen "
        "op (fictief)", due_on=today + timedelta(days=7), where="Bij de zus, Voorbeeld (fictief)",
        network="Zus Ilse (fictief)", is_protective=True, audience_ids=tuple(protected)))
    safety.safety_agreement_review(actor=actor, access=access, agreement_id=first.pk, status="partly",
                                   reviewed_on=today, note="Demo: twee nachten thuis geslapen (fictief).")
    for person_id in safety_selectors.safe_place_person_ids(case):
        safety.safe_place_set(actor=actor, access=access, person_id=person_id, expected_version=0,
                              answer="Bij een vriendin in de buurt (fictief)")
    safety.plan_update(actor=actor, access=access, expected_version=1, review_on=today + timedelta(days=21))
    safety.safety_plan_agree(actor=actor, access=access)
    _mda_example(users, access)


def _mda_example(users: dict[str, User], access: CaseAccess) -> None:
    """The safety-plan case is MDA++: `medewerker` directs it, `duopartner` is the family's fixed contact person
    and the police account sees its shared plan."""
    from wijkveilig.collaboration import services as collaboration_services

    actor = Actor.system(users["medewerker"])
    collaboration_services.mda_start(
        actor=actor, access=access, case_director_id=users["medewerker"].pk,
        contact_person_id=users["duopartner"].pk,  # the family's fixed contact person beside the director
        criteria=["structural_unsafety", "escalation_risk"], reason="Demo: herhaald geweld ondanks hulp (fictief).")
    collaboration_services.mda_partner_add(
        actor=actor, access=access, user_id=users["politie"].pk, sector="police", basis="covenant",
        basis_note="Demo: convenant Zorg- en Veiligheidshuis Voorbeeld (fictief).")


# (who, source, postcode, house number, A/B/C answers): one of each colour, one address the table does not know.
DEMO_CONCERNS = [
    ("vt", "veilig_thuis", "9900 AB", "3", (True, False, False)),
    ("vt", "veilig_thuis", "9901 CD", "14", (False, True, False)),
    ("coordinator", "police", "9902 EF", "7", (False, False, True)),
    ("coordinator", "volunteer", "9903 GH", "21", (False, False, False)),
    ("vt", "veilig_thuis", "9910 KL", "5", (False, False, True)),
    ("vt", "veilig_thuis", "9999 ZZ", "1", (False, False, True)),
]


def _intake_examples(users: dict[str, User]) -> None:
    """The postcode table of Gemeente Voorbeeld and a few incoming concerns: each colour, one unknown address, one
    shared by the partner account (awaiting triage)."""
    from wijkveilig.intake import services as intake
    from wijkveilig.intake.management.commands.intake_import_postcodes import DEMO_TABLE
    from wijkveilig.intake.models import Concern, PostcodeRange
    from wijkveilig.intake.triage import TriageAnswers

    if not PostcodeRange.objects.exists():
        import csv
        with open(DEMO_TABLE, newline="", encoding="utf-8") as handle:
            intake.postcode_ranges_import(rows=list(enumerate(csv.DictReader(handle), start=2)))
    if Concern.objects.exists():
        return
    reasons = {"direct_danger": "Fictieve onderbouwing (demo).", "structural_unsafety": "Fictieve onderbouwing (demo).",
               "multi_problem": "Fictieve onderbouwing (demo)."}
    for number, (who, source, postcode, house_number, abc) in enumerate(DEMO_CONCERNS):
        intake.concern_register(
            actor=Actor.system(users[who]), source=source, received_at=timezone.now() - timedelta(hours=5 * number),
            household_name=f"Huishouden {SURNAMES[number]}-Intake (demo)", street="Intakestraat (fictief)",
            house_number=house_number, postcode=postcode, city="Voorbeeld",
            observation="Synthetische demo-melding: zorgen over de veiligheid thuis (fictief).",
            persons=[intake.PersonKnown(ADULT_NAMES[number], f"{SURNAMES[number]}-Intake")],
            answers=TriageAnswers(*abc), reasons=reasons)
    intake.concern_share(actor=Actor.system(users["partner"]), household_name="Huishouden Deelsma (demo)",
                         postcode="9900 AB", house_number="9",
                         observation="Synthetisch: kind komt vaak zonder eten naar de sportclub (fictief).")


@transaction.atomic
def demo_seed(*, households: int = 40, volume: bool = False) -> dict:
    """Create the demo world once; running it again changes nothing. `volume`: add three years of synthetic
    figures for the wijkanalyse (demo/volume.py)."""
    buurten = _geography()
    users = _accounts()
    Team.objects.filter(municipality__code=MUNICIPALITY[0], vt_contact__isnull=True).update(vt_contact=users["vt"])
    _intake_examples(users)
    _specialist_contacts()
    team_examples(users, MUNICIPALITY[0])
    analysis_demo(MUNICIPALITY[0])
    if Case.objects.filter(team__municipality__code=MUNICIPALITY[0]).exclude(
            reference__startswith=f"{VOLUME_PREFIX}-").exists():
        return {"created_cases": 0, **(volume_seed(municipality=MUNICIPALITY[0]) if volume else {})}
    rng = random.Random(9999)  # noqa: S311 - seeded for repeatable synthetic demo data, not security
    north = [b for code, b in buurten.items() if code in TEAMS["Wijkteam Voorbeeld-Noord"]]
    south = [b for code, b in buurten.items() if code in TEAMS["Wijkteam Voorbeeld-Zuid"]]
    for index in range(households):
        if index % 4 == 3:
            _household_case(rng, index, users["buitenstaander"], south[index % len(south)], users)
        else:
            owner = users["medewerker"] if index % 2 == 0 else users["duopartner"]
            _household_case(rng, index, owner, north[index % len(north)], users)
    _meldcode_examples(users)
    _assessment_examples(users)
    _collaboration_examples(users)
    _safety_examples(users)
    return {"created_cases": households, **(volume_seed(municipality=MUNICIPALITY[0]) if volume else {})}
