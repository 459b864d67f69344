"""Pages for the end of an oranje/rood concern: the queue marks it until it is handled, the report form is prefilled,
the VT contact sees the report in the inbox, and groen/geel show the specialist team's support."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.intake.conftest import answers, register
from wijkveilig.accounts.models import Role
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.intake import services
from wijkveilig.intake.access import ConcernAccess
from wijkveilig.intake.models import ConcernHandling
from wijkveilig.intake.services import PersonKnown

REPORT_FORM = {"idempotency_key": "page-form-key-1", "observation": "Fictief: kind huilde, moeder had een blauw oog.",
               "informed_whom": "", "informed_reaction": "", "not_informed_reason": "Fictief: vader zou wraak nemen."}


def red_concern(world, **extra):
    return register(world.vt_liaison, colour_answers=answers(a=True),
                    persons=[PersonKnown("Liv", "Intakeproef", role="child")], **extra)


def test_red_concern_stays_in_the_queue_marked_until_reported(iworld, as_user):
    concern = red_concern(iworld)
    client = as_user(iworld.coordinator)
    queue = client.get(reverse("intake:queue")).content.decode()
    assert concern.reference in queue and "nog niet afgehandeld" in queue
    assert "nog niet afgehandeld" in client.get(reverse("intake:detail", args=[concern.pk])).content.decode()
    response = client.post(reverse("intake:vt_report", args=[concern.pk]), REPORT_FORM)
    assert response.status_code == 302 and response.url == reverse("intake:vt_report", args=[concern.pk])
    assert concern.reference not in client.get(reverse("intake:queue")).content.decode()
    detail = client.get(reverse("intake:detail", args=[concern.pk])).content.decode()
    assert "gemeld bij Veilig Thuis vanuit de intake" in detail and "nog niet afgehandeld" not in detail


def test_municipal_queue_marks_an_unrouted_red_concern(iworld, as_user):
    concern = red_concern(iworld, postcode="9999 ZZ")
    body = as_user(iworld.outside_coordinator).get(reverse("intake:queue")).content.decode()
    assert concern.reference in body and "nog niet afgehandeld" in body


def test_report_form_is_prefilled_from_the_concern(iworld, as_user):
    concern = red_concern(iworld)
    body = as_user(iworld.coordinator).get(reverse("intake:vt_report", args=[concern.pk])).content.decode()
    assert "Fictief: buren hoorden geschreeuw." in body  # the observation, in the textarea
    assert "Liv Intakeproef" in body and "Fictief: geen acuut gevaar gemeld." in body  # persons and triage reasons
    assert "overdracht Veilig Thuis" in body and "rood" in body  # source and colour


def test_invalid_report_keeps_the_input_and_says_what_is_missing(iworld, as_user):
    concern = red_concern(iworld)
    response = as_user(iworld.coordinator).post(reverse("intake:vt_report", args=[concern.pk]),
                                                 {**REPORT_FORM, "not_informed_reason": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "wie u vooraf over de melding heeft geïnformeerd" in body
    assert "blauw oog" in body and not ConcernHandling.objects.exists()


def test_double_post_of_the_report_form_makes_one_report(iworld, as_user):
    concern, client = red_concern(iworld), as_user(iworld.coordinator)
    for _ in range(2):
        assert client.post(reverse("intake:vt_report", args=[concern.pk]), REPORT_FORM).status_code == 302
    assert ConcernHandling.objects.count() == 1


def test_vt_contact_sees_the_intake_report_in_the_inbox_and_another_liaison_does_not(iworld, as_user):
    concern = red_concern(iworld)
    as_user(iworld.coordinator).post(reverse("intake:vt_report", args=[concern.pk]), REPORT_FORM)
    inbox = as_user(iworld.vt_liaison).get(reverse("meldcode:vt_inbox")).content.decode()
    assert concern.reference in inbox and reverse("intake:vt_report", args=[concern.pk]) in inbox
    page = as_user(iworld.vt_liaison).get(reverse("intake:vt_report", args=[concern.pk])).content.decode()
    assert "blauw oog" in page and "vader zou wraak nemen" in page
    assert AccessLogEntry.objects.filter(event="concern.vt_reports_listed", user_id=iworld.vt_liaison.pk).exists()

    other = UserFactory(username="t_vt_elders", role=Role.VT_LIAISON)
    client = as_user(other)
    assert concern.reference not in client.get(reverse("meldcode:vt_inbox")).content.decode()
    assert client.get(reverse("intake:vt_report", args=[concern.pk])).status_code == 404
    assert client.get(reverse("intake:detail", args=[concern.pk])).status_code == 404


def test_vt_known_form_needs_the_reference(iworld, as_user):
    concern = red_concern(iworld)
    client = as_user(iworld.coordinator)
    url = reverse("intake:vt_known", args=[concern.pk])
    response = client.post(url, {"idempotency_key": "page-known-key", "vt_reference": "", "vt_known_on": "2024-05-01"})
    assert response.status_code == 400 and "Kenmerk van Veilig Thuis" in response.content.decode()
    response = client.post(url, {"idempotency_key": "page-known-key", "vt_reference": "VT-77",
                                 "vt_known_on": "2024-05-01"})
    assert response.status_code == 302
    assert "VT-77" in client.get(reverse("intake:detail", args=[concern.pk])).content.decode()


@pytest.mark.parametrize("colour", [answers(c=True), answers()])
def test_groen_and_geel_show_the_specialist_teams_support(iworld, as_user, colour):
    iworld.vt_liaison.first_name, iworld.vt_liaison.last_name = "Vera", "Contactproef"
    iworld.vt_liaison.email = "vera@veiligthuis.example"
    iworld.vt_liaison.save()
    concern = register(iworld.coordinator, colour_answers=colour)
    client = as_user(iworld.coordinator)
    body = client.get(reverse("intake:detail", args=[concern.pk])).content.decode()
    assert "Ondersteuning door het specialistische team" in body and "0800-2000 voor advies" in body
    assert "Vera Contactproef" in body and "vera@veiligthuis.example" not in body
    assert "nog niet afgehandeld" not in body
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator),
                                      access=ConcernAccess(concern=concern, grant="team", can_write=True),
                                      worker_ids=[iworld.worker.pk])
    case_page = as_user(iworld.worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "0800-2000 voor advies" in case_page and "Vera Contactproef" in case_page
    assert "vera@veiligthuis.example" not in case_page


def test_red_case_page_shows_the_route_outcome_not_only_vt_in_charge(iworld, as_user):
    concern = red_concern(iworld)
    case = services.concern_case_open(actor=Actor.system(iworld.coordinator),
                                      access=ConcernAccess(concern=concern, grant="team", can_write=True),
                                      worker_ids=[iworld.worker.pk])
    body = as_user(iworld.worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "casus met een lopende Meldcode-route" in body and "heeft de regie" not in body


def test_queue_queries_stay_bounded_with_handled_concerns(iworld, as_user, django_assert_max_num_queries):
    client = as_user(iworld.coordinator)
    red_concern(iworld)
    client.get(reverse("intake:queue"))
    actor = Actor.system(iworld.coordinator)
    for i in range(8):
        concern = red_concern(iworld, postcode="9999 ZZ" if i % 2 else "9900 AB")
        if i % 4 == 0:
            services.concern_vt_known_confirm(
                actor=actor, access=ConcernAccess(concern=concern, grant="team", can_write=True),
                idempotency_key=f"bounded-{i:04d}", vt_reference="VT-1", vt_known_on=concern.received_at.date())
    with django_assert_max_num_queries(20):
        body = client.get(reverse("intake:queue")).content.decode()
    assert body.count("nog niet afgehandeld") == 7
