"""The production entrypoint (scripts/serve.sh: deployment checks, collectstatic, migrations, gunicorn, DEBUG off)
serves a worker who logs in with TOTP and opens a case, and the log officer who reads that in the access log, over
real HTTP. On the PostgreSQL run it uses a fresh database in the throwaway cluster, migrated and seeded by the owner
and served as the application's own role, so that row-level security is in force as in production; on the SQLite
run a file."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
import requests
from cryptography.fernet import Fernet
from django_otp.oath import totp

from tests import db_roles

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "demo-wachtwoord"
DEMO_TOTP_KEY = bytes.fromhex("48656c6c6f21deadbeef")  # base32 JBSWY3DPEHPK3PXP, see README


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def database_url():
    """A database of its own: the server runs in other processes and must not touch the test database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield ""  # the SQLite run: a file under the server's own var directory
        return
    name = f"wv_serve_{uuid.uuid4().hex[:8]}"
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlparse(url)._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _application_role(owner_url: str) -> str:
    """The README's application role on this database (owns nothing, no BYPASSRLS, the log read and append only):
    the server then meets row-level security as it would in production. Returns its DATABASE_URL."""
    role = f"wv_app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(owner_url, autocommit=True) as conn:
        for statement in (f"CREATE ROLE {role} LOGIN NOBYPASSRLS", *db_roles.grants(role)):
            conn.execute(statement)
    parts = urlparse(owner_url)
    return parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port}").geturl()


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    var = tmp_path_factory.mktemp("serve-var")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKVEILIG_", "DATABASE_URL"))}
    env.update({
        "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": f"test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        "WIJKVEILIG_FIELD_KEYS": Fernet.generate_key().decode(), "WIJKVEILIG_LOOKUP_KEY": uuid.uuid4().hex,
        "WIJKVEILIG_VAR_DIR": str(var), "WIJKVEILIG_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
        "WIJKVEILIG_THREADS": "2", "PYTHON": sys.executable,
        **({"DATABASE_URL": database_url} if database_url else {"WIJKVEILIG_ALLOW_SQLITE": "true"}),
    })
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([*manage, "demo_seed", "--allow-demo", "--households", "6"], cwd=ROOT, env=env, check=True,
                   timeout=300, capture_output=True)
    if database_url:  # serve as production does: a role that owns nothing, under row-level security
        env.update({"DATABASE_URL": _application_role(database_url), "WIJKVEILIG_MIGRATE_ON_START": "false"})
    log = (var / "server.log").open("w+")
    process = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                break
        except requests.RequestException:  # not listening yet, or the workers still booting
            time.sleep(1)
    try:
        assert process.poll() is None, Path(log.name).read_text()[-3000:]
        yield {"base": base, "log": Path(log.name), "database_url": env.get("DATABASE_URL", "")}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


class Browser:
    """Plain HTTP behind a TLS proxy: every request says it arrived over https, as the proxy would; cookies are
    kept by hand because they are marked Secure and this test speaks http to the server."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def request(self, method: str, path: str, data=None):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{self.base.split('//')[1]}{path}"}
        response = requests.request(method, self.base + path, data=data, headers=headers, cookies=self.cookies,
                                    allow_redirects=False, timeout=30)
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path: str, fields: dict):
        page = self.request("GET", path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **fields})

    def log_in(self, username: str) -> None:
        assert self.form("/inloggen/", {"username": username, "password": DEMO_PASSWORD}).status_code == 302
        code = f"{totp(DEMO_TOTP_KEY, step=30, t0=0, digits=6):06d}"
        response = self.form("/inloggen/controle/", {"token": code})
        assert response.status_code == 302, response.text[:500]


def test_health_checks_answer_without_login(server):
    for path in ("/healthz", "/readyz"):
        response = requests.get(server["base"] + path, timeout=10)  # the probes are exempt from the https redirect
        assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_plain_http_is_sent_to_https(server):
    response = requests.get(server["base"] + "/", allow_redirects=False, timeout=10)
    assert response.status_code == 301 and response.headers["Location"].startswith("https://")


def test_worker_opens_a_case_and_the_log_officer_sees_it(server):
    worker = Browser(server["base"])
    worker.log_in("medewerker")
    caseload = worker.request("GET", "/casussen/")
    assert caseload.status_code == 200
    case_path = re.search(r'href="(/casussen/\d+/)"', caseload.text).group(1)
    case_page = worker.request("GET", case_path)
    assert case_page.status_code == 200 and "Strict-Transport-Security" in case_page.headers
    assert case_page.headers["Cache-Control"] == "no-store"
    reference = re.search(r"WV-\d{4}-\d{5}", case_page.text).group(0)

    stylesheet = re.search(r'href="(/static/vendor/utrecht/index\.[0-9a-f]{12}\.css)"', case_page.text).group(1)
    static = requests.get(server["base"] + stylesheet, headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert static.status_code == 200 and "immutable" in static.headers["Cache-Control"]

    officer = Browser(server["base"])
    officer.log_in("logbeheer")
    log_page = officer.request("GET", "/logboek/")
    assert log_page.status_code == 200
    assert reference in log_page.text and "medewerker" in log_page.text


def test_errors_show_the_plain_page_never_the_technical_one(server):
    worker = Browser(server["base"])
    worker.log_in("duopartner")  # each test its own account: a TOTP code is accepted once
    missing = worker.request("GET", "/casussen/999999/")
    assert missing.status_code == 404
    assert "URLconf" not in missing.text and "Traceback" not in missing.text and "DEBUG" not in missing.text


def test_the_server_logs_json_lines_without_paths(server):
    worker = Browser(server["base"])
    worker.log_in("coordinator")
    worker.request("GET", "/casussen/?q=Fictief")
    time.sleep(0.5)
    lines = [json.loads(line) for line in server["log"].read_text().splitlines() if line.startswith("{")]
    requests_logged = [line for line in lines if line["logger"] == "wijkveilig.request"]
    assert any(line["route"] == "cases:list" and line["status"] == 200 and line["user_id"] for line in requests_logged)
    assert all(set(line) >= {"request_id", "user_id", "route", "status", "duration_ms"} for line in requests_logged)
    text = server["log"].read_text()
    assert "Fictief" not in text and "/casussen/" not in text


def test_a_worker_starts_a_case_and_a_partner_shares_a_concern(server):
    """Writes through the production stack; on PostgreSQL under the application's role and row-level security:
    a new case and its first page, and a partner's shared concern that the partner then sees in their list."""
    worker = Browser(server["base"])
    worker.log_in("buitenstaander")  # each test its own account: a TOTP code is accepted once
    created = worker.form("/casussen/nieuw/", {"household_name": "Huishouden Productieproef",
                                               "summary": "Fictieve aanleiding."})
    assert created.status_code == 302, created.text[:500]
    case_page = worker.request("GET", created.headers["Location"])
    assert case_page.status_code == 200 and "Huishouden Productieproef" in case_page.text

    partner = Browser(server["base"])
    partner.log_in("partner")
    shared = partner.form("/zorg-delen/", {"household_name": "Huishouden Deelproef", "postcode": "9999 AA",
                                           "house_number": "1", "observation": "Fictief: een gedeelde zorg."})
    assert shared.status_code == 302, shared.text[:800]
    mine = partner.request("GET", "/zorg-delen/mijn-zorgen/")
    assert mine.status_code == 200
    reference = re.search(r"Uw zorg (\S+) is gedeeld", mine.text).group(1)  # the confirmation, then the row
    assert mine.text.count(reference) == 2 and "ontvangen, nog niet bekeken" in mine.text


def test_on_postgresql_the_server_connects_as_a_role_that_row_level_security_binds(server, database_url):
    if not database_url:
        pytest.skip("the SQLite run has no database roles")
    assert server["database_url"] != database_url
    with psycopg.connect(server["database_url"]) as app, psycopg.connect(database_url) as owner:
        assert owner.execute("SELECT count(*) FROM cases_case").fetchone()[0] > 0
        assert app.execute("SELECT count(*) FROM cases_case").fetchone()[0] == 0  # no municipality set: nothing
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("UPDATE audit_accesslogentry SET event = 'x' WHERE false")
