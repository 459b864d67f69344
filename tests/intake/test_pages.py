"""Intake pages per persona: who sees which concern, the partner's short form, the counts-only overview."""

import pytest
from django.urls import reverse

from tests.intake.conftest import answers, register
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.intake import services
from wijkveilig.intake.models import Concern

NEW_CONCERN = {
    "source": "veilig_thuis", "received_at": "2024-05-01T10:00", "household_name": "Huishouden Overdrachtproef",
    "street": "Proefstraat", "house_number": "4", "postcode": "9900 AC", "city": "Voorbeeld",
    "observation": "Fictief: moeder meldt bedreiging door ex-partner.",
    "p1_first_name": "Anna", "p1_last_name": "Overdrachtproef", "p1_bsn": "999990019", "p1_role": "victim",
    "direct_danger": "no", "direct_danger_reason": "Fictief: partner is uit huis.",
    "structural_unsafety": "yes", "structural_unsafety_reason": "Fictief: al jaren geweld.",
    "multi_problem": "no", "multi_problem_reason": "Fictief: geen andere problemen bekend.",
}


def test_vt_liaison_registers_a_transfer(iworld, as_user):
    response = as_user(iworld.vt_liaison).post(reverse("intake:new"), NEW_CONCERN)
    concern = Concern.objects.get()
    assert response.status_code == 302 and response.url == reverse("intake:detail", args=[concern.pk])
    assert (concern.final_colour, concern.team, concern.submitted_by) == ("oranje", iworld.team, iworld.vt_liaison)


def test_invalid_registration_keeps_what_was_typed(iworld, as_user):
    response = as_user(iworld.vt_liaison).post(reverse("intake:new"), {**NEW_CONCERN, "p1_bsn": "123456789",
                                                                        "structural_unsafety_reason": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Fictief: moeder meldt bedreiging" in body and "Onderbouwing" in body
    assert not Concern.objects.exists()


def test_bsn_failing_11_proef_is_a_clear_error(iworld, as_user):
    response = as_user(iworld.vt_liaison).post(reverse("intake:new"), {**NEW_CONCERN, "p1_bsn": "123456789"})
    assert response.status_code == 400 and "elfproef" in response.content.decode()


def test_coordinator_queue_is_sorted_by_colour_then_age(iworld, as_user):
    green = register(iworld.vt_liaison, colour_answers=answers())
    red = register(iworld.vt_liaison, colour_answers=answers(a=True))
    yellow = register(iworld.vt_liaison, colour_answers=answers(c=True))
    body = as_user(iworld.coordinator).get(reverse("intake:queue")).content.decode()
    positions = [body.index(c.reference) for c in (red, yellow, green)]
    assert positions == sorted(positions)
    assert "met ondersteuning Veilig Thuis/specialist" in body


def test_red_concern_shows_call_112_and_the_vt_contact(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers(a=True))
    body = as_user(iworld.coordinator).get(reverse("intake:detail", args=[concern.pk])).content.decode()
    assert "Bel 112" in body and "Acute route" in body
    assert "Vaste contactpersoon Veilig Thuis" in body and iworld.vt_liaison.get_full_name() in body
    assert "geen landelijke standaard" in body


@pytest.mark.parametrize("persona", ["outsider", "outside_coordinator", "worker", "policy_officer", "partner",
                                     "admin", "log_officer"])
def test_out_of_scope_gets_404_and_a_denied_log_row(iworld, as_user, persona):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    user = getattr(iworld, persona)
    response = as_user(user).get(reverse("intake:detail", args=[concern.pk]))
    assert response.status_code == 404 and "Intakeproef" not in response.content.decode()
    assert AccessLogEntry.objects.filter(event="concern.access_denied", user_id=user.pk, outcome="denied").exists()


def test_reading_a_concern_writes_an_access_log_row(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    as_user(iworld.coordinator).get(reverse("intake:detail", args=[concern.pk]))
    row = AccessLogEntry.objects.get(event="concern.viewed", user_id=iworld.coordinator.pk)
    assert (row.section, row.auth_rule) == ("intake", f"team {concern.reference}")


def test_vt_contact_reads_but_cannot_overrule(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    client = as_user(iworld.vt_liaison)
    assert client.get(reverse("intake:detail", args=[concern.pk])).status_code == 200
    response = client.post(reverse("intake:overrule", args=[concern.pk]), {"colour": "rood", "reason": "Fictief"})
    assert response.status_code == 403
    assert Concern.objects.get(pk=concern.pk).final_colour == "groen"


def test_overrule_without_reason_is_refused_and_keeps_input(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    response = as_user(iworld.coordinator).post(reverse("intake:overrule", args=[concern.pk]), {"colour": "rood"})
    assert response.status_code == 400
    assert Concern.objects.get(pk=concern.pk).final_colour == "groen"


def test_partner_shares_and_sees_only_status(iworld, as_user):
    client = as_user(iworld.partner)
    response = client.post(reverse("intake:share"), {
        "household_name": "Huishouden Deelproef", "postcode": "9900AB", "house_number": "3",
        "observation": "Fictief: kind vaak hongerig."})
    assert response.status_code == 302
    concern = Concern.objects.get()
    actor = Actor.system(iworld.coordinator)
    from wijkveilig.intake.access import ConcernAccess
    services.concern_triage(expected_version=concern.version,
                            actor=actor, access=ConcernAccess(concern, "team", True), answers=answers(a=True),
                            reasons={"direct_danger": "x", "structural_unsafety": "x", "multi_problem": "x"})
    body = client.get(reverse("intake:shared")).content.decode()
    assert concern.reference in body and "in behandeling" in body
    assert "rood" not in body and "kind vaak hongerig" not in body
    assert client.get(reverse("intake:detail", args=[concern.pk])).status_code == 404


def test_partner_is_refused_every_intake_work_page(iworld, as_user):
    client = as_user(iworld.partner)
    for name in ("intake:queue", "intake:new", "insight:concerns_overview", "cases:caseload", "cases:list"):
        assert client.get(reverse(name)).status_code in (403, 302), name
    assert client.get(reverse("cases:detail", args=[iworld.case.pk])).status_code == 404


def test_share_rate_limit_message_in_dutch(iworld, as_user):
    client = as_user(iworld.partner)
    data = {"household_name": "Huishouden Deelproef", "observation": "Fictief"}
    for _ in range(services.MAX_SHARES_PER_HOUR):
        assert client.post(reverse("intake:share"), data).status_code == 302
    response = client.post(reverse("intake:share"), data)
    assert response.status_code == 400 and "afgelopen uur" in response.content.decode()


def test_coordinator_opens_case_and_worker_can_open_it(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers(b=True))
    response = as_user(iworld.coordinator).post(reverse("intake:case_open", args=[concern.pk]),
                                                {"household": "new", "workers": [iworld.worker.pk]})
    assert response.status_code == 302
    concern.refresh_from_db()
    page = as_user(iworld.worker).get(reverse("cases:detail", args=[concern.case.pk])).content.decode()
    assert concern.reference in page and "Vaste contactpersoon Veilig Thuis" in page


def test_case_open_without_workers_keeps_the_form(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    response = as_user(iworld.coordinator).post(reverse("intake:case_open", args=[concern.pk]), {"household": "new"})
    assert response.status_code == 400 and not Concern.objects.get(pk=concern.pk).case


def test_wrong_method_is_405(iworld, as_user):
    concern = register(iworld.vt_liaison, colour_answers=answers())
    assert as_user(iworld.coordinator).get(reverse("intake:overrule", args=[concern.pk])).status_code == 405


def test_queue_query_count_does_not_grow_with_the_queue(iworld, as_user, django_assert_max_num_queries):
    client = as_user(iworld.coordinator)
    register(iworld.vt_liaison, colour_answers=answers())
    client.get(reverse("intake:queue"))
    for _ in range(10):
        register(iworld.vt_liaison, colour_answers=answers(b=True))
        register(iworld.vt_liaison, postcode="9999ZZ", colour_answers=answers())
    with django_assert_max_num_queries(20):
        body = client.get(reverse("intake:queue")).content.decode()
    assert body.count("Intakeproef") == 21
