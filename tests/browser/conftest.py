"""Real-browser fixtures: Debian's chromium through Playwright, axe-core checks, and logins."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import login_client
from wijkveilig.audit import partitions

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_SOURCE = (Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every page view axe-core checked in this run, printed in the terminal summary.
CHECKED: list[str] = []


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}




def _set_audit_triggers(*, present: bool) -> None:
    """On every partition of the access log (PostgreSQL) or its one table (SQLite)."""
    partitions.lift_append_only(connection)
    if present:
        partitions.restore_append_only(connection)


@pytest.fixture(autouse=True)
def _flushable_database(transactional_db):
    """The live server needs committed data, so each test ends with a flush of every table. The access
    log's append-only triggers would refuse that flush: they guard the test, are lifted for the flush,
    and are back in place when the module ends (other test modules rely on them)."""
    _set_audit_triggers(present=True)
    yield
    _set_audit_triggers(present=False)


@pytest.fixture(scope="module", autouse=True)
def _audit_triggers_restored(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _set_audit_triggers(present=True)
        connection.close()  # this teardown may get its own connection; left open, it blocks DROP DATABASE


def pytest_terminal_summary(terminalreporter):
    if CHECKED:
        terminalreporter.write_sep("-", f"axe-core (WCAG 2.1 AA): {len(CHECKED)} page views without violations")
        for label in CHECKED:
            terminalreporter.write_line(f"  {label}")


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules on the page as it is now."""
    # A click that navigates returns before the next page is there: wait for it to be parsed and loaded, so axe
    # never runs on a page that is being replaced (seen on a busy machine: "document is null").
    page.wait_for_function("() => document.readyState === 'complete' && document.documentElement !== null")
    page.wait_for_load_state("load")
    # page.evaluate runs outside the page's CSP, which (rightly) refuses an injected inline <script>.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => JSON.stringify(await axe.run(document, {runOnly: {type: 'tag', values: tags}}))", WCAG_TAGS)
    return json.loads(result)["violations"] + _dangling_idrefs(page)


def _dangling_idrefs(page) -> list[dict]:
    """axe only asks for review when one of several ids is missing; an error or hint a screen reader
    never announces is a failure of WCAG 1.3.1 here (e.g. aria-describedby to a help text id that differs)."""
    nodes = page.evaluate("""() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
        .flatMap(el => ['aria-describedby', 'aria-labelledby'].flatMap(attr => (el.getAttribute(attr) || '')
            .split(/\\s+/).filter(id => id && !document.getElementById(id))
            .map(id => ({target: [`${el.tagName.toLowerCase()}#${el.id}`], failureSummary: `${attr} -> ${id}`}))))""")
    return [{"id": "idref-missing", "impact": "serious", "help": "ARIA id references must exist", "nodes": nodes}] \
        if nodes else []


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
    return "\n".join(lines)


def record_checked(page, label: str) -> None:
    CHECKED.append(f"{label} [/{page.url.split('//', 1)[-1].split('/', 1)[-1]}]")


def assert_accessible(page, label: str) -> None:
    """Fail with every WCAG 2.1 AA violation axe-core finds on the current page."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {label} ({page.url}):\n{describe_violations(violations)}"
    record_checked(page, label)


def assert_styled(page) -> None:
    """The NL Design System CSS, our CSS and htmx really loaded (static files are served)."""
    sheets = page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .map(link => [link.getAttribute('href'), link.sheet ? link.sheet.cssRules.length : 0])""")
    assert len(sheets) == 3 and all(rules > 0 for _href, rules in sheets), sheets
    assert page.evaluate("() => typeof window.htmx") == "object"
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Times" not in font, font


def current_totp(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


@pytest.fixture
def url(live_server):
    return lambda path: f"{live_server.url}{path}"


@pytest.fixture
def log_in_as(context, live_server):
    """Start a browser session that has passed password and TOTP, without spending a TOTP code."""

    def log_in(user):
        context.clear_cookies()
        session_key = login_client(user).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": live_server.url}])

    return log_in
