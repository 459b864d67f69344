"""Synthetic data at national scale for the benchmark (issue 12 part 5): obviously fictional, made inside PostgreSQL.

One measured team of the same size at every SIZE ("Meetteam", MEASURED_CASES cases, its worker with about 30 open
cases), and the rest of the country around it: teams of ~500 cases, a household with three persons per case, an
active assignment per open case, one form of violence per case, 0.3 incoming concerns per case, and 20 access-log rows
per case spread over three years (so over ~37 monthly partitions). Municipalities, teams and users are made with the
ORM; the per-case rows with INSERT ... SELECT over generate_series, each column either an SQL expression or the value
the application itself would store for a prototype row (encrypted fields encrypted by the application's own code);
the log month by month into plain tables that are then attached as partitions. PostgreSQL only: the benchmark
measures PostgreSQL's plans.
"""

import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import Membership, Role, Team, User
from wijkveilig.areas.models import Buurt, District, Municipality
from wijkveilig.audit import partitions
from wijkveilig.cases.models import Assignment, Case, CaseStatus, CaseViolenceForm, Participant, ViolenceForm
from wijkveilig.households.models import Household, Person
from wijkveilig.intake.models import Concern, ConcernStatus
from wijkveilig.intake.triage import Colour

MEASURED_CASES = 300
CASES_PER_TEAM = 500
WORKERS_PER_TEAM = 10
LOG_ROWS_PER_CASE = 20
LOG_DAYS = 3 * 365
BUURTEN_PER_MUNICIPALITY = 100  # a middle-sized municipality; the measured one has as many at every SIZE
OPEN_SHARE = 0.35
BATCH = 5_000
TOTP_KEY = "48656c6c6f21deadbeef"  # the test personas' key (tests/factories.py)
SURNAMES = ["Voorbeeld", "Proefmans", "Testerink", "Nepveld", "Fictiefsma", "Verzonnen", "Bedachtman", "Schijnhout",
            "Oefenberg", "Modelsteen", "Dummering", "Steekproef", "Meetbaar", "Synthesius", "Nagebootst", "Zomaarink"]
FIRST_NAMES = ["Anna", "Bram", "Cas", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ilse", "Joris", "Kim", "Lotte"]
SEARCH_TERM = "Meetgezin"  # only the measured team's households carry it: a search with a known, bounded answer


@dataclass
class Built:
    size: int
    worker: int
    coordinator: int
    log_officer: int
    policy_officer: int
    case: int
    case_reference: str
    seconds: float


class Progress:
    """A progress bar on stderr (no extra package): what is being built, how far, how fast."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet, self.start = max(total, 1), 0, quiet, time.monotonic()

    def step(self, label: str, count: int) -> None:
        self.done += count
        if self.quiet:
            return
        share = min(self.done / self.total, 1)
        rate = self.done / max(time.monotonic() - self.start, 1e-6)
        bar = "#" * int(share * 30)
        sys.stderr.write(f"\r[{bar:<30}] {share:6.1%} {label:<22} {rate:10,.0f} rows/s")
        sys.stderr.flush()

    def close(self) -> None:
        if not self.quiet:
            sys.stderr.write("\n")


def _bulk(model, objects, progress: Progress, label: str):
    created = []
    for start in range(0, len(objects), BATCH):
        chunk = model.objects.bulk_create(objects[start:start + BATCH], batch_size=BATCH)
        created += chunk
        progress.step(label, len(chunk))
    return created


def _users(prefix: str, role: str, count: int) -> list[User]:
    return [User(username=f"{prefix}{i}", role=role, first_name="Meet", last_name=f"{prefix}{i}",
                 password=UNUSABLE_PASSWORD_PREFIX, organisation="") for i in range(count)]


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    return cursor.fetchone()[0]


def _insert_select(cursor, model, source: str, columns: dict[str, str], params: dict, prototype) -> None:
    """INSERT INTO model's table SELECT ... FROM `source`: every concrete column either an SQL expression from
    `columns` (None: the database's default) or the prototype instance's value as the application would store it
    (encrypted fields encrypted, defaults applied), so that a model with a new NOT NULL column still gets a valid
    row."""
    names, selects, values = [], [], dict(params)
    for field in model._meta.concrete_fields:
        names.append(field.column)
        if field.column in columns:
            if columns[field.column] is not None:  # None: the column's database default (the id sequence)
                selects.append(columns[field.column])
            else:
                names.pop()
            continue
        key = f"proto_{field.column}"
        values[key] = field.get_db_prep_save(field.pre_save(prototype, add=True), connection)
        selects.append(f"%({key})s")
    cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(names)}) "
                   f"SELECT {', '.join(selects)} FROM {source}", values)


def _sync_sequence(cursor, table: str) -> None:
    cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {table}))",
                   [table])


LOG_COLUMNS = ("event_id", "at", "event", "action", "outcome", "case_id", "case_reference", "section", "user_id",
               "username", "role", "organisation", "on_behalf_of", "request_id", "ip_address", "is_emergency",
               "auth_rule", "query_hash", "municipality_id")


def _log_select(count_sql: str, at_sql: str) -> str:
    """SELECT of `count_sql` access-log rows about the country's cases, each read (3 % refused) by a worker of the
    case's own team; `g` numbers the rows, %(first)s offsets it so that every month picks other cases. The worker's
    name is computed, not picked from an array: PostgreSQL finds a text array's n-th element by walking it."""
    return f"""
        SELECT gen_random_uuid(), {at_sql},
               CASE WHEN denied THEN 'case.access_denied' ELSE (%(events)s::text[])[1 + (r %% 5)] END,
               'R', CASE WHEN denied THEN 'denied' ELSE 'success' END, %(case_base)s + i,
               CASE WHEN denied THEN '' ELSE %(prefix)s || lpad(i::text, 7, '0') END, '',
               (%(workers)s::bigint[])[w], username, 'worker', 'Proefteam', username, md5(r::text), '192.0.2.1', false,
               CASE WHEN denied THEN '' ELSE 'assigned' END, '', (%(team_municipalities)s::bigint[])[t + 1]
        FROM (SELECT *, CASE WHEN w <= %(measured_workers)s THEN 'meet_w' || (w - 1)
                             ELSE 'proef_w' || (w - %(measured_workers)s - 1) END AS username
              FROM (SELECT r, i, t, CASE WHEN t = 0 THEN 1 + (r %% %(measured_workers)s)
                                         ELSE %(measured_workers)s + 1 + (t - 1) * %(workers_per_team)s
                                              + (r %% %(workers_per_team)s) END AS w,
                           (r %% 100) < 3 AS denied
              FROM (SELECT r, i, {_team_of("i")} AS t
                    FROM (SELECT g + %(first)s AS r, 1 + ((g + %(first)s) * 2654435761 %% %(size)s) AS i
                          FROM generate_series(1::bigint, {count_sql}) AS g) AS picked) AS teamed) AS named) AS rows"""


def add_log_rows(count: int, *, batch: int = 1_000_000, quiet: bool = False) -> None:
    """`count` more access-log rows generated inside PostgreSQL (generate_series), about existing cases, spread over
    the same three years: to measure the log officer's filters at 10M rows and beyond without a 10M-case country.
    The users are fictional names without accounts (proef_lezer0 ... proef_lezer4999)."""
    progress = Progress(count, quiet)
    for start in range(0, count, batch):
        rows = min(batch, count - start)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"""
                WITH bounds AS (SELECT min(id) AS lo, count(*) AS n FROM cases_case)
                INSERT INTO audit_accesslogentry ({", ".join(LOG_COLUMNS[:-1])})
                SELECT gen_random_uuid(), now() - random() * interval '1095 days', 'case.viewed', 'R', 'success',
                       c.id, c.reference, '', NULL, 'proef_lezer' || (g %% 5000), 'worker', 'Proefteam',
                       'proef_lezer' || (g %% 5000), md5(g::text), '192.0.2.1', false, 'assigned', ''
                FROM generate_series(%s, %s) AS g CROSS JOIN bounds
                JOIN cases_case c ON c.id = bounds.lo + ((g * 2654435761) %% bounds.n)""", [start + 1, start + rows])
        progress.step("access log (SQL)", rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_accesslogentry")
    progress.close()


def _team_of(number: str) -> str:
    """The team (0: the measured one) of case number `number` (1..size), as SQL."""
    return (f"CASE WHEN {number} <= %(measured)s THEN 0 "
            f"ELSE 1 + ({number} - %(measured)s - 1) / %(per_team)s END")


def build(size: int, *, seed: int = 12, quiet: bool = False, log_rows_per_case: int = LOG_ROWS_PER_CASE) -> Built:
    """Build `size` cases (at least the measured team) into the current, freshly migrated database."""
    began = time.monotonic()
    now = timezone.now()
    measured = min(MEASURED_CASES, max(size // 2, 2))
    size = max(size, measured)
    progress = Progress(size * (10 + log_rows_per_case), quiet)

    with transaction.atomic():
        municipalities = [Municipality.objects.get_or_create(code="GM9999", defaults={"name": "Gemeente Voorbeeld"})[0]]
        for i in range(1, 1 + size // 50_000):
            municipalities.append(Municipality.objects.create(code=f"GM8{i:03d}", name=f"Gemeente Proef {i}"))
        districts = _bulk(District, [District(code=f"WK{8000 + i:04d}{j:02d}", name=f"Proefwijk {i}-{j}",
                                              municipality=m) for i, m in enumerate(municipalities) for j in range(4)],
                          progress, "districts")
        buurten = _bulk(Buurt, [Buurt(code=f"BU{80_000_000 + i:08d}", name=f"Proefbuurt {i}",
                                      district=districts[i % len(districts)])
                                for i in range(BUURTEN_PER_MUNICIPALITY * len(municipalities))], progress, "buurten")
        home = [b for b in buurten if b.district.municipality_id == municipalities[0].pk][:10]

        other_teams = max(0, -(-(size - measured) // CASES_PER_TEAM))
        teams = _bulk(Team, [Team(name="Meetteam", municipality=municipalities[0])] + [
            Team(name=f"Proefteam {i}", municipality=municipalities[i % len(municipalities)])
            for i in range(other_teams)], progress, "teams")
        teams[0].buurten.set(home)
        workers = _bulk(User, _users("meet_w", Role.WORKER, WORKERS_PER_TEAM + 2)
                        + _users("proef_w", Role.WORKER, WORKERS_PER_TEAM * other_teams), progress, "users")
        coordinators = _bulk(User, _users("meet_c", Role.COORDINATOR, 1)
                             + _users("proef_c", Role.COORDINATOR, other_teams), progress, "users")
        log_officer, policy_officer = _bulk(User, _users("meet_log", Role.LOG_OFFICER, 1)
                                            + _users("meet_beleid", Role.POLICY_OFFICER, 1), progress, "users")
        User.objects.filter(pk=log_officer.pk).update(municipality=municipalities[0])  # reads its own municipality
        members_by_team, memberships = {}, []
        for index, team in enumerate(teams):
            if index == 0:
                team_workers = workers[:WORKERS_PER_TEAM + 2]
            else:
                first = WORKERS_PER_TEAM + 2 + (index - 1) * WORKERS_PER_TEAM
                team_workers = workers[first:first + WORKERS_PER_TEAM]
            members_by_team[team.pk] = [*team_workers, coordinators[index]]
            memberships += [Membership(user=u, team=team) for u in members_by_team[team.pk]]
        # the policy officer reads the measured team's municipality (insight.selectors.municipality_of)
        memberships.append(Membership(user=policy_officer, team=teams[0]))
        _bulk(Membership, memberships, progress, "memberships")
        measured_users = [workers[0], coordinators[0], log_officer, policy_officer]
        TOTPDevice.objects.bulk_create([TOTPDevice(user=u, name="Meet", key=TOTP_KEY, confirmed=True)
                                        for u in measured_users])

    # Per case: a household of three persons, the case, an assignment, a form of violence, participants; 0.3
    # concerns. Generated inside PostgreSQL (INSERT ... SELECT over generate_series) with ids computed from the
    # case's number i (1..size): the measured team holds i <= measured, team t > 0 holds the next CASES_PER_TEAM.
    team_ids = [t.pk for t in teams]
    params = {
        "size": size, "measured": measured, "per_team": CASES_PER_TEAM, "teams": team_ids,
        "team_municipalities": [t.municipality_id for t in teams], "workers": [u.pk for u in workers],
"coordinators": [u.pk for u in coordinators],
        "measured_workers": WORKERS_PER_TEAM + 2, "workers_per_team": WORKERS_PER_TEAM,
        "buurten": [b.pk for b in buurten], "home": [b.pk for b in home], "surnames": SURNAMES,
        "first_names": FIRST_NAMES, "search_term": SEARCH_TERM, "prefix": f"WV-{now.year}-", "now": now,
        "open_share": OPEN_SHARE, "forms": list(ViolenceForm.values), "roles": ["victim", "suspected_perpetrator",
                                                                               "child"],
        "colours": list(Colour.values), "events": ["case.viewed", "case.viewed", "case.viewed", "note.added",
                                                   "case.listed"],
        # the measured worker holds about 30 of the measured team's open cases
        "mine_share": 30 / max(measured * OPEN_SHARE, 1),
    }
    team_of = _team_of("i")
    cases_source = f"(SELECT i, {team_of} AS t FROM generate_series(1::bigint, %(size)s) AS i) AS n"
    surname = ("CASE WHEN t = 0 THEN %(search_term)s "
               "ELSE (%(surnames)s::text[])[1 + (i * 7919) %% cardinality(%(surnames)s::text[])] END")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        # The rows are made consistent by construction (and tests/test_bench_scale_builder.py checks it); with
        # Django's deferred foreign keys PostgreSQL would otherwise queue and check millions of rows one by one at
        # COMMIT. The builder runs as the tables' owner on a throwaway cluster.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT setseed(%s)", [seed / 100])
        for table, key in (("households_household", "household_base"), ("cases_case", "case_base"),
                           ("households_person", "person_base")):
            params[key] = _next_id(cursor, table)
        prototype_household = Household(name="", street="Proefstraat", postcode="9900AA", city="Voorbeeld")
        _insert_select(cursor, Household, cases_source, {
            "id": "%(household_base)s + i",
            "name": f"'Huishouden ' || {surname} || ' ' || i",
            "house_number": "(1 + i %% 200)::text",
            "buurt_id": "CASE WHEN t = 0 THEN (%(home)s::bigint[])[1 + i %% cardinality(%(home)s::bigint[])] "
                        "ELSE (%(buurten)s::bigint[])[1 + i %% cardinality(%(buurten)s::bigint[])] END",
        }, params, prototype_household)
        progress.step("households", size)
        prototype_case = Case(reference="", status=CaseStatus.OPEN)
        _insert_select(cursor, Case, f"(SELECT *, %(now)s::timestamptz - random() * interval '1095 days' AS opened, "
                                     f"random() < %(open_share)s AS is_open FROM {cases_source} OFFSET 0) AS c", {
            "id": "%(case_base)s + i",
            "reference": "%(prefix)s || lpad(i::text, 7, '0')",
            "household_id": "%(household_base)s + i",
            "team_id": "(%(teams)s::bigint[])[t + 1]",
            "status": f"CASE WHEN is_open THEN '{CaseStatus.OPEN}' ELSE '{CaseStatus.CLOSED}' END",
            "opened_at": "opened",
            "closed_at": "CASE WHEN is_open THEN NULL ELSE least(opened + interval '120 days', %(now)s) END",
            "close_reason": "CASE WHEN is_open THEN '' ELSE 'safety_reached' END",
            "created_by_id": "(%(coordinators)s::bigint[])[t + 1]",
        }, params, prototype_case)
        progress.step("cases", size)
        # every case has an assignment to a worker of its team, active while the case is open
        worker = ("CASE WHEN t = 0 THEN (%(workers)s::bigint[])[CASE WHEN random() < %(mine_share)s THEN 1 "
                  "ELSE 2 + (i %% (%(measured_workers)s - 1)) END] "
                  "ELSE (%(workers)s::bigint[])[%(measured_workers)s + 1 + (t - 1) * %(workers_per_team)s "
                  "+ (i %% %(workers_per_team)s)] END")
        of_case = (f"(SELECT *, {team_of} AS t FROM (SELECT id, opened_at, closed_at, id - %(case_base)s AS i "
                   f"FROM cases_case WHERE id > %(case_base)s) AS numbered) AS c")
        _insert_select(cursor, Assignment, of_case, {
            "id": None, "case_id": "id", "user_id": worker, "assigned_by_id": "(%(coordinators)s::bigint[])[t + 1]",
            "assigned_at": "opened_at", "ended_at": "closed_at"}, params, Assignment())
        progress.step("assignments", size)
        _insert_select(cursor, CaseViolenceForm, of_case, {
            "id": None, "case_id": "id",
            "form": "(%(forms)s::text[])[1 + i %% cardinality(%(forms)s::text[])]"}, params,
            CaseViolenceForm(natures=[]))
        progress.step("violence forms", size)
        persons_source = (f"(SELECT *, {team_of} AS t FROM (SELECT p, (p - 1) / 3 + 1 AS i, (p - 1) %% 3 AS k "
                          f"FROM generate_series(1::bigint, 3 * %(size)s) AS p) AS numbered) AS q")
        _insert_select(cursor, Person, persons_source, {
            "id": "%(person_base)s + p", "household_id": "%(household_base)s + i",
            "first_name": "(%(first_names)s::text[])[1 + (p * 31) %% cardinality(%(first_names)s::text[])]",
            "last_name": surname,
        }, params, Person(gender="o"))
        progress.step("persons", 3 * size)
        _insert_select(cursor, Participant, persons_source, {
            "id": None, "case_id": "%(case_base)s + i", "person_id": "%(person_base)s + p",
            "role": "(%(roles)s::text[])[k + 1]"}, params, Participant())
        progress.step("participants", 3 * size)
        params["concerns"] = int(size * 0.3)
        colour = "CASE WHEN triaged THEN (%(colours)s::text[])[1 + j %% cardinality(%(colours)s::text[])] ELSE '' END"
        _insert_select(cursor, Concern, (
            f"(SELECT j, c.id AS case_id, c.team_id, h.buurt_id, tm.municipality_id, random() < 0.8 AS triaged, "
            f"{_team_of('(c.id - %(case_base)s)')} AS t "
            "FROM generate_series(1::bigint, %(concerns)s) AS j "
            "JOIN cases_case c ON c.id = %(case_base)s + 1 + (j * 2654435761 %% %(size)s) "
            "JOIN households_household h ON h.id = c.household_id "
            "JOIN accounts_team tm ON tm.id = c.team_id OFFSET 0) AS picked"), {
            "id": None, "source": "'police'",
            "received_at": "%(now)s::timestamptz - random() * interval '730 days'",
            "household_name": "'Huishouden Zorgproef'", "buurt_id": "buurt_id", "team_id": "team_id",
            "municipality_id": "municipality_id",
            "status": f"CASE WHEN triaged THEN '{ConcernStatus.TRIAGED}' ELSE '{ConcernStatus.NEW}' END",
            "computed_colour": colour,
            "final_colour": colour,
            "submitted_by_id": "(%(coordinators)s::bigint[])[t + 1]",  # the team's own coordinator
        }, params, Concern(observation="Fictief: proefwaarneming.", received_at=now))
        progress.step("concerns", params["concerns"])
        for table in ("households_household", "cases_case", "households_person", "cases_assignment",
                      "cases_caseviolenceform", "cases_participant", "intake_concern"):
            _sync_sequence(cursor, table)

    _build_log(params, size * log_rows_per_case, now, progress)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT a.case_id, c.reference FROM cases_assignment a JOIN cases_case c ON c.id = a.case_id "
                       "WHERE a.user_id = %s AND a.ended_at IS NULL ORDER BY c.id LIMIT 1", [workers[0].pk])
        mine = cursor.fetchone()
    if mine is None:  # a tiny SIZE may leave the measured worker without an open case: give them one
        case = Case.objects.filter(team=teams[0]).order_by("pk").first()
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.OPEN, closed_at=None, close_reason="")
        Assignment.objects.filter(case=case).update(ended_at=None, user=workers[0])
        mine = (case.pk, case.reference)
    progress.close()
    return Built(size=size, worker=workers[0].pk, coordinator=coordinators[0].pk, log_officer=log_officer.pk,
                 policy_officer=policy_officer.pk, case=mine[0], case_reference=mine[1],
                 seconds=time.monotonic() - began)


def _month_spans(now: datetime, days: int) -> list[tuple[date, datetime, datetime]]:
    """The calendar months (UTC) that the last `days` days touch, each with the part of it inside that period."""
    start = now - timedelta(days=days)
    spans, month = [], partitions.month_start(start.astimezone(UTC).date())
    while month <= now.astimezone(UTC).date():
        following = partitions.add_months(month, 1)
        lower = max(start, datetime(month.year, month.month, 1, tzinfo=UTC))
        upper = min(now, datetime(following.year, following.month, 1, tzinfo=UTC))
        spans.append((month, lower, upper))
        month = following
    return spans


def _build_log(params: dict, rows: int, now: datetime, progress: Progress) -> None:
    """The access log over three years, month by month. A month without a partition yet is filled as a plain table
    and then attached as its partition, so that PostgreSQL builds its indexes once, sorted, instead of updating
    them row by row: this is what makes 20M rows take minutes rather than an hour."""
    spans = _month_spans(now, LOG_DAYS)
    total_seconds = sum((upper - lower).total_seconds() for _, lower, upper in spans)
    written = 0
    for number, (month, lower, upper) in enumerate(spans):
        count = rows - written if number == len(spans) - 1 else round(rows * (upper - lower).total_seconds()
                                                                        / total_seconds)
        values = {**params, "first": written, "count": count, "lower": lower, "upper": upper}
        select = _log_select("%(count)s", "%(lower)s::timestamptz + random() * (%(upper)s::timestamptz - %(lower)s)")
        name = partitions.partition_name(month)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            if cursor.fetchone()[0]:
                cursor.execute(f"INSERT INTO {partitions.TABLE} ({', '.join(LOG_COLUMNS)}) {select}", values)
            else:
                cursor.execute(f"CREATE TABLE {name} (LIKE {partitions.TABLE} INCLUDING DEFAULTS)")
                cursor.execute(f"INSERT INTO {name} ({', '.join(LOG_COLUMNS)}) {select}", values)
                partitions.attach_month_partition(cursor, name, month)
        written += count
        progress.step("access log", count)
