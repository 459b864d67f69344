"""The benchmark's data builder at a tiny size (the harness itself runs only with `make bench-scale`)."""

import pytest
from django.db import connection

from benchmarks.scale import measure
from benchmarks.scale.build import SEARCH_TERM, build
from wijkveilig.audit import partitions
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases.models import Assignment, Case, Participant
from wijkveilig.households.models import Person


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
    if partitions.is_partitioned(connection):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {partitions.DEFAULT_PARTITION}")
            assert cursor.fetchone()[0] == 0  # every row in its month


@pytest.mark.django_db
def test_the_measurement_reports_every_number_for_a_page():
    built = build(10, quiet=True, log_rows_per_case=1)
    [result] = measure.measure(built, repeat=2, only="API casuslijst (medewerker)")
    assert result.status == 200
    assert result.queries > 0 and result.p50 > 0 and result.raw > 0 and result.main_query.startswith("SELECT")
    assert "| API casuslijst (medewerker) | 200 |" in measure.table([result])
