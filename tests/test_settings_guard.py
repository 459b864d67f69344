"""With DEBUG off the app refuses to start on development keys: a forgotten variable never means a public key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "test-secret-key-for-the-settings-guard-only-0123456789",
    "WIJKVEILIG_FIELD_KEYS": Fernet.generate_key().decode(),
    "WIJKVEILIG_LOOKUP_KEY": "test-lookup-key-for-the-settings-guard-only",
    "DATABASE_URL": "postgres://wijkveilig@127.0.0.1:1/wijkveilig?sslmode=require",  # settings only; never connected
}


def _start(env: dict, code: str = "import django; django.setup()") -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKVEILIG_", "DATABASE_URL"))}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env}, timeout=60)


def test_production_settings_with_every_key_start():
    result = _start(PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "WIJKVEILIG_FIELD_KEYS", "WIJKVEILIG_LOOKUP_KEY"])
def test_a_missing_key_stops_the_start(missing):
    result = _start({k: v for k, v in PRODUCTION.items() if k != missing})
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("url", ["", "sqlite:////tmp/wijkveilig-guard.sqlite3"])
def test_production_refuses_sqlite_unless_explicitly_allowed(url):
    without = {**{k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}, **({"DATABASE_URL": url} if url else {})}
    refused = _start(without)
    assert refused.returncode != 0 and "DATABASE_URL must name PostgreSQL when DEBUG is off" in refused.stderr
    assert _start({**without, "WIJKVEILIG_ALLOW_SQLITE": "true"}).returncode == 0


def test_database_url_options_are_kept():
    """?sslmode=require was silently dropped before: a production connection without TLS."""
    code = ("import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default'];"
            "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'], d['OPTIONS'].get('sslmode'))")
    result = _start(PRODUCTION, code)
    assert result.stdout.split() == ["django.db.backends.postgresql", "127.0.0.1", "1", "wijkveilig", "require"]


def test_plain_http_demo_mode_is_refused_outside_the_sqlite_demo():
    result = _start({**PRODUCTION, "WIJKVEILIG_LOCAL_DEMO": "true"})
    assert result.returncode != 0 and "only for the SQLite demo" in result.stderr
