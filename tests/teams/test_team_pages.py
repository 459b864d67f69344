"""The coordinator's team profile: members, training, gaps, the fixed VT contact; the municipality sees only counts;
the intake suggestion uses the training facts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tests.intake.conftest import answers, register
from tests.teams.conftest import train
from wijkveilig.accounts.models import Role
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.teams.models import MemberProfile, TrainingRecord


def text(response) -> str:
    return response.content.decode()


def member_url(world, user):
    return reverse("teams:member_edit", args=[user.memberships.get(team=world.team).pk])


def test_coordinator_sees_members_gaps_and_the_vt_contact(tworld, as_user):
    page = as_user(tworld.coordinator).get(reverse("teams:team"))
    assert page.status_code == 200
    body = text(page)
    assert tworld.worker.get_full_name() in body and "Testteam Noord" in body
    assert "Geen medewerker beschikbaar met een geldige verdiepingstraining" in body  # nobody trained yet
    assert "Geen aandachtsfunctionaris" not in body  # t_specialist is one
    assert tworld.vt_liaison.get_full_name() in body  # the team's fixed Veilig Thuis contact
    assert "Testteam Zuid" not in body  # only the coordinator's own team


def test_training_closes_the_red_gap_and_an_expiring_one_is_named(tworld, as_user):
    train(tworld.worker, tworld.team)
    train(tworld.colleague, tworld.team, level="basic", course="meldcode",
          valid_until=timezone.localdate() + timedelta(days=30))
    body = text(as_user(tworld.coordinator).get(reverse("teams:team")))
    assert "Geen medewerker beschikbaar met een geldige verdiepingstraining" not in body
    assert f"{tworld.colleague.get_full_name()}: Meldcode huiselijk geweld en kindermishandeling verloopt op" in body


def test_an_absent_specialist_is_a_gap(tworld, as_user):
    membership = tworld.specialist.memberships.get(team=tworld.team)
    MemberProfile.objects.create(membership=membership, absent_until=timezone.localdate() + timedelta(days=3))
    assert "Geen aandachtsfunctionaris beschikbaar" in text(as_user(tworld.coordinator).get(reverse("teams:team")))


@pytest.mark.parametrize("persona", ["worker", "specialist", "policy_officer", "vt_liaison", "admin"])
def test_only_the_coordinator_opens_the_team_profile(tworld, as_user, persona):
    assert as_user(getattr(tworld, persona)).get(reverse("teams:team")).status_code == 403


def test_another_teams_coordinator_gets_404_for_a_member(tworld, as_user):
    client = as_user(tworld.outside_coordinator)
    assert client.get(member_url(tworld, tworld.worker)).status_code == 404
    assert client.post(member_url(tworld, tworld.worker), {"max_open_cases": 3, "version": 1}).status_code == 404


def test_the_coordinator_saves_a_profile_and_a_stale_save_shows_the_conflict(tworld, as_user):
    client = as_user(tworld.coordinator)
    url = member_url(tworld, tworld.worker)
    duo = tworld.duo_partner.memberships.get(team=tworld.team)
    form = {"discipline": "youth", "has_dv_expertise": "on", "duo_partner": duo.pk, "max_open_cases": 8,
            "absent_until": "", "version": 1}
    assert client.post(url, form).status_code == 302
    profile = MemberProfile.objects.get(membership__user=tworld.worker)
    assert (profile.discipline, profile.duo_partner_id, profile.max_open_cases, profile.version) == ("youth", duo.pk,
                                                                                                      8, 2)
    assert tworld.worker.memberships.get(team=tworld.team).has_dv_expertise
    stale = client.post(url, form | {"discipline": "wmo", "max_open_cases": 5})
    assert stale.status_code == 409
    assert "Iemand anders heeft dit tegelijk gewijzigd" in text(stale)
    assert 'value="5"' in text(stale)  # the input stays in the form
    assert MemberProfile.objects.get(pk=profile.pk).discipline == "youth"


def test_a_duo_partner_from_another_team_is_refused(tworld, as_user):
    other = tworld.outsider.memberships.get()
    response = as_user(tworld.coordinator).post(member_url(tworld, tworld.worker), {
        "duo_partner": other.pk, "max_open_cases": 8, "version": 1})
    assert response.status_code == 400
    assert not MemberProfile.objects.exists()


def test_recording_a_training_and_refusing_a_future_one(tworld, as_user):
    client = as_user(tworld.coordinator)
    url = reverse("teams:training_add", args=[tworld.worker.memberships.get().pk])
    today = timezone.localdate()
    good = {"course": "honour_violence", "level": "advanced", "completed_on": today.isoformat(),
            "valid_until": (today + timedelta(days=730)).isoformat()}
    assert client.post(url, good).status_code == 302
    assert TrainingRecord.objects.get().course == "honour_violence"
    future = client.post(url, good | {"completed_on": (today + timedelta(days=3)).isoformat()})
    assert future.status_code == 400 and "nog niet vastleggen" in text(future)
    before = client.post(url, good | {"valid_until": (today - timedelta(days=1)).isoformat()})
    assert before.status_code == 400 and "na de datum van de training" in text(before)
    assert TrainingRecord.objects.count() == 1
    assert as_user(tworld.worker).post(url, good).status_code == 403  # a worker records no training


def test_the_red_concern_is_suggested_to_the_trained_worker(tworld, as_user):
    train(tworld.colleague, tworld.team)  # the colleague is trained, the worker (assigned one case) is not
    concern = register(tworld.vt_liaison, colour_answers=answers(a=True))
    body = text(as_user(tworld.coordinator).get(reverse("intake:detail", args=[concern.pk])))
    suggestion = body.split("Voorstel")[1].split("</p>")[0]
    assert tworld.colleague.get_full_name() in suggestion and tworld.worker.get_full_name() not in suggestion


def test_the_red_concern_passes_over_a_trained_worker_who_is_absent(tworld, as_user):
    train(tworld.colleague, tworld.team)
    membership = tworld.colleague.memberships.get()
    MemberProfile.objects.create(membership=membership, absent_until=timezone.localdate())
    train(tworld.duo_partner, tworld.team)
    concern = register(tworld.vt_liaison, colour_answers=answers(a=True))
    body = text(as_user(tworld.coordinator).get(reverse("intake:detail", args=[concern.pk])))
    suggestion = body.split("Voorstel")[1].split("</p>")[0]
    assert tworld.duo_partner.get_full_name() in suggestion and tworld.colleague.get_full_name() not in suggestion


def _many_members(world, n):
    for i in range(n):
        user = UserFactory(username=f"t_extra_{i}", role=Role.WORKER)
        MembershipFactory(user=user, team=world.team)
        train(user, world.team)
        train(user, world.team, course="meldcode", level="basic")


@pytest.mark.parametrize("n", [1, 25])
def test_team_pages_use_a_bounded_number_of_queries(tworld, as_user, django_assert_max_num_queries, n):
    _many_members(tworld, n)
    coordinator, policy = as_user(tworld.coordinator), as_user(tworld.policy_officer)
    with django_assert_max_num_queries(22):
        page = coordinator.get(reverse("teams:team"))
    assert text(page).count("/team/leden/") == n + 5  # the world team has five members
    with django_assert_max_num_queries(16):
        assert coordinator.get(member_url(tworld, tworld.worker)).status_code == 200
    with django_assert_max_num_queries(15):  # 14, +1 on PostgreSQL for the request's row-level-security scope
        assert policy.get(reverse("teams:team_counts", args=[tworld.team.municipality_id])).status_code == 200


def test_the_municipality_sees_only_rounded_counts(tworld, as_user):
    train(tworld.worker, tworld.team)  # one trained worker: a count of 1 that would point at a person
    page = as_user(tworld.policy_officer).get(reverse("teams:team_counts", args=[tworld.team.municipality_id]))
    body = text(page)
    assert page.status_code == 200
    assert tworld.worker.get_full_name() not in body and tworld.coordinator.get_full_name() not in body
    cells = [int(c) for c in __import__("re").findall(r'utrecht-table__cell">(\d+)</td>', body)]
    assert cells and all(c % 5 == 0 for c in cells)
    assert as_user(tworld.coordinator).get(reverse("teams:team_counts",
                                                   args=[tworld.team.municipality_id])).status_code == 403


def test_every_team_page_writes_one_access_log_row(tworld, as_user):
    for user, url in [(tworld.coordinator, reverse("teams:team")),
                      (tworld.coordinator, member_url(tworld, tworld.worker)),
                      (tworld.policy_officer, reverse("teams:team_counts", args=[tworld.team.municipality_id])),
                      (tworld.policy_officer, reverse("teams:municipalities"))]:
        response = as_user(user).get(url)
        rows = AccessLogEntry.objects.filter(request_id=response["X-Request-ID"])
        assert [(r.action, r.section, r.user_id) for r in rows] == [("R", "team", user.pk)], url


@pytest.mark.parametrize("path", ["/team/leden/99999999999999999999/", "/team/leden/0/trainingen/",
                                  "/gemeenten/99999999999999999999/veilig-thuis/"])
def test_an_id_too_large_for_the_database_is_404(tworld, as_user, path):
    user = tworld.policy_officer if path.startswith("/gemeenten/") else tworld.coordinator
    client = as_user(user)
    assert client.get(path).status_code in (404, 405)
    assert client.post(path, {}).status_code == 404
