#!/usr/bin/env bash
# The one production entrypoint (make serve, make run's demo, the container): deployment checks, hashed and
# compressed static files, migrations, then gunicorn with DEBUG off. Configuration comes from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
export DJANGO_DEBUG=false
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py collectstatic --no-input --clear -v 0
if [ "${WIJKVEILIG_MIGRATE_ON_START:-true}" = true ]; then
  "$PY" manage.py migrate --no-input -v 0
fi
exec "$PY" -m gunicorn -c config/gunicorn.conf.py config.wsgi
