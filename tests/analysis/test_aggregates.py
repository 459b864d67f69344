"""Wijkveilig's own figures on the wijkanalyse: every count through the one disclosure rule (rounded to a multiple of
the threshold, adding up, less than one base from the truth), frozen once published, wijk = sum of its buurten."""

from datetime import datetime, time

import pytest
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from wijkveilig.analysis import aggregates, selectors
from wijkveilig.analysis.selectors import Choice
from wijkveilig.areas.models import Municipality
from wijkveilig.cases.models import CaseViolenceForm
from wijkveilig.core import disclosure
from wijkveilig.demo.volume import volume_seed
from wijkveilig.insight import periods
from wijkveilig.insight.models import PublishedTable
from wijkveilig.intake.models import Concern
from wijkveilig.intake.triage import Colour

URL = reverse("analysis:page")


@pytest.fixture
def volume(aworld):
    assert volume_seed(municipality="GM9999", seed=5)["concerns"] > 100
    return aworld


def _choice(quarter=None, area="BU99990101"):
    quarters = periods.closed_quarters(timezone.localdate())
    return Choice(municipality=Municipality.objects.get(code="GM9999"), quarters=quarters,
                  quarter=quarter or quarters[0], indicator="low_income_pct", area_code=area)


def _row(data, kind, code):
    table = next(t for t in data["aggregates"] if t["key"] == kind)
    return next(r for r in table["rows"] if r["code"] == code)


def test_every_published_count_is_a_multiple_of_the_base_near_the_truth(volume):
    choice = _choice()
    data = selectors.analysis(choice)
    base = settings.DISCLOSURE_THRESHOLD
    begin, end = (timezone.make_aware(datetime.combine(d, time.min)) for d in (choice.quarter,
                                                                               periods.next_quarter(choice.quarter)))
    truth = {(r["buurt__code"], r["final_colour"]): r["n"] for r in Concern.objects.filter(
        received_at__gte=begin, received_at__lt=end).values("buurt__code", "final_colour").annotate(n=Count("pk"))}
    row = _row(data, aggregates.CONCERNS, "BU99990101")
    columns = [c.value for c in Colour] + [""]
    for column, shown in zip(columns, row["cells"]):
        assert shown % base == 0
        assert abs(shown - truth.get(("BU99990101", column), 0)) < base
    assert sum(truth.get(("BU99990101", c), 0) for c in columns) >= 5  # the volume shows a pattern, not zeros
    assert row["total"] == sum(row["cells"])  # the rounded table adds up


def test_a_wijk_and_the_municipality_are_the_sums_of_their_published_buurten(volume):
    data = selectors.analysis(_choice())
    for table in data["aggregates"]:
        wijk = next(r for r in table["rows"] if r["code"] == "WK999901")
        buurten = [r for r in table["rows"] if r["code"] in ("BU99990101", "BU99990102", "BU99990103")]
        assert wijk["cells"] == [sum(r["cells"][k] for r in buurten) for k in range(len(wijk["cells"]))]
        municipality = next(r for r in table["rows"] if r["kind"] == "gemeente")
        every = [r for r in table["rows"] if r["kind"] == "buurt"]
        assert municipality["cells"] == [sum(r["cells"][k] for r in every) for k in range(len(wijk["cells"]))]


def test_cases_are_counted_per_form_of_violence(volume):
    choice = _choice(area="BU99990101")
    data = selectors.analysis(choice)
    begin = timezone.make_aware(datetime.combine(choice.quarter, time.min))
    end = timezone.make_aware(datetime.combine(periods.next_quarter(choice.quarter), time.min))
    truth = dict(CaseViolenceForm.objects.filter(case__opened_at__gte=begin, case__opened_at__lt=end,
                                                 case__household__buurt__code="BU99990101")
                 .values_list("form").annotate(n=Count("case", distinct=True)))
    table = next(t for t in data["aggregates"] if t["key"] == aggregates.CASES)
    row = _row(data, aggregates.CASES, "BU99990101")
    for header, shown in zip(table["headers"], row["cells"]):
        form = next((f for f in aggregates.ViolenceForm if f.label == header), None)
        if form is not None:
            assert abs(shown - truth.get(form.value, 0)) < settings.DISCLOSURE_THRESHOLD


def test_a_published_quarter_does_not_change_when_data_arrives_later(volume, as_user):
    client = as_user(volume.policy_officer)
    before = client.get(URL, {"gebied": "BU99990101"}).content.decode()
    quarter = periods.closed_quarters(timezone.localdate())[0]
    late = timezone.make_aware(datetime.combine(quarter, time(12)))
    template = Concern.objects.filter(buurt__code="BU99990101").first()
    Concern.objects.bulk_create([Concern(source=template.source, received_at=late, household_name="Laat (fictief)",
                                         observation="Fictief", buurt=template.buurt, final_colour="rood",
                                         municipality=template.municipality,
                                         computed_colour="rood", submitted_by=volume.coordinator)
                                 for _ in range(7)])
    after = client.get(URL, {"gebied": "BU99990101"}).content.decode()
    section = before.index("Cijfers van Wijkveilig")
    assert after[after.index("Cijfers van Wijkveilig"):] == before[section:]


def test_the_current_quarter_is_never_published(aworld, as_user):
    today = timezone.localdate()
    current = periods.quarter_label(periods.quarter_start(today))
    body = as_user(aworld.coordinator).get(URL, {"kwartaal": current}).content.decode()
    assert f'value="{current}"' not in body  # not offered, and asked for anyway it shows the last closed quarter
    assert f"kwartaal {periods.quarter_label(periods.closed_quarters(today)[0])}" in body


def test_the_published_tables_pass_the_disclosure_audit(volume):
    """What a reader can conclude from a published table alone spans at least `base` values for every count."""
    data = selectors.analysis(_choice())
    base = settings.DISCLOSURE_THRESHOLD
    stored = PublishedTable.objects.get(kind=aggregates.ACTIVITY, period_start=_choice().quarter)
    content = stored.content
    table = disclosure.RoundedTable(base=base, cells=content["cells"], row_totals=content["row_totals"],
                                    column_totals=content["column_totals"], total=content["total"])
    ranges = disclosure.feasible_ranges(table)
    assert all(high - low + 1 >= base for low, high in ranges.values())
    assert data["aggregates"]
