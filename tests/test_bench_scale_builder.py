"""The benchmark's data builder at a tiny size (the harness itself runs only with `make bench-scale`)."""

import pytest
from django.db import connection, models

from benchmarks.scale import measure
from benchmarks.scale.build import SEARCH_TERM, build
from wijkveilig.audit import partitions
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases.models import Assignment, Case, Participant
from wijkveilig.households.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="the benchmark builds and measures on PostgreSQL only (generate_series, "
                                       "partitions, EXPLAIN); this file runs in make test's PostgreSQL pass")


@pytest.mark.django_db(transaction=False)
def test_the_builder_makes_a_consistent_small_country():
    logged_before = AccessLogEntry.objects.count()
    built = build(24, quiet=True, log_rows_per_case=3)
    assert Case.objects.count() == 24
    assert Person.objects.count() == 3 * 24 == Participant.objects.count()
    assert AccessLogEntry.objects.count() - logged_before == 3 * 24
    assert Assignment.objects.filter(case_id=built.case, user_id=built.worker, ended_at__isnull=True).exists()
    assert Case.objects.get(pk=built.case).reference == built.case_reference
    assert Case.objects.filter(household__name__contains=SEARCH_TERM, team__name="Meetteam").count() == 12
    assert Person.objects.filter(last_name=SEARCH_TERM).count() == 3 * 12
    # every case has one assignment; open ones active, to a worker of the case's own team
    assert Assignment.objects.count() == 24
    assert not Assignment.objects.exclude(user__memberships__team=models.F("case__team")).exists()
    assert Assignment.objects.filter(ended_at__isnull=True).count() == Case.objects.filter(status="open").count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {partitions.DEFAULT_PARTITION}")
        assert cursor.fetchone()[0] == 0  # every row in its month
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE %s AND relrowsecurity",
                       [partitions.TABLE + "_y%"])
        assert cursor.fetchone()[0] >= 36  # attached months are guarded like made ones
    # a log row is about a case of the reading worker's own team, in that team's municipality
    row = AccessLogEntry.objects.exclude(case_reference="").filter(case_id__isnull=False).first()
    case = Case.objects.select_related("team").get(pk=row.case_id)
    assert case.reference == row.case_reference and row.municipality_id == case.team.municipality_id
    assert case.team.memberships.filter(user__username=row.username).exists()
    # the ids the builder computed are the sequences' next ones: the application can go on adding rows
    assert Case.objects.create(reference="WV-NA-0001", household=case.household, team=case.team,
                               created_by=case.created_by).pk > row.case_id


@pytest.mark.django_db
def test_the_measurement_reports_every_number_for_a_page():
    built = build(10, quiet=True, log_rows_per_case=1)
    [result] = measure.measure(built, repeat=2, only="API casuslijst (medewerker)")
    assert result.status == 200
    assert result.queries > 0 and result.p50 > 0 and result.raw > 0 and result.main_query.startswith("SELECT")
    assert "| API casuslijst (medewerker) | 200 |" in measure.table([result])
