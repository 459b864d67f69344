"""The anonymous drempels reflection: answers are counted, never stored with the person; a member answers once per
round; the coordinator sees only closed rounds, rounded, nothing below the threshold, and the change since last time."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from wijkveilig.accounts.models import Role
from wijkveilig.audit.services import Actor
from wijkveilig.core.errors import DomainError
from wijkveilig.teams import services
from wijkveilig.teams.models import ReflectionParticipation, ReflectionRound, ReflectionTally

ALL_NEITHER = {f"d{n}": "neither" for n in range(1, 11)}


def text(response) -> str:
    return response.content.decode()


def open_round(world):
    return as_coordinator(world).post(reverse("teams:reflection_open"), {"team": world.team.pk})


def as_coordinator(world):
    from tests.conftest import login_client
    return login_client(world.coordinator)


def answer(client, world, form):
    return client.post(reverse("teams:reflection"), form | {"team": world.team.pk})


def _team_of(world, n):
    users = []
    for i in range(n):
        user = UserFactory(username=f"t_reflect_{i}", role=Role.WORKER)
        MembershipFactory(user=user, team=world.team)
        users.append(user)
    return users


def test_a_member_answers_once_and_the_answer_is_not_stored_with_the_person(tworld, as_user):
    assert open_round(tworld).status_code == 302
    client = as_user(tworld.worker)
    assert client.get(reverse("teams:reflection")).status_code == 200
    form = ALL_NEITHER | {"d1": "self", "d7": "both"}
    assert answer(client, tworld, form).status_code == 302
    again = answer(client, tworld, ALL_NEITHER)
    assert again.status_code == 400 and "al meegedaan" in text(again)
    round_ = ReflectionRound.objects.get()
    assert round_.respondents == 1
    assert ReflectionTally.objects.get(round=round_, statement=1, answer="self").count == 1
    assert ReflectionTally.objects.get(round=round_, statement=7, answer="both").count == 1
    # the 'has answered' row says who, and nothing about what; the counters say what, and nothing about who
    assert [f.name for f in ReflectionParticipation._meta.get_fields()] == ["id", "round", "user"]
    assert {f.name for f in ReflectionTally._meta.get_fields()} == {"id", "round", "statement", "answer", "count"}
    with connection.cursor() as cursor:  # no column anywhere in the tally table points at a user
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "teams_reflectiontally")]
    assert "user_id" not in columns


def test_every_counter_exists_from_the_opening_so_no_row_tells_when_someone_answered(tworld):
    open_round(tworld)
    assert ReflectionTally.objects.count() == 40 and set(ReflectionTally.objects.values_list("count", flat=True)) == {0}


def test_an_incomplete_questionnaire_is_refused_and_counts_nothing(tworld, as_user):
    open_round(tworld)
    response = answer(as_user(tworld.worker), tworld, {"d1": "self"})
    assert response.status_code == 400
    assert ReflectionRound.objects.get().respondents == 0 and not ReflectionParticipation.objects.exists()


def test_an_outsider_cannot_answer_in_another_teams_round(tworld):
    open_round(tworld)
    with pytest.raises(DomainError):
        services.reflection_answer(actor=Actor.system(tworld.outsider), team=tworld.team,
                                   answers=dict.fromkeys(range(1, 11), "neither"))


def test_results_show_only_after_closing_rounded_and_with_the_change_since_last_round(tworld, as_user):
    users = _team_of(tworld, 6)
    coordinator = as_coordinator(tworld)
    open_round(tworld)
    for user in users:
        answer(as_user(user), tworld, ALL_NEITHER | {"d5": "self"})
    while_open = text(coordinator.get(reverse("teams:team")))
    assert "Herkend bij zichzelf (%)" not in while_open  # nothing while the round is open
    assert coordinator.post(reverse("teams:reflection_close"), {"team": tworld.team.pk}).status_code == 302
    first = text(coordinator.get(reverse("teams:team")))
    assert "6 deelnemers" in first and "Herkend bij zichzelf (%)" in first
    open_round(tworld)
    for user in users:
        answer(as_user(user), tworld, ALL_NEITHER)
    coordinator.post(reverse("teams:reflection_close"), {"team": tworld.team.pk})
    body = text(coordinator.get(reverse("teams:team")))
    row = body.split("5. Als ik het signaleer")[1].split("</tr>")[0]
    cells = row.split('utrecht-table__cell">')[1:]
    assert cells[-1].startswith("-100")  # statement 5: everyone recognised it, now nobody: −100 points


def test_a_round_with_fewer_than_the_threshold_shows_nothing(tworld, as_user):
    open_round(tworld)
    for user in (tworld.worker, tworld.colleague):
        answer(as_user(user), tworld, ALL_NEITHER | {"d3": "self"})
    as_coordinator(tworld).post(reverse("teams:reflection_close"), {"team": tworld.team.pk})
    body = text(as_coordinator(tworld).get(reverse("teams:team")))
    assert "te weinig deelnemers" in body and "Herkend bij zichzelf (%)" not in body


def test_only_one_open_round_and_only_the_coordinator_opens_it(tworld, as_user):
    assert open_round(tworld).status_code == 302
    again = open_round(tworld)
    assert again.status_code == 400 and "Er loopt al een ronde" in text(again)
    assert as_user(tworld.worker).post(reverse("teams:reflection_open"), {"team": tworld.team.pk}).status_code == 403
    other = as_user(tworld.outside_coordinator).post(reverse("teams:reflection_close"), {"team": tworld.team.pk})
    assert other.status_code == 400 and ReflectionRound.objects.get().closed_on is None
