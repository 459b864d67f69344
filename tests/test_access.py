"""Who may see a case: fail closed, 404 like missing, every attempt in the access log."""

import re

import pytest
from django.urls import reverse

from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services


def _without_csrf(content: bytes) -> bytes:
    content = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def detail(case):
    return reverse("cases:detail", args=[case.pk])


@pytest.mark.parametrize("persona, status", [
    ("worker", 200), ("coordinator", 200), ("duo_partner", 404), ("colleague", 404), ("specialist", 404),
    ("outsider", 404), ("outside_coordinator", 404), ("vt_liaison", 404), ("policy_officer", 404),
    ("admin", 404), ("log_officer", 404),
])
def test_case_detail_scope(world, as_user, persona, status):
    response = as_user(getattr(world, persona)).get(detail(world.case))
    assert response.status_code == status
    if status == 404:
        assert "Huishouden Testerink" not in response.content.decode()
    row = AccessLogEntry.objects.latest("id")
    assert row.user_id == getattr(world, persona).pk
    assert row.outcome == (Outcome.SUCCESS if status == 200 else Outcome.DENIED)
    assert row.case_id == world.case.pk


def test_missing_and_forbidden_cases_look_the_same(world, as_user):
    client = as_user(world.outsider)
    forbidden = client.get(detail(world.case))
    missing = client.get(reverse("cases:detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    assert _without_csrf(forbidden.content) == _without_csrf(missing.content)


def test_consulted_specialist_reads_but_cannot_write(world, as_user):
    services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                specialist_id=world.specialist.pk)
    client = as_user(world.specialist)
    assert client.get(detail(world.case)).status_code == 200
    response = client.post(reverse("cases:note_add", args=[world.case.pk]), {"body": "x"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.latest("id").event == "case.write_denied"


def test_duo_partner_sees_case_after_assignment(world, as_user):
    client = as_user(world.coordinator)
    response = client.post(reverse("cases:assign", args=[world.case.pk]),
                           {"workers": [world.worker.pk, world.duo_partner.pk]})
    assert response.status_code == 302
    assert as_user(world.duo_partner).get(detail(world.case)).status_code == 200


def test_emergency_access_needs_reason_and_is_flagged(world, as_user):
    client = as_user(world.colleague)
    url = reverse("cases:emergency", args=[world.case.pk])
    refused = client.post(url, {"reason": "kort"})
    assert refused.status_code == 400
    assert client.get(detail(world.case)).status_code == 404
    granted = client.post(url, {"reason": "Cliënte belt in paniek, collega is ziek."})
    assert granted.status_code == 302
    assert client.get(detail(world.case)).status_code == 200
    row = AccessLogEntry.objects.filter(user_id=world.colleague.pk, event="case.viewed").latest("id")
    assert row.is_emergency is True
    review = as_user(world.coordinator).get(reverse("cases:emergency_review_list"))
    assert "Cliënte belt in paniek" in review.content.decode()


def test_outsider_cannot_use_emergency_access_on_other_team(world, as_user):
    response = as_user(world.outsider).post(reverse("cases:emergency", args=[world.case.pk]),
                                            {"reason": "Ik wil dit graag inzien, dringend."})
    assert response.status_code == 404
