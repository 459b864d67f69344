"""The team rules as tables: gaps, who is fit for rood, the self-scan answer rule, the reflection's published result,
and the assignment suggestion at intake."""

from datetime import date

import pytest

from wijkveilig.core.disclosure import feasible_ranges
from wijkveilig.intake import routing
from wijkveilig.teams import gaps, reflection, selfscan
from wijkveilig.teams.gaps import Gap, GapKind, MemberFacts, Training

TODAY = date(2026, 6, 1)
ADV_OK = Training("domestic_violence", "advanced", date(2027, 6, 1))
ADV_NO_END = Training("meldcode", "advanced", None)
ADV_EXPIRED = Training("domestic_violence", "advanced", date(2026, 5, 31))
ADV_EXPIRING = Training("domestic_violence", "advanced", date(2026, 8, 1))  # within 90 days
BASIC_OK = Training("meldcode", "basic", date(2028, 1, 1))


def worker(uid, *trainings, open_cases=0, max_open=12, expert=False, absent=None, duo=None, role_worker=True,
           officer=False):
    return MemberFacts(member_id=100 + uid, user_id=uid, takes_cases=role_worker, is_attention_officer=officer,
                       has_dv_expertise=expert, absent_until=absent, open_cases=open_cases, max_open_cases=max_open,
                       duo_partner_user_id=duo, trainings=tuple(trainings))


OFFICER = worker(9, role_worker=False, officer=True)


@pytest.mark.parametrize(("member", "expected"), [
    (worker(1, ADV_OK), True),
    (worker(1, ADV_NO_END), True),                      # a training without an end date stays valid
    (worker(1, ADV_EXPIRED), False),                    # expired yesterday
    (worker(1, Training("x", "advanced", TODAY)), True),  # valid through its last day
    (worker(1, BASIC_OK), False),                       # basis is not enough for rood
    (worker(1, ADV_OK, open_cases=12, max_open=12), False),  # no room
    (worker(1, ADV_OK, absent=TODAY), False),           # absent today
    (worker(1, ADV_OK, absent=date(2026, 5, 31)), True),  # back today
    (worker(1, ADV_OK, role_worker=False), False),      # a coordinator or specialist does not take the case
])
def test_who_can_take_a_red_concern(member, expected):
    assert gaps.can_take_red(member, TODAY) is expected


@pytest.mark.parametrize(("members", "expected"), [
    # a trained worker with room and an aandachtsfunctionaris present: no gaps
    ([worker(1, ADV_OK), OFFICER], []),
    ([worker(1, BASIC_OK), OFFICER], [Gap(GapKind.NO_TRAINED_FOR_RED)]),
    ([worker(1, ADV_OK)], [Gap(GapKind.NO_ATTENTION_OFFICER)]),
    ([worker(1, ADV_OK), worker(9, role_worker=False, officer=True, absent=date(2026, 7, 1))],
     [Gap(GapKind.NO_ATTENTION_OFFICER)]),            # the only aandachtsfunctionaris is on leave
    ([], [Gap(GapKind.NO_TRAINED_FOR_RED), Gap(GapKind.NO_ATTENTION_OFFICER)]),
    ([worker(1, ADV_OK), worker(2, ADV_EXPIRED), OFFICER],
     [Gap(GapKind.TRAINING_EXPIRED, 102, "domestic_violence", date(2026, 5, 31))]),
    ([worker(1, ADV_EXPIRING), OFFICER],              # still trained today, but ends within 90 days
     [Gap(GapKind.TRAINING_EXPIRING, 101, "domestic_violence", date(2026, 8, 1))]),
    # a refresher of the same course replaces the expired record: no gap
    ([worker(1, ADV_EXPIRED, ADV_OK), OFFICER], []),
])
def test_team_gaps(members, expected):
    assert gaps.team_gaps(members, TODAY) == expected


@pytest.mark.parametrize(("colour", "members", "expected"), [
    # rood: the least busy worker trained for rood, even when an untrained one is less busy
    ("rood", [worker(1, open_cases=0), worker(2, ADV_OK, open_cases=5), worker(3, ADV_OK, open_cases=2)], [3]),
    # rood: a trained worker who is full or absent is passed over for one with room
    ("rood", [worker(2, ADV_OK, open_cases=12), worker(3, ADV_OK, open_cases=4)], [3]),
    ("rood", [worker(2, ADV_OK, absent=TODAY), worker(3, ADV_OK, open_cases=9)], [3]),
    # rood without anyone trained: a duo led by a DV expert, with the expert's fixed duo partner
    ("rood", [worker(1, expert=True, duo=3, open_cases=2), worker(2), worker(3, open_cases=4)], [1, 3]),
    # ... and without an expert, the two least busy
    ("rood", [worker(1, open_cases=3), worker(2, open_cases=1), worker(3, open_cases=2)], [2, 3]),
    # an expired training does not count for rood
    ("rood", [worker(1, ADV_EXPIRED, open_cases=0), worker(2, open_cases=1)], [1, 2]),
    # oranje: the least busy trained worker or DV expert
    ("oranje", [worker(1), worker(2, expert=True, open_cases=1)], [2]),
    ("oranje", [worker(1, open_cases=3), worker(2, ADV_OK, open_cases=1), worker(3, expert=True, open_cases=2)], [2]),
    ("oranje", [worker(1)], [1]),
    # groen/geel: the least busy worker with room; expertise does not matter; a tie goes to the lowest id
    ("geel", [worker(1, expert=True, open_cases=4), worker(2, open_cases=1)], [2]),
    ("groen", [worker(5, open_cases=1), worker(4, open_cases=1)], [4]),
    ("groen", [worker(1, open_cases=12), worker(2, open_cases=20, max_open=30)], [2]),
    # everyone full: still the least busy (the coordinator decides), absent members never
    ("groen", [worker(1, open_cases=14), worker(2, open_cases=13), worker(3, absent=TODAY)], [2]),
    # coordinators and specialists take no intake suggestion
    ("groen", [worker(1, role_worker=False)], []),
    ("groen", [], []),
    ("rood", [], []),
])
def test_assignment_suggestion(colour, members, expected):
    assert routing.suggest_assignees(colour, members, TODAY) == expected


NO_DATE = None


@pytest.mark.parametrize(("answer", "fields"), [
    (selfscan.AnswerIn(None), set()),                                  # not scored yet: fine
    (selfscan.AnswerIn(None, evidence="iets"), {"score"}),             # text without a score
    (selfscan.AnswerIn(4), {"evidence"}),                              # a score needs evidence
    (selfscan.AnswerIn(3, evidence="Protocol 2025"), set()),           # 3 and up: no action needed
    (selfscan.AnswerIn(2, evidence="Deels"), {"action", "action_owner", "action_due_on"}),
    (selfscan.AnswerIn(1, evidence="Niet", action="Regelen", action_owner="Beleid", action_due_on=NO_DATE),
     {"action_due_on"}),
    (selfscan.AnswerIn(1, evidence="Niet", action="Regelen", action_owner="Beleid",
                       action_due_on=date(2026, 12, 1)), set()),
    (selfscan.AnswerIn(2, evidence="  ", action=" ", action_owner="x", action_due_on=date(2026, 1, 1)),
     {"evidence", "action"}),                                          # blanks are nothing
])
def test_self_scan_answer_rule(answer, fields):
    assert set(selfscan.answer_problems(answer)) == fields


def test_theme_averages_leave_unscored_themes_unknown():
    averages = selfscan.theme_averages([("a", 4), ("a", 1), ("b", None), ("a", None)])
    assert averages == {"a": 2.5, "b": None}


def _counts(rows):
    return [list(r) for r in rows]


def test_reflection_result_is_rounded_so_no_single_answer_can_be_read_back():
    # 6 respondents; statement 1: one person recognises it in themselves only.
    counts = [[1, 0, 0, 5]] + [[0, 2, 0, 4]] * 9
    result = reflection.round_result(counts, respondents=6, base=5)
    assert all(n % 5 == 0 for row in result.cells for n in row)
    from wijkveilig.core.disclosure import controlled_round
    ranges = feasible_ranges(controlled_round(counts, base=5))
    assert all(high - low + 1 >= 5 for (low, high) in ranges.values())  # every count keeps ≥ 5 possible values


@pytest.mark.parametrize(("respondents", "base", "shown"), [(4, 5, False), (5, 5, True), (9, 10, False)])
def test_reflection_shows_nothing_below_the_threshold(respondents, base, shown):
    assert reflection.is_publishable(respondents, base) is shown


def test_change_since_last_round_in_percentage_points():
    before = reflection.RoundResult(10, [[5, 0, 0, 5]] * 10, [50] * 9 + [None])
    now = reflection.RoundResult(10, [[5, 0, 5, 0]] * 10, [100] * 10)
    assert reflection.change_since(now, before) == [50] * 9 + [None]
    assert reflection.change_since(now, None) == [None] * 10
