#!/usr/bin/env bash
# The whole suite: once on the embedded SQLite, once on a throwaway PostgreSQL on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# Two workers (this machine has two cores); one file per worker keeps module-scoped servers started once.
PYTEST=(.venv/bin/python -m pytest -q -p no:randomly -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@")

echo "== ruff (rules in pyproject.toml) =="
.venv/bin/ruff check wijkveilig tests config benchmarks

echo "== SQLite =="
env -u DATABASE_URL "${PYTEST[@]}"

echo "== PostgreSQL (throwaway cluster) =="
source scripts/pg_throwaway.sh
"${PYTEST[@]}"
