"""`python -m benchmarks.scale build|measure|all --size N` (make bench-scale SIZE=N runs it on a throwaway
PostgreSQL: scripts/bench_scale.sh). Not part of `make test`."""

import argparse
import json
import os
import sys
from pathlib import Path

import django
from django.db import connection

OUT = Path(os.environ.get("WIJKVEILIG_BENCH_OUT", "var/bench"))


def _log_rows() -> int:
    """All rows of the access log. Counted from the partitions' statistics (the build ends with ANALYZE), because the
    measurement connects as the application's role, for which row-level security hides other municipalities' rows
    from count(*)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT count(*) FROM audit_accesslogentry")
        else:
            cursor.execute("""SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_inherits i
                              JOIN pg_class c ON c.oid = i.inhrelid
                              WHERE i.inhparent = 'audit_accesslogentry'::regclass""")
        return cursor.fetchone()[0]


def main() -> int:
    # The harness modules import models, so Django is set up before they are imported.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from benchmarks.scale import build as builder
    from benchmarks.scale import load, measure

    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["build", "more-log", "measure", "load", "all"])
    parser.add_argument("--log-rows", type=int, default=0, help="more-log: how many rows to add")
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--log-rows-per-case", type=int, default=20, help="build: access-log rows per case")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--server", default="", help="base URL of the running production server (load step)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    state = OUT / f"built-{args.size}.json"

    if args.step in ("build", "all"):
        built = builder.build(args.size, log_rows_per_case=args.log_rows_per_case)
        state.write_text(json.dumps(built.__dict__))
        print(f"built {built.size} cases in {built.seconds:.0f} s on {connection.vendor}", flush=True)
    built = builder.Built(**json.loads(state.read_text()))
    if args.step == "more-log":
        builder.add_log_rows(args.log_rows)
        print(f"the access log holds about {_log_rows():,} rows", flush=True)
        return 0

    if args.step in ("measure", "all"):
        results = measure.measure(built, repeat=args.repeat, only=args.only)
        load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        log_rows = _log_rows()
        report = (f"## {built.size:,} cases, about {log_rows:,} access-log rows ({connection.vendor}, "
                  f"{args.repeat} repetitions, load average {load_average} on {os.cpu_count()} cores)\n\n"
                  f"{measure.table(results)}\n")
        name = f"scale-{built.size}" + (f"-log{log_rows // 1_000_000}M" if args.only else "")
        (OUT / f"{name}.md").write_text(report + "\n" + measure.plans(results))
        (OUT / f"{name}.json").write_text(json.dumps(measure.as_json(results), indent=1))
        print(report, flush=True)

    if args.step == "load":
        sessions = {persona: [measure.session_client(getattr(built, persona)).cookies["sessionid"].value
                              for _ in range(5)] for persona in ("worker", "coordinator", "log_officer")}
        paths = {}
        for page in measure.pages(built):
            if page.method == "GET" and page.persona in sessions:
                paths.setdefault(page.persona, []).append(load.with_query(page.path, page.data))
        summary = load.run(args.server, sessions, paths, clients=args.clients, seconds=args.seconds)
        summary["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
        (OUT / f"load-{built.size}.json").write_text(json.dumps(summary, indent=1))
        print("20-client run against gunicorn: " + json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
