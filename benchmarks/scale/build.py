"""Synthetic data at national scale for the benchmark (issue 12 part 5): obviously fictional, bulk-inserted.

One measured team of the same size at every SIZE ("Meetteam", MEASURED_CASES cases, its worker with about 30 open
cases), and the rest of the country around it: teams of ~500 cases, a household with three persons per case, an
active assignment per open case, one form of violence per case, 0.3 incoming concerns per case, and 20 access-log rows
per case spread over three years (so over ~36 monthly partitions on PostgreSQL). Model rows go in with bulk_create
(it encrypts the encrypted fields as the application does); the access log, the biggest table by far, with COPY on
PostgreSQL.
"""

import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import Membership, Role, Team, User
from wijkveilig.areas.models import Buurt, District, Municipality
from wijkveilig.audit import partitions
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases.models import Assignment, Case, CaseStatus, CaseViolenceForm, Participant, ViolenceForm
from wijkveilig.households.models import Household, Person
from wijkveilig.intake.models import Concern, ConcernStatus
from wijkveilig.intake.triage import Colour

MEASURED_CASES = 300
CASES_PER_TEAM = 500
WORKERS_PER_TEAM = 10
LOG_ROWS_PER_CASE = 20
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


def _log_rows(cases, members_by_team, rng: random.Random, now: datetime, rows_per_case: int):
    """(id-less) access-log rows: each case read, changed and now and then refused, over up to three years."""
    for case in cases:
        members = members_by_team[case.team_id]
        age = max((now - case.opened_at).total_seconds(), 3600)
        for _ in range(rows_per_case):
            user = members[rng.randrange(len(members))]
            denied = rng.random() < 0.03
            yield (uuid.uuid4(), now - timedelta(seconds=rng.random() * age), "case.access_denied" if denied
                   else rng.choice(["case.viewed", "case.viewed", "case.viewed", "note.added", "case.listed"]),
                   "R", "denied" if denied else "success", case.pk, "" if denied else case.reference, "",
                   user.pk, user.username, user.role, "Meetteam", user.username, uuid.uuid4().hex, "192.0.2.1",
                   False, "" if denied else "assigned", "")


LOG_COLUMNS = ("event_id", "at", "event", "action", "outcome", "case_id", "case_reference", "section", "user_id",
               "username", "role", "organisation", "on_behalf_of", "request_id", "ip_address", "is_emergency",
               "auth_rule", "query_hash")


def _write_log(rows, progress: Progress) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY audit_accesslogentry ({', '.join(LOG_COLUMNS)}) FROM STDIN") as copy:
            for count, row in enumerate(rows, 1):
                copy.write_row(row)
                if count % BATCH == 0:
                    progress.step("access log (COPY)", BATCH)
        return
    batch = []
    for row in rows:
        batch.append(AccessLogEntry(**dict(zip(LOG_COLUMNS, row, strict=True))))
        if len(batch) == BATCH:
            AccessLogEntry.objects.bulk_create(batch)
            progress.step("access log", len(batch))
            batch = []
    AccessLogEntry.objects.bulk_create(batch)


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
                INSERT INTO audit_accesslogentry ({", ".join(LOG_COLUMNS)})
                SELECT gen_random_uuid(), now() - random() * interval '1095 days', 'case.viewed', 'R', 'success',
                       c.id, c.reference, '', NULL, 'proef_lezer' || (g %% 5000), 'worker', 'Proefteam',
                       'proef_lezer' || (g %% 5000), md5(g::text), '192.0.2.1', false, 'assigned', ''
                FROM generate_series(%s, %s) AS g CROSS JOIN bounds
                JOIN cases_case c ON c.id = bounds.lo + ((g * 2654435761) %% bounds.n)""", [start + 1, start + rows])
        progress.step("access log (SQL)", rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_accesslogentry")
    progress.close()


def build(size: int, *, seed: int = 12, quiet: bool = False, log_rows_per_case: int = LOG_ROWS_PER_CASE) -> Built:
    """Build `size` cases (at least the measured team) into the current, freshly migrated database."""
    began = time.monotonic()
    rng = random.Random(seed)
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
                                for i in range(max(10, size // 100))], progress, "buurten")
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

        # households and cases: the measured team first, then the country
        plan = [(teams[0], i) for i in range(measured)] + [
            (teams[1 + (i // CASES_PER_TEAM)], i) for i in range(size - measured)]
        households = _bulk(Household, [
            Household(name=f"Huishouden {SEARCH_TERM if team.pk == teams[0].pk else rng.choice(SURNAMES)} {i}",
                      street="Proefstraat", house_number=str(1 + i % 200), postcode="9900AA", city="Voorbeeld",
                      buurt=home[i % len(home)] if team.pk == teams[0].pk else buurten[i % len(buurten)])
            for team, i in plan], progress, "households")
        year = now.year
        cases = []
        for n, ((team, _), household) in enumerate(zip(plan, households, strict=True)):
            opened = now - timedelta(days=rng.random() * 3 * 365)
            is_open = rng.random() < OPEN_SHARE
            cases.append(Case(reference=f"WV-{year}-{n + 1:07d}", household=household, team=team,
                              status=CaseStatus.OPEN if is_open else CaseStatus.CLOSED, opened_at=opened,
                              closed_at=None if is_open else min(opened + timedelta(days=120), now),
                              close_reason="" if is_open else "safety_reached", created_by=members_by_team[team.pk][0]))
        cases = _bulk(Case, cases, progress, "cases")
        # the measured worker holds ~30 of the measured team's open cases; every open case has an active assignment
        assignments = []
        for case in cases:
            members = members_by_team[case.team_id]
            if case.team_id == teams[0].pk:
                user = workers[0] if rng.random() < 30 / max(measured * OPEN_SHARE, 1) else members[
                    1 + rng.randrange(WORKERS_PER_TEAM)]
            else:
                user = members[rng.randrange(WORKERS_PER_TEAM)]
            assignments.append(Assignment(case=case, user=user, assigned_by=members[-1], assigned_at=case.opened_at,
                                          ended_at=case.closed_at))
        _bulk(Assignment, assignments, progress, "assignments")
        forms = list(ViolenceForm.values)
        _bulk(CaseViolenceForm, [CaseViolenceForm(case=c, form=forms[c.pk % len(forms)], natures=[])
                                 for c in cases], progress, "violence forms")
        persons = _bulk(Person, [Person(household=h, first_name=rng.choice(FIRST_NAMES),
                                        last_name=h.name.split(" ")[1], gender="o") for h in households
                                 for _ in range(3)], progress, "persons")
        case_of_household = {c.household_id: c.pk for c in cases}
        roles = ["victim", "suspected_perpetrator", "child"]
        _bulk(Participant, [Participant(case_id=case_of_household[p.household_id], person=p, role=roles[k % 3])
                            for k, p in enumerate(persons)], progress, "participants")
        concerns = []
        municipality_of_team = dict(Team.objects.values_list("pk", "municipality_id"))
        colours = list(Colour.values)
        for i in range(int(size * 0.3)):
            case = cases[rng.randrange(len(cases))]
            triaged = rng.random() < 0.8
            colour = colours[i % len(colours)] if triaged else ""
            concerns.append(Concern(source="police", received_at=now - timedelta(days=rng.random() * 2 * 365),
                                    household_name="Huishouden Zorgproef", observation="Fictief: proefwaarneming.",
                                    buurt=case.household.buurt, team_id=case.team_id,
                                    municipality_id=municipality_of_team[case.team_id],
                                    status=ConcernStatus.TRIAGED if triaged else ConcernStatus.NEW,
                                    computed_colour=colour, final_colour=colour, submitted_by=coordinators[0]))
        _bulk(Concern, concerns, progress, "concerns")

    # the log, in its monthly partitions (made for the three years it spans), committed in pieces
    if partitions.is_partitioned(connection):
        oldest = partitions.month_start((now - timedelta(days=3 * 365 + 31)).date())
        with connection.cursor() as cursor:
            month = oldest
            while month <= partitions.month_start(now.date()):
                partitions.create_month_partition(cursor, month)
                month = partitions.add_months(month, 1)
    for start in range(0, len(cases), BATCH):
        with transaction.atomic():
            _write_log(_log_rows(cases[start:start + BATCH], members_by_team, rng, now, log_rows_per_case), progress)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    progress.close()
    mine = next((c for c, a in zip(cases, assignments, strict=True)
                 if a.user_id == workers[0].pk and a.ended_at is None), None)
    if mine is None:  # a tiny SIZE may leave the measured worker without an open case: give them one
        mine = next(c for c in cases if c.team_id == teams[0].pk)
        Case.objects.filter(pk=mine.pk).update(status=CaseStatus.OPEN, closed_at=None, close_reason="")
        Assignment.objects.filter(case=mine).update(ended_at=None, user=workers[0])
    return Built(size=size, worker=workers[0].pk, coordinator=coordinators[0].pk, log_officer=log_officer.pk,
                 policy_officer=policy_officer.pk, case=mine.pk, case_reference=mine.reference,
                 seconds=time.monotonic() - began)

