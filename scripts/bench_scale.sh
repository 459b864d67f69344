#!/usr/bin/env bash
# make bench-scale SIZE=N: a throwaway PostgreSQL, N synthetic cases, the per-page table (p50, p95, queries, floors,
# EXPLAIN plans) and a 20-client run against the production server. Results in var/bench/ (docs/performance.md says
# how to read them). LOG_ROWS=N adds N access-log rows afterwards and measures the log officer's page again.
# LOG_ROWS_PER_CASE=N (default 20) sizes the access log at build time: SIZE=1000000 LOG_ROWS_PER_CASE=100 is a
# 100M-row log. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${SIZE:-1000}"
REPEAT="${REPEAT:-40}"
LOAD_SECONDS="${LOAD_SECONDS:-30}"
PY=.venv/bin/python
source scripts/pg_throwaway.sh
WORK="$(mktemp -d /tmp/wijkveilig-bench.XXXXXX)"
export DJANGO_DEBUG=false WIJKVEILIG_VAR_DIR="$WORK" WIJKVEILIG_BENCH_OUT="${WIJKVEILIG_BENCH_OUT:-$PWD/var/bench}"
export DJANGO_SECRET_KEY="bench-$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
export WIJKVEILIG_FIELD_KEYS="$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export WIJKVEILIG_LOOKUP_KEY="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py collectstatic --no-input -v 0
echo "== building $SIZE cases =="
"$PY" -m benchmarks.scale build --size "$SIZE" --log-rows-per-case "${LOG_ROWS_PER_CASE:-20}"
# Measure as production runs: as a role that owns no table and has no BYPASSRLS, so that row-level security's
# policies are in every plan (README, "Row-level security"). The build above ran as the owner.
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d wijkveilig -qAt -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE ROLE wijkveilig_app LOGIN NOBYPASSRLS;
GRANT USAGE ON SCHEMA public TO wijkveilig_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO wijkveilig_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO wijkveilig_app;
REVOKE UPDATE, DELETE ON audit_accesslogentry FROM wijkveilig_app;
SQL
OWNER_URL="$DATABASE_URL"
export DATABASE_URL="postgres://wijkveilig_app@127.0.0.1:$PGPORT/wijkveilig"
echo "== measuring ($REPEAT repetitions per page; request log in $WORK/measure.log) =="
"$PY" -m benchmarks.scale measure --size "$SIZE" --repeat "$REPEAT" 2>"$WORK/measure.log"
if [ -n "${LOG_ROWS:-}" ]; then  # the log officer's filters with LOG_ROWS more rows in the log (issue 12 part 3)
  echo "== adding $LOG_ROWS access-log rows =="
  DATABASE_URL="$OWNER_URL" "$PY" -m benchmarks.scale more-log --size "$SIZE" --log-rows "$LOG_ROWS"
  "$PY" -m benchmarks.scale measure --size "$SIZE" --repeat "$REPEAT" --only toegangslog 2>>"$WORK/measure.log"
fi

echo "== 20 clients against gunicorn for ${LOAD_SECONDS}s =="
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WIJKVEILIG_BIND="127.0.0.1:$PORT" WIJKVEILIG_MIGRATE_ON_START=false WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}" \
  setsid bash scripts/serve.sh >"$WORK/server.log" 2>&1 &
SERVER=$!
stop_server() {
  kill -TERM -- "-$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  cp "$WORK/server.log" "$WIJKVEILIG_BENCH_OUT/server-$SIZE.log" 2>/dev/null || true  # per-route durations (JSON)
  pg_stop; rm -rf "$WORK"
}
trap stop_server EXIT
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
"$PY" -m benchmarks.scale load --size "$SIZE" --server "http://127.0.0.1:$PORT" --seconds "$LOAD_SECONDS" \
  2>>"$WORK/measure.log"
