"""Pure rules of the wijkanalyse, table-driven: choropleth classes, derived shares and who may do what."""

from types import SimpleNamespace

import pytest

from wijkveilig.accounts.models import Role
from wijkveilig.analysis import classes, indicators, policy


@pytest.mark.parametrize(("values", "bounds"), [
    ([], []),
    ([None, None], []),
    ([3.0], [3.0]),
    ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
    ([5, 4, 3, 2, 1, None], [1, 2, 3, 4, 5]),            # unknown ignored, order irrelevant
    ([1, 1, 1, 1, 9], [1, 9]),                            # equal values share one class
    (list(range(1, 11)), [2, 4, 6, 8, 10]),
])
def test_breaks(values, bounds):
    assert classes.breaks(values) == bounds


@pytest.mark.parametrize(("value", "bounds", "index", "swatch"), [
    (None, [1, 2, 3], None, "unknown"),                   # unknown is never painted as the lowest class
    (0, [1, 2, 3], 0, "0"), (1, [1, 2, 3], 0, "0"), (1.5, [1, 2, 3], 1, "2"), (3, [1, 2, 3], 2, "4"),
    (7, [1, 9], 1, "4"), (5, [5], 0, "4"),
])
def test_class_and_palette_step(value, bounds, index, swatch):
    assert classes.class_of(value, bounds) == index
    assert classes.swatch(index, bounds) == swatch


@pytest.mark.parametrize(("values", "expected"), [
    ({"age_0_15": 150, "inhabitants": 1000}, {"age_0_15_pct": 15.0}),
    ({"age_0_15": None, "inhabitants": 1000}, {"age_0_15_pct": None}),
    ({"age_0_15": 10, "inhabitants": 0}, {"age_0_15_pct": None}),
    ({"social_assistance": 25, "inhabitants": 1000}, {"social_assistance_per_1000": 25.0}),
    ({"single_parent_households": 30, "households": None}, {"single_parent_pct": None}),
])
def test_derived_shares_are_unknown_when_a_part_is(values, expected):
    derived = indicators.with_derived(values)
    assert {k: derived[k] for k in expected} == expected


def _user(role):
    return SimpleNamespace(is_authenticated=True, role=role)


@pytest.mark.parametrize(("role", "may_view", "may_record_own", "may_record_other"), [
    (Role.POLICY_OFFICER, True, False, False),
    (Role.COORDINATOR, True, True, False),
    (Role.WORKER, False, False, False),
    (Role.SPECIALIST, False, False, False),
    (Role.VT_LIAISON, False, False, False),
    (Role.ADMINISTRATOR, False, False, False),
    (Role.LOG_OFFICER, False, False, False),
    (Role.PARTNER, False, False, False),
])
def test_policy(role, may_view, may_record_own, may_record_other):
    user, own = _user(role), {"BU99990101"}
    assert policy.can_view_analysis(user) is may_view
    assert policy.can_record_risk_reading(user, buurt_code="BU99990101", team_buurt_codes=own) is may_record_own
    assert policy.can_record_risk_reading(user, buurt_code="BU99990303", team_buurt_codes=own) is may_record_other


def test_anonymous_may_nothing():
    anonymous = SimpleNamespace(is_authenticated=False, role="")
    assert not policy.can_view_analysis(anonymous)
    assert not policy.can_record_risk_reading(anonymous, buurt_code="BU1", team_buurt_codes={"BU1"})
