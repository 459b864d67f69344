# Wijkveilig for municipalities that deploy containers. Not built in CI here (no container engine on the CI machine);
# it runs the same tested entrypoint as `make serve`: scripts/serve.sh.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHON=/usr/local/bin/python \
    WIJKVEILIG_BIND=0.0.0.0:8000 WIJKVEILIG_VAR_DIR=/var/lib/wijkveilig
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app wijkveilig && mkdir -p /var/lib/wijkveilig && chown wijkveilig /var/lib/wijkveilig
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY --from=assets /app/node_modules node_modules
COPY . .
RUN python manage.py compilemessages --ignore=node_modules -v 0
USER wijkveilig
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
ENTRYPOINT ["bash", "scripts/serve.sh"]
