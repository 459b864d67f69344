"""Login as a user goes through it: password (argon2), TOTP for every role, lockout, session limits, logout."""

import logging
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD, UserFactory
from wijkveilig.accounts.models import Role

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:verify")
ENROL = reverse("accounts:enrol")
WRONG_LOGIN = "Gebruikersnaam of wachtwoord is onjuist."


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app would show right now for this device."""
    return f"{totp(bytes.fromhex(device.key), step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that is valid in none of the accepted time steps (current, previous and next)."""
    valid = {f"{totp(bytes.fromhex(device.key), step=device.step, t0=device.t0, digits=device.digits, drift=d):06d}"
             for d in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def password_step(client: Client, username: str, password: str = TEST_PASSWORD, next_url: str = ""):
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    return client.post(url, {"username": username, "password": password, "next": next_url})


def full_login(user, client: Client | None = None) -> Client:
    """Log in through the real pages: password, then the current TOTP code."""
    client = client or Client()
    assert password_step(client, user.username)["Location"] == VERIFY
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post(VERIFY, {"token": code_for(device)})
    assert response.status_code == 302, response.content.decode()
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0] == LOGIN


# --- password + second factor ---------------------------------------------------------------------------------


def test_passwords_are_stored_with_argon2(world):
    world.worker.refresh_from_db()
    assert world.worker.password.startswith("argon2")
    assert TEST_PASSWORD not in world.worker.password


@pytest.mark.parametrize("persona", ["worker", "specialist", "coordinator", "vt_liaison", "policy_officer",
                                     "admin", "log_officer"])
def test_every_role_logs_in_with_password_and_totp(world, persona):
    user = getattr(world, persona)
    client = Client()
    assert password_step(client, user.username)["Location"] == VERIFY
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post(VERIFY, {"token": code_for(device)}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] not in (LOGIN, VERIFY, ENROL)
    assert response.wsgi_request.user == user
    assert response.wsgi_request.user.is_verified()
    assert client.get(reverse("accounts:settings")).status_code == 200


@pytest.mark.parametrize("persona", ["worker", "admin", "log_officer"])
def test_password_alone_opens_no_page(world, persona):
    user = getattr(world, persona)
    client = Client()
    password_step(client, user.username)
    for url in [reverse("home"), reverse("cases:caseload"), reverse("cases:list"),
                reverse("cases:detail", args=[world.case.pk]), reverse("cases:note_add", args=[world.case.pk]),
                reverse("audit:log"), reverse("accounts:settings"), "/beheer/", "/beheer/accounts/user/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == VERIFY, url
    assert "Huishouden Testerink" not in client.get(reverse("cases:detail", args=[world.case.pk]),
                                                    follow=True).content.decode()


def test_password_alone_cannot_write(world):
    client = Client()
    password_step(client, world.worker.username)
    response = client.post(reverse("cases:note_add", args=[world.case.pk]), {"body": "poging zonder tweede stap"})
    assert response["Location"] == VERIFY
    assert not world.case.notes.exists()


def test_wrong_totp_code_is_refused_in_dutch(world):
    client = Client()
    password_step(client, world.worker.username)
    response = client.post(VERIFY, {"token": wrong_code(TOTPDevice.objects.get(user=world.worker))})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("cases:caseload"))["Location"] == VERIFY


def test_totp_code_cannot_be_replayed(world):
    # The clock stands still inside one 30-second window: at a window's edge the "used" code would be a fresh one.
    window_start = int(timezone.now().timestamp()) // 30 * 30
    with time_machine.travel(window_start + 5, tick=False):
        first = full_login(world.worker)
        assert first.get(reverse("cases:caseload")).status_code == 200
        device = TOTPDevice.objects.get(user=world.worker)
        used_code = code_for(device)  # same 30-second window: the code just used

        second = Client()
        password_step(second, world.worker.username)
        response = second.post(VERIFY, {"token": used_code})
        assert response.status_code == 200
        assert "al gebruikt" in response.content.decode()
        assert second.get(reverse("cases:caseload"))["Location"] == VERIFY


def test_anonymous_user_is_sent_to_login_with_next(world):
    url = reverse("cases:detail", args=[world.case.pk])
    response = Client().get(url)
    assert is_login_redirect(response)
    assert response["Location"] == f"{LOGIN}?next={url}"


def test_after_login_the_requested_page_opens(world):
    url = reverse("cases:detail", args=[world.case.pk])
    client = Client()
    password_step(client, world.worker.username, next_url=url)
    device = TOTPDevice.objects.get(user=world.worker)
    response = client.post(VERIFY, {"token": code_for(device)})
    assert response["Location"] == url


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/", "https:evil.example",
                                  "javascript:alert(1)", "cases:detail"])
def test_next_pointing_elsewhere_is_ignored(world, evil):
    client = Client()
    password_step(client, world.worker.username, next_url=evil)
    device = TOTPDevice.objects.get(user=world.worker)
    response = client.post(VERIFY, {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:caseload")


# --- enrolment ------------------------------------------------------------------------------------------------


def test_new_user_enrols_with_qr_code_and_secret(world):
    newcomer = UserFactory(username="t_nieuw", role=Role.WORKER, totp=False)
    client = Client()
    assert password_step(client, newcomer.username)["Location"] == ENROL
    assert client.get(reverse("cases:caseload"))["Location"] == VERIFY
    assert client.get(VERIFY)["Location"] == ENROL

    page = client.get(ENROL)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    secret = page.context["secret"]
    assert "<svg" in html
    assert secret in html
    assert b32decode(secret) == bytes.fromhex(device.key)

    response = client.post(ENROL, {"token": wrong_code(device)})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):  # past the throttle after a wrong code
        response = client.post(ENROL, {"token": code_for(device)})
        assert response["Location"] == reverse("cases:caseload")
        assert client.get(reverse("cases:caseload")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_enrolled_user_cannot_enrol_a_second_device(world):
    client = Client()
    password_step(client, world.worker.username)
    response = client.get(ENROL)
    assert response["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=world.worker).count() == 1


# --- user enumeration and lockout -----------------------------------------------------------------------------


def test_unknown_username_gets_the_same_answer_as_a_wrong_password(world):
    unknown = password_step(Client(), "t_bestaat_niet", "iets-anders-lang")
    wrong = password_step(Client(), world.worker.username, "verkeerd-wachtwoord")
    assert unknown.status_code == wrong.status_code == 200
    assert WRONG_LOGIN in unknown.content.decode()
    assert WRONG_LOGIN in wrong.content.decode()
    assert unknown.context["form"].errors == wrong.context["form"].errors


def test_inactive_user_gets_the_same_answer_as_a_wrong_password(world):
    world.worker.is_active = False
    world.worker.save(update_fields=["is_active"])
    response = password_step(Client(), world.worker.username)
    assert WRONG_LOGIN in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_five_wrong_passwords_lock_the_username_from_this_address(world):
    client = Client()
    for _attempt in range(4):
        assert password_step(client, world.worker.username, "verkeerd-wachtwoord").status_code == 200
    locked = password_step(client, world.worker.username, "verkeerd-wachtwoord")
    assert locked.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in locked.content.decode()
    assert "30 minuten" in locked.content.decode()
    assert "accounts/locked.html" in [t.name for t in locked.templates]

    correct = password_step(client, world.worker.username)
    assert correct.status_code == 429
    assert "_auth_user_id" not in correct.wsgi_request.session
    assert is_login_redirect(client.get(reverse("cases:caseload")))

    other = password_step(Client(), world.duo_partner.username)
    assert other.status_code == 302
    assert other["Location"] == VERIFY


def test_lockout_ends_after_the_cooloff(world):
    for _attempt in range(5):
        password_step(Client(), world.worker.username, "verkeerd-wachtwoord")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert password_step(Client(), world.worker.username)["Location"] == VERIFY


def test_unknown_usernames_are_locked_like_known_ones(world):
    responses = [password_step(Client(), "t_bestaat_niet", "verkeerd-wachtwoord") for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]


def test_forwarded_for_header_does_not_escape_the_lockout(world):
    for attempt in range(5):
        Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}").post(
            LOGIN, {"username": world.worker.username, "password": "verkeerd-wachtwoord"})
    response = Client(HTTP_X_FORWARDED_FOR="203.0.113.99").post(
        LOGIN, {"username": world.worker.username, "password": TEST_PASSWORD})
    assert response.status_code == 429


def test_guessing_totp_codes_is_slowed_down(world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = Client()
        password_step(client, world.worker.username)
        device = TOTPDevice.objects.get(user=world.worker)
        for _guess in range(3):
            client.post(VERIFY, {"token": wrong_code(device)})
        right_away = client.post(VERIFY, {"token": code_for(device)})
        assert right_away.status_code == 200
        assert client.get(reverse("cases:caseload"))["Location"] == VERIFY
        clock.shift(timedelta(seconds=5))  # throttle after three failures: 2**2 seconds
        assert client.post(VERIFY, {"token": code_for(device)}).status_code == 302
        assert client.get(reverse("cases:caseload")).status_code == 200


def test_failed_logins_leave_no_username_or_address_in_the_application_log(world, caplog):
    with caplog.at_level(logging.INFO):
        for _attempt in range(5):
            password_step(Client(), world.worker.username, "verkeerd-wachtwoord")
    messages = "\n".join(record.getMessage() for record in caplog.records)
    assert "Locking out" in messages  # the lockout itself is logged ...
    assert world.worker.username not in messages  # ... without who or from where
    assert "127.0.0.1" not in messages
    assert "verkeerd-wachtwoord" not in messages


@override_settings(TRUSTED_PROXY_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_the_proxy_lockout_counts_per_client_address(world):
    attacker = Client(HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    responses = [attacker.post(LOGIN, {"username": world.worker.username, "password": "verkeerd-wachtwoord"})
                 for _ in range(5)]
    assert responses[-1].status_code == 429
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.8, 10.0.0.1")
    assert password_step(colleague, world.worker.username)["Location"] == VERIFY


# --- session lifetime -----------------------------------------------------------------------------------------


def test_sixteen_idle_minutes_end_the_session(world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = full_login(world.worker)
        assert client.get(reverse("cases:caseload")).status_code == 200
        clock.shift(timedelta(minutes=14))
        assert client.get(reverse("cases:caseload")).status_code == 200
        clock.shift(timedelta(minutes=16))
        assert is_login_redirect(client.get(reverse("cases:caseload")))
        assert is_login_redirect(client.get(reverse("cases:detail", args=[world.case.pk])))


def _session_writes(client, path) -> int:
    with CaptureQueriesContext(connection) as executed:
        assert client.get(path).status_code == 200
    return sum(1 for q in executed.captured_queries
               if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")))


def test_a_page_view_does_not_write_the_session_more_than_once_a_minute(world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = full_login(world.worker)
        page = reverse("cases:caseload")
        client.get(page)  # the first view after login renews
        clock.shift(timedelta(seconds=20))
        assert [_session_writes(client, page) for _ in range(5)] == [0] * 5
        clock.shift(timedelta(seconds=41))
        assert _session_writes(client, page) == 1
        assert _session_writes(client, page) == 0


def test_steady_activity_in_short_steps_keeps_the_session(world):
    """Each request comes within the renewal interval of the one before; the session must still be renewed."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = full_login(world.worker)
        for _step in range(60):  # every 30 seconds for half an hour: twice the idle limit
            clock.shift(timedelta(seconds=30))
            assert client.get(reverse("cases:caseload")).status_code == 200
        clock.shift(timedelta(minutes=16))
        assert is_login_redirect(client.get(reverse("cases:caseload")))


def test_activity_keeps_the_session_until_twelve_hours(world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = full_login(world.worker)
        for _step in range(71):  # a request every 10 minutes: 11 h 50 min in all
            clock.shift(timedelta(minutes=10))
            assert client.get(reverse("cases:caseload")).status_code == 200
        clock.shift(timedelta(minutes=10, seconds=1))
        response = client.get(reverse("cases:caseload"))
        assert is_login_redirect(response)
        page = client.get(response["Location"])
        assert "Uw sessie is verlopen" in page.content.decode()
        assert page.wsgi_request.user.is_anonymous


def test_session_without_login_time_is_not_accepted(world):
    client = full_login(world.worker)
    session = client.session
    del session["wijkveilig_auth_at"]
    session.save()
    assert is_login_redirect(client.get(reverse("cases:caseload")))


# --- logout ---------------------------------------------------------------------------------------------------


def test_logout_is_post_only(world):
    client = full_login(world.worker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_logout_invalidates_the_old_session_cookie(world):
    client = full_login(world.worker)
    old_cookie = client.cookies["sessionid"].value
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "U bent uitgelogd." in response.content.decode()
    assert not Session.objects.filter(session_key=old_cookie).exists()

    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    assert is_login_redirect(replay.get(reverse("cases:caseload")))
    assert is_login_redirect(replay.get(reverse("cases:detail", args=[world.case.pk])))


def test_login_gives_a_new_session_key(world):
    client = Client()
    client.get(LOGIN)
    client.cookies["sessionid"] = "attacker-chosen-session-key-123"
    password_step(client, world.worker.username)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-key-123"


# --- the admin (beheer) uses the same login -------------------------------------------------------------------


def test_admin_is_reached_through_the_one_login(world):
    response = Client().get("/beheer/", follow=True)
    assert response.request["PATH_INFO"] == LOGIN
    assert response.wsgi_request.GET["next"] == "/beheer/"
    assert 'name="next" value="/beheer/"' in response.content.decode()

    client = Client()
    password_step(client, world.admin.username, next_url="/beheer/")
    device = TOTPDevice.objects.get(user=world.admin)
    response = client.post(VERIFY, {"token": code_for(device)})
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_admin_login_form_cannot_be_used_to_log_in(world):
    device = TOTPDevice.objects.get(user=world.admin)
    client = Client()
    response = client.post("/beheer/login/", {"username": world.admin.username, "password": TEST_PASSWORD,
                                              "otp_device": device.persistent_id, "otp_token": code_for(device)})
    assert is_login_redirect(response)
    assert "_auth_user_id" not in client.session


def test_the_second_factor_gives_a_new_session_key(world):
    """A session id known after the password step (fixated or observed) is worthless once TOTP succeeds."""
    client = Client()
    password_step(client, world.worker.username)
    between = client.cookies["sessionid"].value
    device = TOTPDevice.objects.get(user=world.worker, confirmed=True)
    assert client.post(VERIFY, {"token": code_for(device)}).status_code == 302
    assert client.cookies["sessionid"].value != between
    assert not Session.objects.filter(session_key=between).exists()

    stolen = Client()
    stolen.cookies["sessionid"] = between
    assert is_login_redirect(stolen.get(reverse("cases:detail", args=[world.case.pk])))
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 200
