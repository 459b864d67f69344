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
}


def _start(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKVEILIG_"))}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, capture_output=True,
                          text=True, env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env}, timeout=60)


def test_production_settings_with_every_key_start():
    result = _start(PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "WIJKVEILIG_FIELD_KEYS", "WIJKVEILIG_LOOKUP_KEY"])
def test_a_missing_key_stops_the_start(missing):
    result = _start({k: v for k, v in PRODUCTION.items() if k != missing})
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr
