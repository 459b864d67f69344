"""Beheer (Django admin at /beheer/): accounts, teams, buurten and memberships; never case content."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_TOTP_KEY, BuurtFactory
from wijkveilig.accounts.models import Membership, Role, Team, User

ADMIN = "/beheer/"
CASE_CONTENT_APPS = {"cases", "households", "audit"}


def inline_management(prefix: str = "memberships") -> dict:
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_admin_site_requires_the_second_factor():
    from django_otp.admin import OTPAdminSite

    assert isinstance(admin.site, OTPAdminSite)


def test_the_administrator_sees_accounts_and_teams(world, as_user):
    response = as_user(world.admin).get(ADMIN)
    assert response.status_code == 200
    body = response.content.decode()
    for section in ("Gebruikers", "Wijkteams", "Lidmaatschappen", "Buurten"):
        assert section in body


def test_no_case_content_model_is_registered():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & CASE_CONTENT_APPS
    assert TOTPDevice not in admin.site._registry  # secrets are reset, never read
    assert "django_tasks_database" not in registered  # task arguments and tracebacks may hold personal data


@pytest.mark.parametrize("path", [
    "cases/case/", "cases/note/", "households/person/", "households/household/", "audit/accesslogentry/",
    "otp_totp/totpdevice/", "django_tasks_database/dbtaskresult/",
])
def test_case_content_has_no_admin_page(world, as_user, path):
    assert as_user(world.admin).get(ADMIN + path).status_code == 404


def test_case_pages_are_closed_to_the_administrator(world, as_user):
    client = as_user(world.admin)
    for name in ("cases:detail", "cases:note_add", "cases:person_add", "cases:close"):
        response = client.get(reverse(name, args=[world.case.pk]))
        assert response.status_code == 404, name
        assert "Huishouden Testerink" not in response.content.decode()
    listing = client.get(reverse("cases:list"))
    assert listing.status_code == 403
    assert world.case.reference not in listing.content.decode()


def test_user_admin_pages_show_no_case_or_secret_data(world, as_user):
    client = as_user(world.admin)
    listing = client.get(ADMIN + "accounts/user/").content.decode()
    change = client.get(ADMIN + f"accounts/user/{world.worker.pk}/change/").content.decode()
    for body in (listing, change):
        assert "t_worker" in body
        assert world.case.reference not in body
        assert "Huishouden Testerink" not in body
        assert TEST_TOTP_KEY not in body


def test_the_administrator_creates_a_user(world, as_user):
    response = as_user(world.admin).post(ADMIN + "accounts/user/add/", {
        "username": "t_nieuw", "usable_password": "true", "password1": "fictief-Wachtwoord-2024",
        "password2": "fictief-Wachtwoord-2024", "role": Role.SPECIALIST, **inline_management()})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="t_nieuw")
    assert user.role == Role.SPECIALIST
    assert user.check_password("fictief-Wachtwoord-2024")
    assert not user.is_staff
    assert not TOTPDevice.objects.filter(user=user).exists()  # enrols at first login


def test_the_administrator_creates_a_team_with_buurten(world, as_user):
    second = BuurtFactory(code="BU99990102", name="Testbuurt Twee")
    response = as_user(world.admin).post(ADMIN + "accounts/team/add/", {
        "name": "Testteam Oost", "municipality": world.team.municipality_id, "vt_delivery": "worker_sends_pdf",
        "buurten": [world.buurt.pk, second.pk], **inline_management()})
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(name="Testteam Oost")
    assert set(team.buurten.values_list("code", flat=True)) == {"BU99990101", "BU99990102"}
    assert team.vt_delivery == "worker_sends_pdf"  # how the region's Veilig Thuis receives a report (issue 11)


def test_the_administrator_adds_a_membership_with_dv_expertise(world, as_user):
    response = as_user(world.admin).post(ADMIN + "accounts/membership/add/", {
        "user": world.vt_liaison.pk, "team": world.other_team.pk, "has_dv_expertise": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=world.vt_liaison, team=world.other_team)
    assert membership.has_dv_expertise is True


def test_membership_is_editable_inline_on_the_user(world, as_user):
    membership = Membership.objects.get(user=world.worker, team=world.team)
    client = as_user(world.admin)
    change_url = ADMIN + f"accounts/user/{world.worker.pk}/change/"
    page = client.get(change_url)
    assert 'name="memberships-0-has_dv_expertise"' in page.content.decode()
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if name in form.fields and name not in {"password", "groups", "user_permissions", "last_login",
                                                    "date_joined"} and value is not None}
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1", "memberships-MIN_NUM_FORMS": "0",
                 "memberships-MAX_NUM_FORMS": "1000", "memberships-0-id": membership.pk,
                 "memberships-0-user": world.worker.pk, "memberships-0-team": world.team.pk,
                 "memberships-0-has_dv_expertise": "on",
                 "date_joined_0": world.worker.date_joined.strftime("%Y-%m-%d"),
                 "date_joined_1": world.worker.date_joined.strftime("%H:%M:%S")})
    response = client.post(change_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    membership.refresh_from_db()
    assert membership.has_dv_expertise is True


@pytest.mark.parametrize("persona", ["worker", "coordinator", "log_officer", "policy_officer"])
def test_a_user_without_is_staff_gets_no_admin(world, as_user, persona):
    client = as_user(getattr(world, persona))
    for path in (ADMIN, ADMIN + "accounts/user/", ADMIN + "accounts/team/add/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ADMIN + "login/")
    assert client.post(ADMIN + "accounts/team/add/", {"name": "Stiekem team"}).status_code == 302
    assert not Team.objects.filter(name="Stiekem team").exists()


def test_reset_two_factor_makes_the_user_enrol_again(world, as_user):
    worker_session = as_user(world.worker)
    assert worker_session.get(reverse("cases:detail", args=[world.case.pk])).status_code == 200
    response = as_user(world.admin).post(ADMIN + "accounts/user/", {
        "action": "reset_two_factor", "_selected_action": [world.worker.pk]}, follow=True)
    assert response.status_code == 200
    assert "Tweestapsverificatie gereset voor 1 gebruiker" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.worker).exists()
    assert TOTPDevice.objects.filter(user=world.admin, confirmed=True).exists()
    assert TOTPDevice.objects.filter(user=world.duo_partner, confirmed=True).exists()
    after = worker_session.get(reverse("cases:detail", args=[world.case.pk]))
    assert after.status_code == 302
    assert "Huishouden Testerink" not in after.content.decode()
    entry = LogEntry.objects.get(object_id=str(world.worker.pk))
    assert entry.user_id == world.admin.pk
    assert "tweestapsverificatie" in entry.change_message


def test_user_list_shows_who_has_two_factor(world, as_user):
    TOTPDevice.objects.filter(user=world.colleague).delete()
    response = as_user(world.admin).get(ADMIN + "accounts/user/")
    assert response.status_code == 200
    rows = {user.username: user.is_enrolled for user in response.context["cl"].result_list}
    assert rows["t_worker"] is True
    assert rows["t_colleague"] is False
