"""Web security of the pages: CSRF, escaping and CSP, the user's language, personal API tokens."""

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD
from wijkveilig.accounts.models import ApiToken
from wijkveilig.accounts.services import api_token_create
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases.models import Note

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def csrf_client(as_user, user) -> Client:
    """A logged-in (password + TOTP) client that, like a browser, must send the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.cookies = as_user(user).cookies
    return client


def csrf_token_from(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def note_data(body: str) -> dict:
    return {"kind": "note", "statement_kind": "observation", "body": body,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


# --- CSRF -----------------------------------------------------------------------------------------------------


def test_case_form_without_csrf_token_is_refused(world, as_user):
    client = csrf_client(as_user, world.worker)
    url = reverse("cases:note_add", args=[world.case.pk])
    response = client.post(url, note_data("Fictieve waarneming zonder token"))
    assert response.status_code == 403
    assert not Note.objects.filter(case=world.case).exists()

    token = csrf_token_from(client.get(url))
    response = client.post(url, {**note_data("Fictieve waarneming met token"), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Note.objects.get(case=world.case).body == "Fictieve waarneming met token"


def test_login_form_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    login = reverse("accounts:login")
    response = client.post(login, {"username": world.worker.username, "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session

    token = csrf_token_from(client.get(login))
    response = client.post(login, {"username": world.worker.username, "password": TEST_PASSWORD,
                                   "csrfmiddlewaretoken": token})
    assert response["Location"] == reverse("accounts:verify")


def test_settings_and_token_forms_need_the_csrf_token(world, as_user):
    client = csrf_client(as_user, world.worker)
    token, _key = api_token_create(user=world.worker, name="Fictieve koppeling")
    assert client.post(reverse("accounts:settings"), {"language": "en"}).status_code == 403
    assert client.post(reverse("accounts:token_create"), {"name": "x"}).status_code == 403
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
    world.worker.refresh_from_db()
    token.refresh_from_db()
    assert world.worker.language == "nl"
    assert token.revoked_at is None
    assert ApiToken.objects.filter(user=world.worker).count() == 1


# --- XSS and Content-Security-Policy --------------------------------------------------------------------------


def test_note_with_markup_is_shown_escaped(world, as_user):
    client = as_user(world.worker)
    response = client.post(reverse("cases:note_add", args=[world.case.pk]), note_data(XSS))
    assert response.status_code == 302
    assert Note.objects.get(case=world.case).body == XSS  # stored as typed, nothing lost

    html = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_next_parameter_is_escaped_on_the_login_page(db):
    html = Client().get(reverse("accounts:login"), {"next": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


@pytest.mark.parametrize("url_name", ["accounts:login", "cases:detail"])
def test_pages_send_a_csp_without_inline_script(world, as_user, url_name):
    client = Client() if url_name == "accounts:login" else as_user(world.worker)
    args = [world.case.pk] if url_name == "cases:detail" else []
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    policy = directives(response)
    script_src = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert all(source == "'self'" or source.startswith("'nonce-") for source in script_src)
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script(world, as_user):
    html = as_user(world.worker).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    assert all("src=" in tag or "nonce=" in tag for tag in scripts)
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers either


# --- language -------------------------------------------------------------------------------------------------


def test_dutch_is_the_default(world, as_user):
    response = as_user(world.worker).get(reverse("cases:caseload"))
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()
    anonymous = Client().get(reverse("accounts:login"))
    assert anonymous["Content-Language"] == "nl"


def test_user_switches_to_english(world, as_user):
    client = as_user(world.worker)
    response = client.post(reverse("accounts:settings"), {"language": "en"})
    assert response["Location"] == reverse("accounts:settings")
    world.worker.refresh_from_db()
    assert world.worker.language == "en"
    for url in [reverse("cases:caseload"), reverse("cases:detail", args=[world.case.pk]), reverse("accounts:settings")]:
        page = client.get(url)
        assert page["Content-Language"] == "en", url
        assert '<html lang="en">' in page.content.decode(), url
    # the choice belongs to the user, not the browser session: it holds in a new session too
    assert as_user(world.worker).get(reverse("cases:caseload"))["Content-Language"] == "en"
    assert as_user(world.duo_partner).get(reverse("cases:caseload"))["Content-Language"] == "nl"


def test_users_choice_beats_the_browser_language(world, as_user):
    client = as_user(world.worker)
    response = client.get(reverse("cases:caseload"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nl"


def test_unknown_language_is_refused_without_error(world, as_user):
    client = as_user(world.worker)
    response = client.post(reverse("accounts:settings"), {"language": "xx"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze. xx is geen beschikbare keuze." in response.content.decode()
    world.worker.refresh_from_db()
    assert world.worker.language == "nl"


# --- personal API tokens --------------------------------------------------------------------------------------


def _db_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_token_is_shown_once_and_only_its_hash_is_stored(world, as_user):
    client = as_user(world.worker)
    response = client.post(reverse("accounts:token_create"), {"name": "Fictieve koppeling"})
    assert response.status_code == 200
    key = re.search(r'data-testid="new-token">([^<]+)<', response.content.decode()).group(1)

    token = ApiToken.objects.get(user=world.worker)
    assert token.name == "Fictieve koppeling"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in _db_dump()
    assert token.expires_at > timezone.now()

    again = client.get(reverse("accounts:settings")).content.decode()
    assert "Fictieve koppeling" in again
    assert key not in again
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cases").status_code == 200

    row = AccessLogEntry.objects.filter(event="api_token.created").get()
    assert row.user_id == world.worker.pk
    assert key not in str(row.__dict__)


def test_token_without_name_is_refused_in_dutch(world, as_user):
    response = as_user(world.worker).post(reverse("accounts:token_create"), {"name": "   "})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul ‘Naam (waarvoor gebruikt u dit token?)’ in." in body  # the message names the field
    assert not ApiToken.objects.exists()


def test_revoked_token_no_longer_works(world, as_user):
    token, key = api_token_create(user=world.worker, name="Fictieve koppeling")
    client = as_user(world.worker)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    assert "Het token is ingetrokken." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cases").status_code == 401
    assert AccessLogEntry.objects.filter(event="api_token.revoked", user_id=world.worker.pk).count() == 1


def test_someone_elses_token_cannot_be_revoked(world, as_user):
    token, key = api_token_create(user=world.duo_partner, name="Token van een collega")
    response = as_user(world.worker).post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    html = response.content.decode()
    assert "Dit token bestaat niet of is al ingetrokken." in html
    assert "Token van een collega" not in html
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/cases").status_code == 200


def test_someone_elses_tokens_are_not_listed(world, as_user):
    api_token_create(user=world.duo_partner, name="Token van een collega")
    html = as_user(world.worker).get(reverse("accounts:settings")).content.decode()
    assert "Token van een collega" not in html


def test_token_revoke_is_post_only(world, as_user):
    token, _key = api_token_create(user=world.worker, name="Fictieve koppeling")
    assert as_user(world.worker).get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
