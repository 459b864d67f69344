"""`demo_seed --volume`: three years of synthetic concerns and cases with realistic proportions, in bulk, under a
minute, out of every worker's and coordinator's way, and only once."""

import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wijkveilig.cases.models import Case, CaseStatus
from wijkveilig.demo.volume import PREFIX
from wijkveilig.insight import periods
from wijkveilig.intake.models import Concern


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_volume_demo_shows_patterns_in_every_buurt_and_stays_out_of_the_way():
    started = time.monotonic()
    out = StringIO()
    call_command("demo_seed", "--volume", "--households", "4", stdout=out)
    assert time.monotonic() - started < 60
    assert "Volume for the wijkanalyse" in out.getvalue()

    volume = Concern.objects.filter(household_name__contains="Volume")
    oldest = periods.closed_quarters(timezone.localdate(), count=12)[-1]
    assert volume.filter(received_at__date__lt=periods.next_quarter(oldest)).exists()  # three years back
    last = periods.closed_quarters(timezone.localdate())[0]
    per_buurt = Counter(volume.filter(received_at__date__gte=last, received_at__date__lt=periods.next_quarter(last))
                        .values_list("buurt__code", flat=True))
    assert len(per_buurt) == 8 and min(per_buurt.values()) >= 3  # every buurt, not "a few"
    assert per_buurt["BU99990103"] > per_buurt["BU99990201"]  # more where more households live on the minimum

    colours = Counter(volume.values_list("final_colour", flat=True))
    total = sum(colours.values())
    assert 0.28 < colours["groen"] / total < 0.42 and 0.05 < colours["rood"] / total < 0.15

    assert not Case.objects.filter(reference__startswith=f"{PREFIX}-").exclude(status=CaseStatus.CLOSED).exists()
    assert not volume.open().exists()  # no intake queue fills with them

    before = (Concern.objects.count(), Case.objects.count())
    call_command("demo_seed", "--volume", stdout=StringIO())
    assert (Concern.objects.count(), Case.objects.count()) == before
