"""Demo data: idempotent, refused outside DEBUG, obviously synthetic; and the BSN 11-proef it relies on."""

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import assume, given
from hypothesis import strategies as st

from wijkveilig.accounts.models import Membership, Role, Team, User
from wijkveilig.areas.models import Buurt, District, Municipality
from wijkveilig.cases.models import Assignment, Case, CaseStatus, Note
from wijkveilig.core.hashing import lookup_hash
from wijkveilig.demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET
from wijkveilig.households.bsn import is_valid_bsn
from wijkveilig.households.models import Household, Person, Relation

DEMO_ACCOUNTS = {
    "medewerker": Role.WORKER, "duopartner": Role.WORKER, "aandacht": Role.SPECIALIST,
    "coordinator": Role.COORDINATOR, "buitenstaander": Role.WORKER, "vt": Role.VT_LIAISON,
    "beleid": Role.POLICY_OFFICER, "beheer": Role.ADMINISTRATOR, "logbeheer": Role.LOG_OFFICER,
}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("demo_seed", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        seed()


def counts() -> dict[str, int]:
    models = [User, TOTPDevice, Membership, Team, Municipality, District, Buurt, Household, Person, Relation, Case,
              Assignment, Note]
    return {model.__name__: model.objects.count() for model in models}


# --- the command ------------------------------------------------------------------------------------------------


def test_refused_when_debug_is_off(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="--allow-demo"):
        seed()
    assert not User.objects.exists()
    assert not Case.objects.exists()


def test_allowed_outside_debug_only_when_asked(db):
    with override_settings(DEBUG=False):
        assert "40 new cases" in seed("--allow-demo")
    assert User.objects.filter(username="medewerker").exists()


def test_second_run_creates_nothing(demo):
    before = counts()
    with override_settings(DEBUG=True):
        assert "0 new cases" in seed()
    assert counts() == before


# --- what it creates --------------------------------------------------------------------------------------------


def test_nine_accounts_with_the_documented_password_and_totp_secret(demo):
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_ACCOUNTS)}
    assert {name: user.role for name, user in users.items()} == DEMO_ACCOUNTS
    key = b32decode(DEMO_TOTP_SECRET).hex()
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD), user.username
        assert user.last_name.startswith("Demo-")
        device = TOTPDevice.objects.get(user=user)
        assert (device.key, device.confirmed) == (key, True)
    assert [u.username for u in users.values() if u.is_staff] == ["beheer"]


def test_a_demo_account_logs_in_with_password_and_totp(demo):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "medewerker", "password": DEMO_PASSWORD})
    assert response["Location"] == reverse("accounts:verify")
    device = TOTPDevice.objects.get(user__username="medewerker")
    code = f"{totp(b32decode(DEMO_TOTP_SECRET), step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(reverse("accounts:verify"), {"token": code}).status_code == 302
    caseload = client.get(reverse("cases:caseload"))
    assert caseload.status_code == 200
    assert "Huishouden" in caseload.content.decode()


def test_geography_of_gemeente_voorbeeld(demo):
    municipality = Municipality.objects.get(code="GM9999")
    assert municipality.name == "Gemeente Voorbeeld"
    assert sorted(municipality.districts.values_list("code", flat=True)) == ["WK999901", "WK999902", "WK999903"]
    buurten = sorted(Buurt.objects.filter(district__municipality=municipality).values_list("code", flat=True))
    assert len(buurten) == 8
    assert all(code.startswith("BU9999") and len(code) == 10 for code in buurten)
    for buurt in Buurt.objects.filter(code__in=buurten).select_related("district"):
        assert buurt.code[2:8] == buurt.district.code[2:]  # a buurt lies in its wijk's code range


def test_two_teams_split_the_buurten(demo):
    teams = list(Team.objects.filter(municipality__code="GM9999"))
    assert len(teams) == 2
    north, south = (set(t.buurten.values_list("code", flat=True)) for t in teams)
    assert north and south and not north & south
    assert len(north | south) == 8


def test_households_persons_relations_and_cases(demo):
    assert 35 <= Household.objects.count() <= 45
    assert Case.objects.count() == Household.objects.count()
    assert Person.objects.count() >= 2 * Household.objects.count()
    assert Relation.objects.filter(kind="partner").count() == Household.objects.count()
    assert Relation.objects.filter(kind="parent").exists()
    assert Note.objects.filter(kind="signal").count() == Case.objects.count()
    assert not Case.objects.annotate(forms=Count("violence_forms")).filter(forms=0).exists()
    assert all(h.buurt_id and h.name.startswith("Huishouden ") for h in Household.objects.all())


def test_cases_in_various_states(demo):
    assert Case.objects.filter(status=CaseStatus.OPEN).exists()
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    assert closed.exists()
    assert not closed.filter(Q(close_reason="") | Q(closed_at__isnull=True)).exists()
    duos = Case.objects.annotate(active=Count("assignments", filter=Q(assignments__ended_at__isnull=True))) \
        .filter(active=2)
    assert duos.exists()
    assert {a.user.username for a in duos.first().assignments.all()} == {"medewerker", "duopartner"}
    assert Case.objects.filter(team__name__endswith="Zuid").exists()


def test_demo_bsns_are_valid_unique_and_obviously_fake(demo):
    persons = [p for p in Person.objects.all() if p.bsn]
    assert len(persons) >= 35
    bsns = [p.bsn for p in persons]
    assert len(set(bsns)) == len(bsns)
    for person in persons:
        assert is_valid_bsn(person.bsn), person.bsn
        assert person.bsn.startswith("99999")  # the BRP test range
        assert person.bsn_hash == lookup_hash(person.bsn)


def test_team_scope_holds_in_the_demo(demo):
    outsider = User.objects.get(username="buitenstaander")
    visible = Case.objects.visible_to(outsider)
    assert visible.exists()
    assert not visible.filter(team__name__endswith="Noord").exists()


# --- the 11-proef -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, valid", [
    ("999990019", True),     # BRP test range
    ("999990007", True),
    ("111222333", True),     # 9+8+7+12+10+8+9+6-3 = 66
    ("123456782", True),     # the textbook example
    ("12345678", False),     # eight digits: 012345678, sum 104, not divisible by 11
    ("11222333", False),
    ("99999001", False),
    ("999990018", False),    # last digit off by one
    ("999990091", False),    # two digits swapped
    ("000000000", False),
    ("00000000", False),
    ("", False),
    ("12345678901", False),
    ("9999900", False),
    ("99999001A", False),
    ("999 990 019", False),
    ("٩٩٩٩٩٠٠١٩", False),    # Arabic-Indic digits are not a BSN
    ("99999001²", False),    # superscript two passes str.isdigit() but is not a digit
    (" 999990019 ", True),   # surrounding spaces from copy-paste
])
def test_is_valid_bsn(value, valid):
    assert is_valid_bsn(value) is valid


def test_eight_digits_mean_a_leading_zero():
    assert is_valid_bsn("012345672") is True
    assert is_valid_bsn("12345672") is True


def with_check_digit(prefix: str) -> str | None:
    """Complete eight digits to a number passing the 11-proef, if a check digit 0-9 exists."""
    check = sum(int(d) * w for d, w in zip(prefix, [9, 8, 7, 6, 5, 4, 3, 2], strict=True)) % 11
    return prefix + str(check) if check < 10 else None


eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(eight_digits)
def test_exactly_one_check_digit_completes_a_number(prefix):
    completed = with_check_digit(prefix)
    assume(completed is not None and completed != "000000000")
    assert [d for d in "0123456789" if is_valid_bsn(prefix + d)] == [completed[-1]]


@given(eight_digits, st.integers(0, 8), st.integers(1, 9))
def test_a_single_typo_is_always_caught(prefix, position, shift):
    valid = with_check_digit(prefix)
    assume(valid is not None and valid != "000000000")
    typo = valid[:position] + str((int(valid[position]) + shift) % 10) + valid[position + 1:]
    assert not is_valid_bsn(typo)


@given(eight_digits, st.integers(0, 7))
def test_swapping_two_neighbouring_digits_is_always_caught(prefix, position):
    valid = with_check_digit(prefix)
    assume(valid is not None and valid != "000000000" and valid[position] != valid[position + 1])
    swapped = valid[:position] + valid[position + 1] + valid[position] + valid[position + 2:]
    assert not is_valid_bsn(swapped)


@given(st.text(max_size=20))
def test_any_text_gives_an_answer_never_an_error(value):
    assert is_valid_bsn(value) in {True, False}
