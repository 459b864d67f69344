"""One existing record behind every id a URL pattern or API operation takes (for tests that walk them all)."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory
from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.collaboration import services as collaboration
from wijkveilig.intake import services as intake
from wijkveilig.meldcode import services as ms
from wijkveilig.safety import services as safety


def real_records(world) -> dict:
    """Persons, a note, a Meldcode route with a report, a safety agreement, a conference decision, an MDA++ partner
    and an intake concern on the world's case (all fictitious); returns their ids by parameter name."""
    actor, access = Actor.system(world.worker), world.access
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    parent = hh.person_add(actor=actor, access=access, first_name="Testouder", last_name="Fictief", roles=["victim"])
    child = hh.person_add(actor=actor, access=access, first_name="Testkind", last_name="Fictief", roles=["child"])
    note = services.note_add(actor=actor, access=access, kind="note", statement_kind="observation",
                             occurred_at=timezone.now(), body="Fictieve waarneming")
    route = ms.route_start(actor=actor, access=access)
    ms.acute_danger_record(actor=actor, access=access, route_id=route.pk, police_called_at=timezone.now(),
                           called_by="Medewerker (fictief)")
    report = ms.vt_report_send(actor=actor, access=access, route_id=route.pk, idempotency_key="records-01",
                               not_informed_reason="Acuut gevaar (fictief)")
    agreement = safety.safety_agreement_add(actor=actor, access=access, entry=safety.AgreementEntry(
        kind="immediate", who="Moeder (fictief)", what="Belt 112 bij dreiging",
        due_on=timezone.localdate() + timedelta(days=7)))
    conference = collaboration.conference_record(
        actor=actor, access=access, scheduled_at=timezone.now(), participant_ids=[world.worker.pk],
        question="Fictief: is het veilig?", risk_estimate="high",
        decisions=[collaboration.DecisionIn("Fictief besluit", world.worker.pk, timezone.localdate())])
    police = UserFactory(username="t_politie", role=Role.PARTNER, organisation="Politie Proefland (fictief)")
    collaboration.mda_start(actor=actor, access=access, case_director_id=world.worker.pk,
                            criteria=["structural_unsafety", "escalation_risk"], reason="Fictief: geweld houdt aan.")
    partner = collaboration.mda_partner_add(actor=actor, access=access, user_id=police.pk, sector="police",
                                            basis="covenant", basis_note="Fictief: convenant")
    concern = intake.concern_register(
        actor=actor, source="team", received_at=timezone.now(), household_name="Huishouden Intakeproef",
        observation="Fictief: buren hoorden geschreeuw.", persons=[])
    return {"case_id": world.case.pk, "person_id": parent.pk, "other_id": child.pk, "note_id": note.pk,
            "route_id": route.pk, "report_id": report.pk, "agreement_id": agreement.pk,
            "decision_id": conference.decisions.get().pk, "partner_id": partner.pk, "concern_id": concern.pk,
            "owner_id": world.worker.pk, "case_director_id": world.worker.pk, "contact_person_id": world.duo_partner.pk,
            "user_id": police.pk, "for_person_id": parent.pk,
            "member_id": world.worker.memberships.get(team=world.team).pk,
            "municipality_id": world.team.municipality_id, "year": timezone.localdate().year}
