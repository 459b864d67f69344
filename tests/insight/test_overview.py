"""The municipal overview of concerns: closed quarters only, every count rounded, frozen once published."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.intake.conftest import answers, register
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.insight import periods, selectors
from wijkveilig.insight.models import PublishedTable

URL = reverse("insight:concerns_overview")


def _in_last_quarter(day_offset: int = 10) -> datetime:
    start = periods.closed_quarters(timezone.localdate())[0]
    return timezone.make_aware(datetime.combine(start + timedelta(days=day_offset), datetime.min.time())
                               + timedelta(hours=10))


def _register_in_last_quarter(user, n: int, **kwargs):
    with time_machine.travel(_in_last_quarter(), tick=False):
        for _ in range(n):
            register(user, **kwargs)


def _table(body: str) -> str:
    return body[body.index("Per buurt en kleur"):]


@pytest.mark.parametrize(("day", "closed"), [
    (date(2026, 11, 30), [date(2026, 7, 1), date(2026, 4, 1), date(2026, 1, 1), date(2025, 10, 1)]),
    (date(2026, 1, 1), [date(2025, 10, 1), date(2025, 7, 1), date(2025, 4, 1), date(2025, 1, 1)]),
    (date(2026, 3, 31), [date(2025, 10, 1), date(2025, 7, 1), date(2025, 4, 1), date(2025, 1, 1)]),
])
def test_only_ended_quarters_are_offered(day, closed):
    assert periods.closed_quarters(day, count=4) == closed


@pytest.mark.parametrize(("text", "start"), [("2026-K3", date(2026, 7, 1)), ("2026-K1", date(2026, 1, 1)),
                                             ("2026-K5", None), ("26-K1", None), ("", None), ("2026-Q1", None)])
def test_quarter_parameter(text, start):
    assert periods.parse_quarter(text) == start


def test_policy_officer_sees_rounded_counts_of_the_last_closed_quarter(iworld, as_user):
    _register_in_last_quarter(iworld.vt_liaison, 6, colour_answers=answers(c=True))
    _register_in_last_quarter(iworld.vt_liaison, 1, colour_answers=answers(a=True))
    response = as_user(iworld.policy_officer).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Intakeproef" not in body and "geschreeuw" not in body
    table = _table(body)
    # 6 yellow and 1 red: published as multiples of 5 that add up (5 + 0 = 5, or 5 + 5 = 10), never 6, 1 or 7
    assert "Testbuurt Noord" in table
    assert ">1<" not in table and ">6<" not in table and ">7<" not in table
    assert ">5<" in table or ">10<" in table
    assert AccessLogEntry.objects.filter(event="insight.concerns_overview_viewed",
                                         user_id=iworld.policy_officer.pk).exists()


def test_a_later_concern_in_a_published_quarter_changes_nothing(iworld, as_user):
    """Differencing two page loads around one new concern reveals nothing: the quarter was frozen."""
    _register_in_last_quarter(iworld.vt_liaison, 3, colour_answers=answers(c=True))
    client = as_user(iworld.policy_officer)
    before = _table(client.get(URL).content.decode())
    _register_in_last_quarter(iworld.vt_liaison, 9, colour_answers=answers(c=True))
    register(iworld.vt_liaison, colour_answers=answers(c=True))  # the current quarter is never shown
    assert _table(client.get(URL).content.decode()) == before
    assert PublishedTable.objects.count() == 1


def test_the_current_quarter_cannot_be_asked_for(iworld, as_user):
    register(iworld.vt_liaison, colour_answers=answers(a=True))
    current = periods.quarter_label(periods.quarter_start(timezone.localdate()))
    body = as_user(iworld.policy_officer).get(URL, {"kwartaal": current}).content.decode()
    latest = periods.quarter_label(periods.closed_quarters(timezone.localdate())[0])
    assert f"kwartaal {latest}" in body and f"kwartaal {current}" not in body
    with pytest.raises(ValueError):
        selectors.concerns_overview(periods.quarter_start(timezone.localdate()), municipality=iworld.team.municipality)


@pytest.mark.parametrize("value", ["2026-K9", "drop table", "<script>", "9" * 400])
def test_nonsense_quarter_gets_the_latest_closed_one(iworld, as_user, value):
    response = as_user(iworld.policy_officer).get(URL, {"kwartaal": value})
    assert response.status_code == 200 and "<script>" not in _table(response.content.decode())


def test_a_municipality_may_round_to_tens(iworld, as_user, settings):
    settings.DISCLOSURE_THRESHOLD = 10
    _register_in_last_quarter(iworld.vt_liaison, 7, colour_answers=answers(c=True))
    body = as_user(iworld.policy_officer).get(URL).content.decode()
    assert "0 tot 9" in body
    table = _table(body)
    assert ">7<" not in table and ">5<" not in table and (">10<" in table or ">0<" in table)


def test_other_roles_are_refused(iworld, as_user):
    for user in (iworld.worker, iworld.coordinator, iworld.admin, iworld.vt_liaison):
        assert as_user(user).get(URL).status_code == 403


def test_the_overview_shows_only_the_users_own_municipality(iworld, as_user):
    """Another municipality's buurten and concerns stay out of the table, also from its 'unknown address' row."""
    from tests.factories import BuurtFactory, DistrictFactory, MunicipalityFactory, TeamFactory
    from wijkveilig.intake.models import PostcodeRange

    other = MunicipalityFactory(code="GM9998", name="Gemeente Elders")
    elsewhere = BuurtFactory(code="BU99980101", name="Buurt Elders",
                             district=DistrictFactory(code="WK999801", municipality=other))
    TeamFactory(name="Team Elders", municipality=other).buurten.add(elsewhere)
    PostcodeRange.objects.create(postcode_from="9800AA", postcode_to="9800ZZ", number_from=1, number_to=999,
                                 buurt=elsewhere)
    _register_in_last_quarter(iworld.vt_liaison, 9, postcode="9800 AB", colour_answers=answers(c=True))
    # unknown addresses, registered by the Veilig Thuis contact of this municipality's team: this municipality's
    _register_in_last_quarter(iworld.vt_liaison, 6, postcode="1000 AA", colour_answers=answers(c=True))
    iworld.policy_officer.memberships.create(team=iworld.team)
    table = _table(as_user(iworld.policy_officer).get(URL).content.decode())
    assert "Testbuurt Noord" in table and "Buurt Elders" not in table
    published = PublishedTable.objects.get(municipality=iworld.team.municipality)
    assert published.content["total"] in (5, 10)  # the 6 unrouted ones (rounded), never the other municipality's 9


def test_without_a_municipality_nothing_is_shown(iworld, as_user):
    from tests.factories import MunicipalityFactory

    MunicipalityFactory(code="GM9998", name="Gemeente Elders")  # two municipalities, and no team for the user
    response = as_user(iworld.policy_officer).get(URL)
    assert response.status_code == 403
    assert not PublishedTable.objects.exists()
