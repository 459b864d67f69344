"""Per page and API list, for the same team and user at every SIZE: p50 and p95, the query count, the framework
floor, the raw-SQL floor and the ratio, and the EXPLAIN plan of the page's most expensive query (issue 12 part 5).

Each page is requested in-process through the whole middleware stack (sessions, two-factor check, access-log write,
templates) with DEBUG off, REPEAT times, interleaved with the floors so that a busy machine hits all three alike:
- bare-view floor: the same user's request to a view that reads nothing (`benchmarks/scale/urls.py`): middleware,
  session, second factor, municipality scope, one access-log row and the layout: what every page costs;
- raw-SQL floor: the page's own SELECT statements (those the bare view does not send too), as captured, sent again
  straight to PostgreSQL through the driver, without the ORM, templates or middleware: what the page's rows cost;
- ratio: (page p50 - bare-view p50) / raw-SQL p50; issue 12's target is at most 3.
"""

import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchmarks.scale.build import SEARCH_TERM, Built
from benchmarks.scale.urls import BARE_PATH
from wijkveilig.accounts.middleware import AUTH_AT_KEY
from wijkveilig.accounts.models import User

HEADERS = {"HTTP_X_FORWARDED_PROTO": "https"}  # TLS ends at the proxy in production (SECURE_SSL_REDIRECT)


@dataclass
class Page:
    name: str
    persona: str
    method: str
    path: str
    data: dict = field(default_factory=dict)


def pages(built: Built) -> list[Page]:
    return [
        Page("werkvoorraad (medewerker)", "worker", "GET", reverse("cases:caseload")),
        Page("casuslijst (medewerker)", "worker", "GET", reverse("cases:list")),
        Page("casuslijst (coördinator)", "coordinator", "GET", reverse("cases:list")),
        Page("zoeken op naam (coördinator)", "coordinator", "POST", reverse("cases:list"), {"q": SEARCH_TERM}),
        Page("casuspagina (medewerker)", "worker", "GET", reverse("cases:detail", args=[built.case])),
        Page("intakewachtrij (coördinator)", "coordinator", "GET", reverse("intake:queue")),
        Page("gemeentelijk overzicht (beleid)", "policy_officer", "GET", reverse("insight:concerns_overview")),
        Page("toegangslog, alles", "log_officer", "GET", reverse("audit:log")),
        Page("toegangslog, één casus", "log_officer", "GET", reverse("audit:log"),
             {"case_reference": built.case_reference}),
        Page("toegangslog, één gebruiker", "log_officer", "GET", reverse("audit:log"), {"username": "meet_w0"}),
        Page("API casuslijst (medewerker)", "worker", "GET", "/api/v1/cases"),
        Page("API casuslijst (coördinator)", "coordinator", "GET", "/api/v1/cases"),
    ]


def session_client(user_id: int) -> Client:
    """A client whose session passed password and TOTP (as tests/conftest.py login_client)."""
    user = User.objects.get(pk=user_id)
    client = Client(enforce_csrf_checks=False, **HEADERS)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
    session[AUTH_AT_KEY] = timezone.now().isoformat()
    session.save()
    return client


def _request(client: Client, page: Page):
    if page.method == "POST":
        return client.post(page.path, page.data, **HEADERS)
    return client.get(page.path, page.data, **HEADERS)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _selects(captured) -> list[str]:
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]


def _own_selects(captured, bare: set[str]) -> list[str]:
    """The page's SELECTs that the bare view does not send as well (session, user, device, scope)."""
    return [sql for sql in _selects(captured) if sql not in bare]


def _raw_seconds(statements: list[str]) -> list[float]:
    """Each statement's time, sent again through the driver's own connection (no ORM, no Django cursor wrapper)."""
    times = []
    cursor = connection.connection.cursor()
    try:
        for sql in statements:
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append(time.perf_counter() - started)
    finally:
        cursor.close()
    return times


def _server_ms(sql: str) -> float:
    """What PostgreSQL itself spends on the statement (EXPLAIN ANALYZE's execution time): unlike a round trip from
    the client, it hardly moves when other processes crowd the CPU."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        return float(cursor.fetchone()[0][0]["Execution Time"])


def _explain(sql: str) -> str:
    if connection.vendor != "postgresql":
        return "(EXPLAIN plans only on PostgreSQL)"
    with connection.connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@dataclass
class Result:
    name: str
    status: int
    queries: int
    p50: float
    p95: float
    floor: float
    raw: float
    server: float
    ratio: float
    main_query: str
    plan: str


@override_settings(ROOT_URLCONF="benchmarks.scale.urls")
def measure(built: Built, *, repeat: int = 40, only: str = "") -> list[Result]:
    connection.ensure_connection()
    clients = {persona: session_client(getattr(built, persona))
               for persona in ("worker", "coordinator", "log_officer", "policy_officer")}
    chosen = [p for p in pages(built) if only in p.name]
    first, bare = {}, {}
    for page in chosen:  # warm-up: caches, the overview's first publication, the session renewal
        for _ in range(3):
            response = _request(clients[page.persona], page)
            clients[page.persona].get(BARE_PATH, **HEADERS)
        with CaptureQueriesContext(connection) as captured:
            response = _request(clients[page.persona], page)
        with CaptureQueriesContext(connection) as floor_captured:
            assert clients[page.persona].get(BARE_PATH, **HEADERS).status_code == 200
        bare[page.persona] = set(_selects(floor_captured.captured_queries))
        first[page.name] = (response.status_code, list(captured.captured_queries))
    timings = {p.name: {"page": [], "floor": [], "raw": []} for p in chosen}
    for _ in range(repeat):
        for page in chosen:
            started = time.perf_counter()
            _request(clients[page.persona], page)
            timings[page.name]["page"].append(time.perf_counter() - started)
            started = time.perf_counter()
            clients[page.persona].get(BARE_PATH, **HEADERS)
            timings[page.name]["floor"].append(time.perf_counter() - started)
            timings[page.name]["raw"].append(_raw_seconds(_own_selects(first[page.name][1], bare[page.persona])))
    results = []
    for page in chosen:
        status, captured = first[page.name]
        selects = _own_selects(captured, bare[page.persona])
        t = timings[page.name]
        server = [min(_server_ms(sql) for _ in range(3)) for sql in selects]
        # the page's main query: the statement on which PostgreSQL spends the most time
        main = selects[server.index(max(server))] if selects else ""
        p50, floor = statistics.median(t["page"]), statistics.median(t["floor"])
        raw = statistics.median(sum(run) for run in t["raw"])
        results.append(Result(page.name, status, len(captured), p50 * 1000, _percentile(t["page"], 0.95) * 1000,
                              floor * 1000, raw * 1000, sum(server), (p50 - floor) / raw if raw else float("nan"),
                              main, _explain(main) if main else ""))
    return results


def table(results: list[Result]) -> str:
    lines = [("| page (same team, same user) | status | queries | p50 ms | p95 ms | bare-view floor ms "
              "| raw SQL ms | (p50 − floor) / raw SQL | server SQL ms |"), "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.name} | {r.status} | {r.queries} | {r.p50:.1f} | {r.p95:.1f} | {r.floor:.1f} "
                     f"| {r.raw:.2f} | {r.ratio:.1f} | {r.server:.2f} |")
    return "\n".join(lines)


def plans(results: list[Result]) -> str:
    out = []
    for r in results:
        out.append(f"### {r.name}\n\n```sql\n{r.main_query[:1500]}\n```\n\n```\n{r.plan}\n```\n")
    return "\n".join(out)


def as_json(results: list[Result]) -> list[dict]:
    return [asdict(r) for r in results]
