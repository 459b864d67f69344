#!/usr/bin/env bash
# `make run` serves the demo as production does (DEBUG off, gunicorn, hashed static files), on http://127.0.0.1 with
# SQLite: keys made once for this checkout under var/ (never in the repo), and the flags that allow plain http.
# Source it: exports the environment the demo runs with.
set -euo pipefail
mkdir -p var
if [ ! -f var/local.env ]; then
  umask 077
  .venv/bin/python - > var/local.env <<'PY'
import secrets
from cryptography.fernet import Fernet
print(f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"WIJKVEILIG_FIELD_KEYS={Fernet.generate_key().decode()}")
print(f"WIJKVEILIG_LOOKUP_KEY={secrets.token_urlsafe(32)}")
PY
fi
set -a
. var/local.env
DJANGO_DEBUG=false
DATABASE_URL="sqlite:///$(pwd)/var/demo.sqlite3"
WIJKVEILIG_ALLOW_SQLITE=true
WIJKVEILIG_LOCAL_DEMO=true
set +a
