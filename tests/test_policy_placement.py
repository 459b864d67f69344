"""Who may do what is decided in the policy modules only: a role comparison anywhere else fails this test.

Policy modules: `wijkveilig/*/policy.py` (accounts for the role predicates; cases, intake, meldcode, collaboration,
audit for their domain). Views, services, selectors, the API, templates and context processors ask them.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A user's role compared to something: `.role ==`, `.role !=`, `.role in`, `.role not in`, or a bare `role` against a
# literal collection or a *_ROLES set (`role in {…}`, `role not in TEAM_ROLES`), in code and in templates.
ROLE_CHECK = re.compile(r"\.role\s*(==|!=)|\.role\s+(not\s+)?in\b|\brole\s+(not\s+)?in\s+([\(\[\{]|[A-Z_]*ROLES\b)")
# Explicit exceptions: comparisons about something else than a user's role, with the reason.
ALLOWED = {
    # a person's role in a case (mother, child, …), validated as data when an intake concern becomes a case
    ("wijkveilig/intake/services.py", 'role=p.role if p.role in ParticipantRole.values else ""))'),
    # the label of a person's role in an intake concern (mother, child, …), shown on the intake page
    ("wijkveilig/intake/models.py",
     'return str(ParticipantRole(self.role).label) if self.role in ParticipantRole.values else ""'),
    # which persons of a case get safe places recorded, by their role in the case (a pure rule over case data)
    ("wijkveilig/safety/rules.py", "return sorted({pk for pk, role in roles if role in SAFE_PLACE_ROLES})"),
}


def _sources():
    for path in sorted((ROOT / "wijkveilig").rglob("*.py")):
        if "migrations" in path.parts or path.name == "policy.py":
            continue
        yield path
    yield from sorted((ROOT / "templates").rglob("*.html"))


def role_checks(paths, root: Path = ROOT) -> list[tuple[str, int, str]]:
    found = []
    for path in paths:
        relative = str(path.relative_to(root))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ROLE_CHECK.search(line) and (relative, line.strip()) not in ALLOWED:
                found.append((relative, number, line.strip()))
    return found


def test_no_role_check_outside_the_policy_modules():
    found = role_checks(_sources())
    assert found == [], "role checks outside a policy module:\n" + "\n".join(f"{p}:{n}: {line}" for p, n, line in found)


def test_every_allowed_exception_still_exists():
    """An exception whose line is gone is stale and would silently allow the next line that happens to match."""
    for relative, line in ALLOWED:
        assert line in (ROOT / relative).read_text(encoding="utf-8"), f"stale exception: {relative}: {line}"


def test_the_check_finds_the_forms_a_role_check_takes(tmp_path):
    """The scanner itself: each of these lines, in a view or a template, is found; data about roles is not."""
    caught = ['if request.user.role == Role.COORDINATOR:', 'if user.role != "partner":',
              'if actor.user.role in {Role.WORKER}:', 'if user.role not in TEAM_ROLES:',
              '{% if user.role == "coordinator" %}', 'allowed = role in (Role.WORKER, Role.SPECIALIST)']
    innocent = ['User.objects.filter(role__in=TEAM_ROLES)', 'role=user.role if user else ""',
                'for role in sorted(set(roles))', '"role": p.role}']
    view = tmp_path / "views.py"
    for line in caught + innocent:
        view.write_text(line + "\n", encoding="utf-8")
        assert bool(role_checks([view], root=tmp_path)) == (line in caught), line
