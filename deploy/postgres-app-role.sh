#!/bin/sh
# Run once by the postgres image when its data directory is first made (/docker-entrypoint-initdb.d): the role the
# application connects as. It owns nothing and has no BYPASSRLS, so row-level security binds it (README,
# "Row-level security"); tables the owner (POSTGRES_USER) makes later, by migrations, are granted to it by default.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE wijkveilig_app LOGIN NOBYPASSRLS PASSWORD '${APP_DB_PASSWORD}';
GRANT USAGE ON SCHEMA public TO wijkveilig_app;
ALTER DEFAULT PRIVILEGES FOR ROLE "${POSTGRES_USER}" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO wijkveilig_app;
ALTER DEFAULT PRIVILEGES FOR ROLE "${POSTGRES_USER}" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO wijkveilig_app;
SQL
