"""Speed targets, measured (pytest-benchmark) rather than asserted in unit tests.

Targets are for the 2-core development machine with SQLite; a page must stay well under a second with a
realistic team caseload, whatever the data size.
"""

from datetime import date

import pytest
from django.urls import reverse

from wijkveilig.audit.services import Action, Actor, access_log_write
from wijkveilig.cases import services
from wijkveilig.meldcode.afwegingskader import decide
from wijkveilig.meldcode.workdays import add_working_days

TEAM_CASES = 300
PAGE_TARGET_SECONDS = 0.5


@pytest.fixture
def big_team(world):
    for number in range(TEAM_CASES):
        services.case_open(actor=Actor.system(world.worker), household_name=f"Huishouden Bench {number}",
                           buurt=world.buurt)
    return world


@pytest.mark.parametrize("persona, name", [("coordinator", "cases:list"), ("worker", "cases:caseload")])
def test_case_lists_with_a_full_team(benchmark, big_team, as_user, persona, name):
    client = as_user(getattr(big_team, persona))
    response = benchmark(client.get, reverse(name))
    assert response.status_code == 200
    assert benchmark.stats.stats.mean < PAGE_TARGET_SECONDS


def test_case_detail(benchmark, big_team, as_user):
    client = as_user(big_team.worker)
    response = benchmark(client.get, reverse("cases:detail", args=[big_team.case.pk]))
    assert response.status_code == 200
    assert benchmark.stats.stats.mean < PAGE_TARGET_SECONDS


def test_access_log_write(benchmark, world):
    actor = Actor.system(world.worker)
    benchmark(access_log_write, actor=actor, event="bench.read", action=Action.READ, case=world.case)
    assert benchmark.stats.stats.mean < 0.02


def test_afwegingskader_decide(benchmark):
    answers = {"suspicion": True, "unsafety": False, "can_help": True, "help_accepted": True, "result_achieved": False}
    assert benchmark(decide, answers).outcome == "report_again"
    assert benchmark.stats.stats.mean < 0.001


def test_five_working_days_over_a_year(benchmark):
    def year():
        return [add_working_days(date.fromordinal(date(2026, 1, 1).toordinal() + n), 5) for n in range(365)]
    assert len(benchmark(year)) == 365
    assert benchmark.stats.stats.mean < 0.1
