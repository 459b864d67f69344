"""Issue 11 part 1: the werkvoorraad puts what is urgent first, links to where to act, filters within need-to-know,
swaps its list in place with htmx (same URL without JavaScript), and reads a fixed number of queries."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_client
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services
from wijkveilig.cases.models import Assignment
from wijkveilig.collaboration.models import CaseConference, ConferenceDecision
from wijkveilig.core import policy
from wijkveilig.intake.models import Concern
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import AcuteDanger, VtFeedback, VtReport
from wijkveilig.safety.models import Agreement, SafetyPlan
from wijkveilig.worklist import urgency
from wijkveilig.worklist.selectors import PAGE_SIZE
from wijkveilig.worklist.urgency import Kind, Tier

TODAY = date(2026, 12, 7)


# ---- the rule: how urgent is a line ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, due_on, expected", [
    (Kind.ACUTE_DANGER, None, Tier.DANGER),
    (Kind.RETURNING_VIOLENCE, None, Tier.DANGER),
    (Kind.RED_INTAKE, None, Tier.DANGER),
    (Kind.URGENT_REPORT, TODAY + timedelta(days=3), Tier.DANGER),  # acute: danger whatever the date
    (Kind.FEEDBACK_OVERDUE, TODAY - timedelta(days=1), Tier.OVERDUE),
    (Kind.AGREEMENT, TODAY - timedelta(days=1), Tier.OVERDUE),
    (Kind.DECISION, TODAY - timedelta(days=30), Tier.OVERDUE),
    (Kind.REPORT_DUE, None, Tier.DUE),  # undated, but to do now
    (Kind.KINDCHECK, None, Tier.DUE),
    (Kind.PROPOSAL, None, Tier.DUE),
    (Kind.EVALUATION_DUE, TODAY, Tier.DUE),
    (Kind.MONITORING, TODAY + timedelta(days=7), Tier.DUE),
    (Kind.MONITORING, TODAY + timedelta(days=8), Tier.UPCOMING),
    (Kind.FEEDBACK_EXPECTED, TODAY + timedelta(days=2), Tier.DUE),
    (Kind.FEEDBACK_EXPECTED, TODAY + timedelta(days=3), Tier.UPCOMING),
    (Kind.ROUTE, None, Tier.UPCOMING),
    (Kind.ROUTE, TODAY + timedelta(days=30), Tier.UPCOMING),
])
def test_tier_of_a_line(kind, due_on, expected):
    assert urgency.tier(kind, due_on, TODAY) == expected


def test_every_kind_has_a_section_and_a_tier():
    assert set(urgency.KINDS) == set(Kind)


def test_lines_are_ordered_danger_then_late_then_due_then_the_rest():
    def line(kind, due, ref):
        return urgency.Line(kind, 1, ref, due, "/")
    lines = [line(Kind.ROUTE, None, "route"), line(Kind.MONITORING, TODAY + timedelta(days=2), "monitoring"),
             line(Kind.AGREEMENT, TODAY - timedelta(days=1), "late agreement"),
             line(Kind.DECISION, TODAY - timedelta(days=9), "later decision"),
             line(Kind.RETURNING_VIOLENCE, None, "returning")]
    assert [x.reference for x in urgency.ordered(lines, TODAY)] == [
        "returning", "later decision", "late agreement", "monitoring", "route"]
    sections = urgency.grouped(urgency.ordered(lines, TODAY))
    assert [section for section, _lines, _total in sections] == ["acute", "collaboration", "safety", "meldcode"]
    assert [total for _section, _lines, total in sections] == [1, 1, 2, 1]
    shortened = urgency.grouped(urgency.ordered(lines, TODAY), shown=1)
    assert [(len(shown), total) for _section, shown, total in shortened][2] == (1, 2)
    assert shortened[2][1][0].reference == "late agreement"  # the most urgent of the section is kept


# ---- the role decisions (policy) ---------------------------------------------------------------------------------

def test_policy_filters_follow_need_to_know(world):
    assert policy.worklist_scopes(world.worker) == (policy.Scope.MINE, policy.Scope.DUO)
    assert policy.worklist_scopes(world.coordinator)[0] == policy.Scope.TEAM
    assert policy.worklist_scope(world.worker, "team") == policy.Scope.MINE  # never the team for a worker
    assert policy.worklist_scope(world.worker, "bogus") == policy.Scope.MINE
    assert policy.worklist_for(world.vt_liaison) == policy.Worklist.VEILIG_THUIS
    for user in (world.policy_officer, world.admin, world.log_officer, world.partner):
        assert policy.worklist_for(user) is None and policy.worklist_scopes(user) == ()


# ---- pages -------------------------------------------------------------------------------------------------------

def page(client, **params) -> str:
    response = client.get(reverse("cases:caseload"), params)
    assert response.status_code == 200
    return response.content.decode()


def open_case(world, name, user=None):
    return services.case_open(actor=Actor.system(user or world.worker), household_name=name, buurt=world.buurt)


def report(world, case, *, due_in: int, key: str, acute=False) -> VtReport:
    route = ms.route_start(actor=Actor.system(world.worker), access=case) if not case.case.meldcode_routes.exists() \
        else case.case.meldcode_routes.first()
    return VtReport.objects.create(case=case.case, route=route, idempotency_key=key, sent_by=world.worker,
                                   content=json.dumps({"fictief": True}), is_acute=acute,
                                   assessment_due_on=timezone.localdate() + timedelta(days=due_in))


def test_urgent_first_and_each_line_links_to_where_to_act(world, as_user):
    late = open_case(world, "Huishouden Laat")
    expected = open_case(world, "Huishouden Verwacht")
    danger = open_case(world, "Huishouden Gevaar")
    report(world, late, due_in=-2, key="late")
    report(world, expected, due_in=2, key="expected")
    route = ms.route_start(actor=Actor.system(world.worker), access=danger)
    AcuteDanger.objects.create(route=route, police_called_at=timezone.now(), called_by="Medewerker (fictief)",
                               recorded_by=world.worker)
    html = page(as_user(world.worker))
    positions = [html.index(f"{c.case.reference}: {text}") for c, text in [
        (danger, "acuut gevaar vastgelegd"), (late, "terugkoppeling van Veilig Thuis is te laat"),
        (expected, "terugkoppeling na de veiligheidsbeoordeling van Veilig Thuis verwacht")]]
    assert positions == sorted(positions)
    assert reverse("meldcode:report", args=[danger.case.pk, route.pk]) in html
    # counts per section: the two reports, and the three routes in step 1 (each report started one)
    assert "Acuut: 1 · Meldcode: 5 · Veiligheid: 0 · Kindcheck: 0" in html


def test_the_worker_sees_the_escalation_proposal_too(world, as_user):
    report(world, world.access, due_in=-4, key="stagnating")
    for user in (world.worker, world.coordinator):
        html = page(as_user(user))
        assert f"{world.case.reference}: voorstel om op te schalen naar AVE 2 (stagnatie)." in html
        assert reverse("collaboration:ave", args=[world.case.pk]) in html


def test_safety_plan_agreements_and_reviews_due(world, as_user):
    plan = SafetyPlan.objects.create(case=world.case, review_on=timezone.localdate() - timedelta(days=1))
    Agreement.objects.create(plan=plan, kind="immediate", who="Moeder (fictief)", what="Belt de buurvrouw",
                             due_on=timezone.localdate() + timedelta(days=3), created_by=world.worker)
    html = page(as_user(world.worker))
    assert "afspraak uit het veiligheidsplan, uiterlijk" in html
    assert "evaluatie van het veiligheidsplan, gepland op" in html
    assert reverse("safety:plan", args=[world.case.pk]) in html


def test_red_intake_case_until_it_is_reported(world, as_user):
    Concern.objects.create(source="police", household_name="Huishouden Testerink", observation="Fictief",
                           computed_colour="rood", final_colour="rood", team=world.team, case=world.case,
                           status="case_opened", submitted_by=world.coordinator)
    assert "intake met kleur rood" in page(as_user(world.worker))
    report(world, world.access, due_in=5, key="red-reported")
    assert "intake met kleur rood" not in page(as_user(world.worker))


def test_decisions_are_the_owners_and_the_coordinator_sees_the_team(world, as_user):
    conference = CaseConference.objects.create(case=world.case, scheduled_at=timezone.now(), risk_estimate="high",
                                               question="Fictief", created_by=world.coordinator)
    ConferenceDecision.objects.create(conference=conference, description="Huisbezoek (fictief)",
                                      owner=world.duo_partner, due_on=timezone.localdate() + timedelta(days=2))
    assert "besluit uit de casusbespreking" not in page(as_user(world.worker))  # not theirs
    assert "besluit uit de casusbespreking" in page(as_user(world.coordinator))


def test_filters_stay_within_need_to_know(world, as_user):
    shared = open_case(world, "Huishouden Gedeeld")
    Assignment.objects.create(case=shared.case, user=world.duo_partner, assigned_by=world.coordinator)
    colleagues = open_case(world, "Huishouden Collega", user=world.colleague)
    worker = as_user(world.worker)
    mine, duo = page(worker, filter="mine"), page(worker, filter="duo")
    assert shared.case.reference in mine and world.case.reference in mine
    assert shared.case.reference in duo and f">{world.case.reference}<" not in duo
    assert colleagues.case.reference not in page(worker, filter="team")  # a worker never gets the team's cases
    assert 'value="team"' not in mine
    coordinator = as_user(world.coordinator)
    assert colleagues.case.reference in page(coordinator)  # the coordinator's default is the team
    assert colleagues.case.reference not in page(coordinator, filter="mine")


def test_htmx_gets_only_the_list_and_the_same_url_works_without_javascript(world, as_user):
    client = as_user(world.worker)
    full = page(client, filter="mine", sort="activity")
    assert "<html" in full and 'id="worklist"' in full and 'aria-sort="descending"' in full
    partial = client.get(reverse("cases:caseload"), {"filter": "mine", "sort": "reference"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in body and body.lstrip().startswith('<div id="worklist"')
    assert world.case.reference in body and 'aria-sort="ascending"' in body


def test_table_sorts_by_each_column(world, as_user):
    other = open_case(world, "Huishouden Ander")
    Concern.objects.create(source="police", household_name="Huishouden Ander", observation="Fictief",
                           computed_colour="rood", final_colour="oranje", overrule_reason="Fictief",
                           team=world.team, case=other.case, status="case_opened", submitted_by=world.coordinator)
    client = as_user(world.worker)
    for sort in ("reference", "colour", "step", "next", "activity", "urgency", "nonsense"):
        html = page(client, sort=sort)
        table = html[html.index('id="worklist-cases"'):]
        refs = re.findall(r">(WV-\d{4}-\d{5})<", table)
        assert sorted(refs) == sorted([world.case.reference, other.case.reference])
    by_colour = page(client, sort="colour")
    table = by_colour[by_colour.index('id="worklist-cases"'):]
    assert table.index(other.case.reference) < table.index(world.case.reference)  # oranje before untriaged


def test_one_access_log_row_per_view(world, as_user):
    for user, event in ((world.worker, "case.listed"), (world.coordinator, "case.listed"),
                        (world.vt_liaison, "vt_report.listed")):
        client = as_user(user)
        before = AccessLogEntry.objects.filter(user_id=user.pk).count()
        page(client)
        rows = AccessLogEntry.objects.filter(user_id=user.pk).order_by("id")[before:]
        assert event in [row.event for row in rows]
        assert len([row for row in rows if row.event == event]) == 1


def test_coordinator_sees_unassigned_intake_by_colour_and_workload(world, as_user):
    for colour in ("rood", "geel", "geel"):
        Concern.objects.create(source="police", household_name="Huishouden Intake", observation="Fictief",
                               computed_colour=colour, final_colour=colour, team=world.team,
                               submitted_by=world.coordinator, status="triaged")
    open_case(world, "Huishouden Twee")
    html = page(as_user(world.coordinator))
    overview = html[html.index("Intake nog niet opgepakt"):html.index("Werkdruk per medewerker")]
    assert re.search(r">rood</span>\s*: 1<", overview) and re.search(r">geel</span>\s*: 2<", overview)
    workload = html[html.index("Werkdruk per medewerker"):]
    assert f'{world.worker.get_full_name()}</td><td class="utrecht-table__cell">2<' in workload
    assert "Intake nog niet opgepakt" not in page(as_user(world.worker))


def test_veilig_thuis_sees_what_it_owes_late_first(world, as_user):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    later = open_case(world, "Huishouden Later")
    done = open_case(world, "Huishouden Klaar")
    report(world, later, due_in=4, key="vt-later")
    report(world, world.access, due_in=-1, key="vt-late")
    answered = report(world, done, due_in=3, key="vt-done")
    VtFeedback.objects.create(report=answered, moment="after_assessment", decision="end", summary="Fictief",
                              received_on=timezone.localdate(), recorded_by=world.vt_liaison)
    html = page(as_user(world.vt_liaison))
    owed = html[html.index("Wat u nog moet terugkoppelen"):html.index("<table")]
    assert owed.index(world.case.reference) < owed.index(later.case.reference)
    assert done.case.reference not in owed and "te laat" in owed
    assert done.case.reference in html  # received, listed in the table
    assert login_client(world.vt_liaison).get(reverse("home"))["Location"] == reverse("cases:caseload")


def _fill(world, n):
    """n open cases of the worker, each with a report, a route, an agreement, a decision and an intake colour."""
    for i in range(n):
        access = open_case(world, f"Huishouden Vol {i}")
        Assignment.objects.create(case=access.case, user=world.duo_partner, assigned_by=world.coordinator)
        report(world, access, due_in=i % 5 - 2, key=f"fill-{i}", acute=i % 7 == 0)
        plan = SafetyPlan.objects.create(case=access.case, review_on=timezone.localdate())
        Agreement.objects.create(plan=plan, kind="immediate", who="Fictief", what="Fictief",
                                 due_on=timezone.localdate() - timedelta(days=1), created_by=world.worker)
        conference = CaseConference.objects.create(case=access.case, scheduled_at=timezone.now(), question="Fictief",
                                                   risk_estimate="high", created_by=world.coordinator)
        ConferenceDecision.objects.create(conference=conference, description="Fictief", owner=world.worker,
                                          due_on=timezone.localdate())
        Concern.objects.create(source="police", household_name=f"Huishouden Vol {i}", observation="Fictief",
                               computed_colour="geel", final_colour="geel", team=world.team, case=access.case,
                               status="case_opened", submitted_by=world.coordinator)


# +1 on PostgreSQL: the request's row-level-security scope (accounts.db_scope, one statement)
MAX_QUERIES = {"worker": 43, "coordinator": 45, "vt_liaison": 19}


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize("persona", ["worker", "coordinator", "vt_liaison"])
def test_each_list_reads_a_bounded_number_of_queries(world, as_user, django_assert_max_num_queries, n, persona):
    world.team.vt_contact = world.vt_liaison
    world.team.save()
    _fill(world, n)
    client = as_user(getattr(world, persona))
    with django_assert_max_num_queries(MAX_QUERIES[persona]):
        html = page(client)
    assert html.count("Huishouden Vol") >= n or html.count("/meldingen/") >= n or html.count("WV-") >= n


# ---- the table of open cases is paginated (issue 12) -------------------------------------------------------------

def _table_refs(html: str) -> list[str]:
    table = html[html.index('id="worklist-cases"'):html.index("</table>", html.index('id="worklist-cases"'))]
    return re.findall(r">(WV-\d{4}-\d{5})<", table)


def _decided_cases(world, n: int) -> list[str]:
    """n cases of the worker, each with an open conference decision; the last opened is due first, so the urgency
    order is the reverse of the reference order. Returns the references in urgency order (then world.case, which
    has no line)."""
    references = []
    for i in range(n):
        case = open_case(world, f"Huishouden Pagina {i}").case
        conference = CaseConference.objects.create(case=case, scheduled_at=timezone.now(), question="Fictief",
                                                   risk_estimate="high", created_by=world.coordinator)
        ConferenceDecision.objects.create(conference=conference, description="Fictief", owner=world.worker,
                                          due_on=timezone.localdate() + timedelta(days=30 + n - i))
        references.append(case.reference)
    return [*reversed(references), world.case.reference]


def test_page_two_shows_rows_51_to_100_in_urgency_order(world, as_user):
    expected = _decided_cases(world, 110)
    client = as_user(world.worker)
    first, second, third = (page(client, pagina=number) for number in ("1", "2", "3"))
    assert _table_refs(first) == expected[:50]
    assert _table_refs(second) == expected[50:100]
    assert _table_refs(third) == expected[100:]
    assert not set(_table_refs(second)) & set(_table_refs(first))  # a case on page 2 is not on page 1
    for html in (first, second, third):
        assert "Open casussen: 111" in html  # the count stays the total, whichever page
    assert "Pagina 2 van 3" in second


def test_page_links_keep_filter_and_sort_and_mark_the_current_page(world, as_user):
    _decided_cases(world, 60)
    client = as_user(world.worker)
    html = page(client, filter="mine", sort="reference", pagina="2")
    nav = html[html.index('<nav class="utrecht-pagination'):]
    nav = nav[:nav.index("</nav>")]
    assert 'aria-label="Pagina’s van de open casussen"' in nav
    assert re.search(r'href="\?filter=mine&amp;sort=reference&amp;pagina=2"[^>]*aria-current="page"', nav)
    assert re.search(r'href="\?filter=mine&amp;sort=reference&amp;pagina=1"[^>]*rel="prev">Vorige<', nav)
    assert "Volgende" not in nav  # the last page has no next link
    assert 'hx-get="?filter=mine&amp;sort=reference&amp;pagina=1"' in nav  # swapped in place with htmx
    # the sorted order holds across pages, and an htmx request for a page gets only the list
    partial = client.get(reverse("cases:caseload"), {"filter": "mine", "sort": "reference", "pagina": "1"},
                         HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="worklist"') and "<html" not in partial
    assert _table_refs(partial) + _table_refs(html) == sorted(_table_refs(partial) + _table_refs(html))
    assert len(_table_refs(partial)) == 50 and len(_table_refs(html)) == 11


@pytest.mark.parametrize("number, shown", [("0", 1), ("-1", 1), ("abc", 1), ("", 1), ("1.5", 1), ("²", 1),
                                           ("9" * 400, 1), ("3", 2), ("99999", 2)])
def test_a_malformed_or_out_of_range_page_shows_the_first_or_last_page(world, as_user, number, shown):
    expected = _decided_cases(world, 55)
    html = page(as_user(world.worker), pagina=number)
    assert _table_refs(html) == (expected[:50] if shown == 1 else expected[50:])


def test_one_team_member_with_few_cases_sees_no_page_navigation(world, as_user):
    html = page(as_user(world.worker))
    assert "utrecht-pagination" not in html and world.case.reference in _table_refs(html)


def test_page_one_and_page_three_cost_the_same_number_of_queries(world, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _fill(world, 120)
    client = as_user(world.coordinator)
    page(client)  # the session's first renewal is not the page's cost
    counts, household_reads = {}, []

    def households(execute, sql, params, many, context):
        if '"households_household"."name"' in sql:  # the household's name is display data (kindcheck reads persons)
            household_reads.append(len(params or ()))
        return execute(sql, params, many, context)

    for number in ("1", "3"):
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(households):
            html = page(client, pagina=number)
        counts[number] = len(queries)
        assert len(_table_refs(html)) >= 20 and "Pagina " + number + " van 3" in html
    assert counts["1"] == counts["3"] <= MAX_QUERIES["coordinator"]
    # the household (and the assignees) are read for the shown rows only, not for all 121 open cases
    assert household_reads and max(household_reads) <= PAGE_SIZE


def test_the_checker_of_a_monitoring_agreement_sees_its_date_on_a_case_they_may_open(world, as_user):
    from wijkveilig.cases.models import Consultation
    from wijkveilig.meldcode.models import MonitoringAgreement

    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    for checker in (world.specialist, world.colleague):
        MonitoringAgreement.objects.create(route=route, what=f"Volgen door {checker.username} (fictief)",
                                           checker=checker, due_on=timezone.localdate() + timedelta(days=3),
                                           agreed_by=world.worker)
    Consultation.objects.create(case=world.case, specialist=world.specialist, requested_by=world.worker)
    assert "Monitoring: Volgen door t_specialist (fictief)" in page(as_user(world.specialist))
    assert "Volgen door t_colleague" not in page(as_user(world.colleague))  # not a case the colleague may open
