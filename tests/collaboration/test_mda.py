"""MDA++: one case director from the team, external partners who see the shared plan, agreements and conference
decisions of the cases they were added to — never notes, review notes, deliberations or safe places — and whose
every look is in the access log. Access ends when the partner is removed, MDA++ ends or the case closes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_client
from tests.factories import UserFactory
from tests.safety.conftest import entry
from wijkveilig.accounts.models import Role
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.cases.access import case_grant
from wijkveilig.cases.models import Case
from wijkveilig.collaboration import services
from wijkveilig.collaboration.models import MdaPartner
from wijkveilig.core.errors import DomainError
from wijkveilig.safety import services as safety_services

NOTE = "Fictief: vader dreigde met een mes (notitie)"
REVIEW_NOTE = "Fictief: oom twijfelt of hij dit volhoudt (evaluatie)"
SAFE_PLACE = "Fictief: bij zus Testerink in Proefstad (veilige plek)"
DELIBERATION = "Fictief: vermoeden van drugshandel (overweging)"
AGREEMENT = "Fictief: vader slaapt bij oom"
DECISION = "Fictief: huisbezoek samen met politie"
SECRETS = (NOTE, REVIEW_NOTE, SAFE_PLACE, DELIBERATION)


@pytest.fixture
def mda_case(world, police):
    """The world's case as MDA++ with a plan, a reviewed agreement, a safe place, a conference and a note."""
    actor, access = Actor.system(world.worker), world.access
    victim = hh.person_add(actor=actor, access=access, first_name="Anna", last_name="Testerink", roles=["victim"])
    case_services.note_add(actor=actor, access=access, kind="signal", statement_kind="observation",
                           occurred_at=timezone.now(), body=NOTE)
    agreement = safety_services.safety_agreement_add(actor=actor, access=access, entry=entry(what=AGREEMENT))
    safety_services.safety_agreement_review(actor=actor, access=access, agreement_id=agreement.pk, status="partly",
                                            reviewed_on=timezone.localdate(), note=REVIEW_NOTE)
    safety_services.safe_place_set(expected_version=0, actor=actor, access=access,
                                   person_id=victim.pk, answer=SAFE_PLACE)
    services.conference_record(actor=actor, access=access, scheduled_at=timezone.now(),
                               participant_ids=[world.worker.pk], question="Fictief: is het veilig?",
                               known=DELIBERATION, risk_estimate="high",
                               decisions=[services.DecisionIn(DECISION, world.worker.pk, date(2030, 1, 1))])
    services.mda_start(actor=actor, access=access, case_director_id=world.worker.pk,
                       criteria=["structural_unsafety", "escalation_risk"], reason="Fictief: geweld houdt aan.")
    world.partnership = services.mda_partner_add(actor=actor, access=access, user_id=police.pk, sector="police",
                                                 basis="covenant", basis_note="Fictief: convenant ZVH Proefland")
    return world


def _shared(world):
    return reverse("collaboration:shared", args=[world.case.pk])


# ---- what the external partner sees, and what not ----------------------------------------------------------

def test_partner_sees_the_shared_plan_agreements_and_decisions_but_never_notes(mda_case, police):
    body = login_client(police).get(_shared(mda_case)).content.decode()
    assert AGREEMENT in body and DECISION in body
    assert "deels nagekomen" in body  # the agreement's latest status, without its note
    assert mda_case.worker.username in body or mda_case.worker.get_full_name() in body  # the case director
    for secret in SECRETS:
        assert secret not in body, secret


def test_partner_sees_a_protective_agreement_only_as_withheld(mda_case, police):
    """Issue 9: the victim's protection (who to call, where to go) is not the partners' need to know."""
    victim = mda_case.case.participants.get(role="victim").person
    safety_services.safety_agreement_add(actor=Actor.system(mda_case.worker), access=mda_case.access, entry=entry(
        what="KANARIE-MDA: belt bij spanning haar zus", where="KANARIE-WAAR", is_protective=True,
        audience_ids=(victim.pk,)))
    page = login_client(police).get(_shared(mda_case)).content.decode()
    assert "de inhoud wordt niet gedeeld" in page and AGREEMENT in page
    shared = login_client(police).get(f"/api/v1/cases/{mda_case.case.pk}/mda/shared-plan").json()
    withheld = [a for a in shared["agreements"] if a["is_withheld"]]
    assert len(withheld) == 1 and withheld[0]["what"] == withheld[0]["where"] == ""
    for body in (page, str(shared)):
        assert "KANARIE" not in body


@pytest.mark.parametrize("name", ["cases:detail", "safety:plan", "collaboration:overview", "assessment:overview",
                                  "cases:note_add", "collaboration:mda"])
def test_partner_gets_404_on_every_other_part_of_the_case_and_it_is_logged(mda_case, police, name):
    response = login_client(police).get(reverse(name, args=[mda_case.case.pk]))
    assert response.status_code == 404
    for secret in SECRETS:
        assert secret not in response.content.decode()
    assert AccessLogEntry.objects.filter(username=police.username, event="case.access_denied",
                                         case_id=mda_case.case.pk, outcome="denied").exists()


def test_partner_cannot_read_notes_or_the_case_through_the_api(mda_case, police):
    client = login_client(police)
    for path in (f"/api/v1/cases/{mda_case.case.pk}/notes", f"/api/v1/cases/{mda_case.case.pk}",
                 f"/api/v1/cases/{mda_case.case.pk}/safety-plan", f"/api/v1/cases/{mda_case.case.pk}/collaboration"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert NOTE not in response.content.decode()
    shared = client.get(f"/api/v1/cases/{mda_case.case.pk}/mda/shared-plan")
    assert shared.status_code == 200
    assert AGREEMENT in shared.content.decode() and all(s not in shared.content.decode() for s in SECRETS)


def test_every_look_of_the_partner_is_in_the_access_log(mda_case, police):
    mda_page = reverse("collaboration:mda", args=[mda_case.case.pk])
    assert "nog niet" in login_client(mda_case.worker).get(mda_page).content.decode()
    login_client(police).get(_shared(mda_case))
    row = AccessLogEntry.objects.get(username=police.username, event="mda.shared_plan_viewed")
    assert (row.case_id, row.section, row.auth_rule, row.outcome) == (mda_case.case.pk, "mda", "mda_partner", "success")
    assert row.organisation == "Politie Eenheid Proefland"
    # the case director sees when the partner last looked
    page = login_client(mda_case.worker).get(mda_page).content.decode()
    assert "nog niet" not in page and timezone.localtime(row.at).strftime("%Y") in page


def test_partner_sees_only_the_cases_they_were_added_to(mda_case, police, world):
    other = case_services.case_open(actor=Actor.system(world.worker), household_name="Huishouden Proefmans")
    client = login_client(police)
    listing = client.get(reverse("collaboration:partner_cases")).content.decode()
    assert mda_case.case.reference in listing and other.case.reference not in listing
    assert client.get(reverse("collaboration:shared", args=[other.case.pk])).status_code == 404
    assert AccessLogEntry.objects.filter(username=police.username, event="mda.cases_listed").exists()
    assert client.get(reverse("home"))["Location"] == reverse("collaboration:partner_cases")


def test_outsider_and_a_partner_not_added_get_404(mda_case, world):
    stranger = UserFactory(username="t_ggz", role=Role.PARTNER, organisation="GGZ Proefland")
    for user in (world.outsider, stranger, world.vt_liaison):
        response = login_client(user).get(_shared(mda_case))
        assert response.status_code == 404, user.username
        assert AGREEMENT not in response.content.decode()


def test_the_team_sees_what_partners_see(mda_case):
    response = login_client(mda_case.coordinator).get(_shared(mda_case))
    assert response.status_code == 200 and AGREEMENT in response.content.decode()
    assert SAFE_PLACE not in response.content.decode()


# ---- access ends ------------------------------------------------------------------------------------------

def test_removing_the_partner_ends_their_access_at_once(mda_case, police):
    client = login_client(police)
    assert client.get(_shared(mda_case)).status_code == 200
    services.mda_partner_remove(actor=Actor.system(mda_case.worker), access=mda_case.access,
                                partner_id=mda_case.partnership.pk, reason="Fictief: politie niet meer betrokken.")
    assert client.get(_shared(mda_case)).status_code == 404
    assert case_grant(police, mda_case.case, "mda") is None


def test_ending_mda_ends_every_partners_access(mda_case, police):
    services.mda_end(actor=Actor.system(mda_case.coordinator), access=mda_case.access, reason="Fictief: afgeschaald.")
    assert login_client(police).get(_shared(mda_case)).status_code == 404
    assert MdaPartner.objects.get().removed_at is not None
    assert Case.objects.visible_to(police).count() == 0


def test_closing_the_case_ends_partner_access(mda_case, police):
    case_services.case_close(actor=Actor.system(mda_case.worker), access=mda_case.access, reason="safety_reached",
                             expected_version=mda_case.case.version)
    assert login_client(police).get(_shared(mda_case)).status_code == 404


# ---- the rules of the service -----------------------------------------------------------------------------

def test_only_case_direction_may_start_mda_and_a_refusal_is_logged(world):
    access = case_services.emergency_access_grant(actor=Actor.system(world.colleague), case_id=world.case.pk,
                                                  reason="Fictieve noodsituatie voor de test.")
    assert access.grant == "emergency"
    with pytest.raises(PermissionDenied):
        services.mda_start(actor=Actor.system(world.colleague), access=access, case_director_id=world.worker.pk,
                           criteria=["long_history"], reason="Fictief")
    assert AccessLogEntry.objects.filter(event="collaboration.mda_start_denied", outcome="denied").exists()


@pytest.mark.parametrize("kwargs, field", [
    ({"criteria": []}, "criteria"),
    ({"criteria": ["bestaat_niet"]}, "criteria"),
    ({"reason": "  "}, "reason"),
    ({"case_director_id": "outsider"}, "case_director"),
    ({"case_director_id": "vt_liaison"}, "case_director"),
])
def test_start_refuses_incomplete_or_wrong_input(world, kwargs, field):
    values = {"case_director_id": world.worker.pk, "criteria": ["long_history"], "reason": "Fictief"} | kwargs
    if isinstance(values["case_director_id"], str):
        values["case_director_id"] = getattr(world, values["case_director_id"]).pk
    with pytest.raises(DomainError) as refused:
        services.mda_start(actor=Actor.system(world.worker), access=world.access, **values)
    assert refused.value.field == field


def test_one_mda_at_a_time_and_partners_only_from_external_accounts(mda_case, police):
    actor, access = Actor.system(mda_case.worker), mda_case.access
    with pytest.raises(DomainError):
        services.mda_start(actor=actor, access=access, case_director_id=mda_case.worker.pk,
                           criteria=["long_history"], reason="Fictief")
    with pytest.raises(DomainError) as twice:
        services.mda_partner_add(actor=actor, access=access, user_id=police.pk, sector="police", basis="consent",
                                 basis_note="Fictief")
    assert twice.value.field == "user"
    with pytest.raises(DomainError) as colleague:  # a team member is no external partner
        services.mda_partner_add(actor=actor, access=access, user_id=mda_case.outsider.pk, sector="other",
                                 basis="consent", basis_note="Fictief")
    assert colleague.value.field == "user"
    with pytest.raises(DomainError) as no_ground:
        services.mda_partner_add(actor=actor, access=access, user_id=mda_case.vt_liaison.pk, sector="veilig_thuis",
                                 basis="consent", basis_note=" ")
    assert no_ground.value.field == "basis_note"


def test_case_director_changes_within_the_team_and_is_on_the_timeline(mda_case):
    services.mda_director_change(actor=Actor.system(mda_case.coordinator), access=mda_case.access,
                                 expected_version=services.mda_current(mda_case.case).version,
                                 case_director_id=mda_case.duo_partner.pk)
    assert services.mda_current(mda_case.case).case_director == mda_case.duo_partner
    events = set(mda_case.case.timeline.values_list("event", flat=True))
    assert {"collaboration.mda_started", "collaboration.mda_partner_added",
            "collaboration.mda_director_changed"} <= events
    assert AccessLogEntry.objects.filter(event="collaboration.mda_director_changed", case_id=mda_case.case.pk).exists()


def test_vt_liaison_as_partner_sees_the_shared_plan_without_losing_the_report_section(mda_case):
    services.mda_partner_add(actor=Actor.system(mda_case.worker), access=mda_case.access,
                             user_id=mda_case.vt_liaison.pk, sector="veilig_thuis", basis="statutory_task",
                             basis_note="Fictief: wettelijke taak Veilig Thuis")
    client = login_client(mda_case.vt_liaison)
    assert client.get(_shared(mda_case)).status_code == 200
    assert client.get(reverse("cases:detail", args=[mda_case.case.pk])).status_code == 404


# ---- the team's pages ---------------------------------------------------------------------------------------

def test_worker_starts_mda_and_adds_a_partner_in_the_pages(world, police):
    client = login_client(world.worker)
    url = reverse("collaboration:mda", args=[world.case.pk])
    refused = client.post(url, {"case_director": world.worker.pk, "reason": "Fictief: blijft onveilig"})
    assert refused.status_code == 400
    assert "Fictief: blijft onveilig" in refused.content.decode()  # what was typed is kept
    started = client.post(url, {"case_director": world.worker.pk, "criteria": ["long_history"],
                                "reason": "Fictief: blijft onveilig"})
    assert started.status_code == 302
    added = client.post(reverse("collaboration:mda_partner_add", args=[world.case.pk]), {
        "partner-user": police.pk, "partner-sector": "police", "partner-basis": "covenant",
        "partner-basis_note": "Fictief: convenant"})
    assert added.status_code == 302
    page = client.get(url).content.decode()
    assert "Politie Eenheid Proefland" in page and "convenant" in page
    partner = MdaPartner.objects.get()
    removed = client.post(reverse("collaboration:mda_partner_remove", args=[world.case.pk, partner.pk]),
                          {f"remove-{partner.pk}-reason": ""})
    assert removed.status_code == 400  # a reason is required
    client.post(reverse("collaboration:mda_partner_remove", args=[world.case.pk, partner.pk]),
                {f"remove-{partner.pk}-reason": "Fictief: niet meer nodig"})
    assert MdaPartner.objects.get().removed_at is not None


def test_a_change_posted_from_a_stale_page_is_refused_visibly(mda_case):
    services.mda_end(actor=Actor.system(mda_case.coordinator), access=mda_case.access, reason="Fictief: afgeschaald.")
    response = login_client(mda_case.worker).post(reverse("collaboration:mda_end", args=[mda_case.case.pk]),
                                                  {"end-reason": "Fictief: nogmaals"})
    assert response.status_code == 400
    assert "geen MDA++-casus" in response.content.decode()


def test_shared_page_has_bounded_queries(mda_case, police, django_assert_max_num_queries):
    actor = Actor.system(mda_case.worker)
    for n in range(15):
        safety_services.safety_agreement_add(actor=actor, access=mda_case.access, entry=entry(what=f"Fictief {n}"))
    client = login_client(police)
    client.get(_shared(mda_case))
    with django_assert_max_num_queries(25):
        assert client.get(_shared(mda_case)).status_code == 200


def test_team_mda_page_and_partner_list_have_bounded_queries(mda_case, police, django_assert_max_num_queries):
    actor = Actor.system(mda_case.worker)
    partners = [UserFactory(username=f"t_partner_{n}", role=Role.PARTNER, organisation=f"GGZ {n}") for n in range(8)]
    for partner in partners:
        services.mda_partner_add(actor=actor, access=mda_case.access, user_id=partner.pk, sector="mental_health",
                                 basis="consent", basis_note="Fictief")
    for n in range(8):
        other = case_services.case_open(actor=actor, household_name=f"Huishouden Proef {n}")
        services.mda_start(actor=actor, access=other, case_director_id=mda_case.worker.pk, criteria=["long_history"],
                           reason="Fictief")
        services.mda_partner_add(actor=actor, access=other, user_id=police.pk, sector="police", basis="consent",
                                 basis_note="Fictief")
    team, partner = login_client(mda_case.worker), login_client(police)
    with django_assert_max_num_queries(40):
        assert team.get(reverse("collaboration:mda", args=[mda_case.case.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        listing = partner.get(reverse("collaboration:partner_cases"))
    assert listing.content.decode().count("Huishouden Proef") == 8
